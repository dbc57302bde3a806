'use client'

import { ErrorState } from '@/components/ui/error-state'
import { ButtonLink } from '@/components/ui/button'

export interface AdminPageErrorProps {
  /** What could not be loaded, e.g. "The audit log could not be loaded". */
  title: string
  error: unknown
  retry: () => void
}

/** The error.tsx body of the admin pages: what failed, a reference for the logs, and a way forward. */
export function AdminPageError({ title, error, retry }: AdminPageErrorProps) {
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : undefined
  return (
    <ErrorState title={title} onRetry={retry} action={<ButtonLink href="/admin" size="sm" variant="ghost">Administration</ButtonLink>}>
      <p>
        The server could not answer{digest ? ` (reference ${digest})` : ''}. If the database was briefly unavailable, trying
        again usually works; if it keeps failing, give the reference to whoever runs Wardroom.
      </p>
    </ErrorState>
  )
}
