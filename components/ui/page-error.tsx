'use client'

import { ButtonLink } from './button'
import { ErrorState } from './error-state'

export interface PageErrorProps {
  /** What could not be loaded, e.g. "The audit log could not be loaded". */
  title: string
  /** The error an error.tsx receives; its digest is shown as a reference for the server logs. */
  error: unknown
  retry: () => void
}

export interface PageErrorOwnProps extends PageErrorProps {
  /** A way forward besides trying again, e.g. back to the area's list. */
  back?: { href: string; label: string }
  /** The first words, before the reference. */
  lead?: string
  /** What the person can do, after the reference. */
  advice?: string
}

const DEFAULT_ADVICE = 'If the database was briefly unavailable, trying again usually works; if it keeps failing, give the reference to whoever runs Wardroom.'

/** An error.tsx body: what failed, a reference for the logs, "Try again" and a way forward. Never a stack trace. */
export function PageError({ title, error, retry, back, lead = 'The server could not answer', advice = DEFAULT_ADVICE }: PageErrorOwnProps) {
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : undefined
  return (
    <ErrorState
      title={title}
      onRetry={retry}
      action={
        back && (
          <ButtonLink href={back.href} size="sm" variant="ghost">
            {back.label}
          </ButtonLink>
        )
      }
    >
      <p>
        {lead}
        {digest ? ` (reference ${digest})` : ''}. {advice}
      </p>
    </ErrorState>
  )
}
