'use client'

import { ButtonLink } from '@/components/ui/button'
import { ErrorState } from '@/components/ui/error-state'

export interface FlagPageErrorProps {
  title: string
  error: unknown
  retry: () => void
}

/** The error.tsx body of the flag pages: what failed, a reference for the logs, a way forward. */
export function FlagPageError({ title, error, retry }: FlagPageErrorProps) {
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : undefined
  return (
    <ErrorState title={title} onRetry={retry} action={<ButtonLink href="/flags" size="sm" variant="ghost">All flags</ButtonLink>}>
      <p>
        The server could not answer{digest ? ` (reference ${digest})` : ''}. If the database was briefly unavailable, trying again usually works;
        flag evaluations (OFREP) are served from memory and are not affected.
      </p>
    </ErrorState>
  )
}
