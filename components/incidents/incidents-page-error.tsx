'use client'

import { ButtonLink } from '@/components/ui/button'
import { ErrorState } from '@/components/ui/error-state'

/** The error.tsx body of the incident pages: what failed, a reference for the logs, and a way forward. */
export function IncidentsPageError({ title, error, retry }: { title: string; error: unknown; retry: () => void }) {
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : undefined
  return (
    <ErrorState title={title} onRetry={retry} action={<ButtonLink href="/incidents" size="sm" variant="ghost">Incident board</ButtonLink>}>
      <p>
        The server could not answer{digest ? ` (reference ${digest})` : ''}. If the database was briefly unavailable, trying again usually
        works; if it keeps failing, give the reference to whoever runs Wardroom.
      </p>
    </ErrorState>
  )
}
