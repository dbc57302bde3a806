'use client'

import { ButtonLink } from '@/components/ui/button'
import { ErrorState } from '@/components/ui/error-state'

export interface SloPageErrorProps {
  title: string
  error: unknown
  retry: () => void
}

/** The error.tsx body of the SLO pages: what failed, a reference for the logs, a way back. */
export function SloPageError({ title, error, retry }: SloPageErrorProps) {
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : undefined
  return (
    <ErrorState title={title} onRetry={retry} action={<ButtonLink href="/slo" size="sm" variant="ghost">All objectives</ButtonLink>}>
      <p>
        The server could not answer{digest ? ` (reference ${digest})` : ''}. Trying again usually works if the database was briefly
        unavailable; if it keeps failing, give the reference to whoever runs Wardroom.
      </p>
    </ErrorState>
  )
}
