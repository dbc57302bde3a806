'use client'

import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { FormState } from '@/lib/auth/guard'
import { ConfirmButton } from '@/components/ui/confirm-button'

export interface RevokeButtonProps {
  revoked: boolean
  /** Calls the revoke action. */
  revoke: () => Promise<FormState>
  title: string
  description: ReactNode
  confirmLabel: string
  /** Read after "Revoke" by screen readers, e.g. "key Triage bridge". */
  subject: string
}

/**
 * Revokes a credential after asking once. The button disappears when the row re-renders as revoked, so the
 * outcome is announced here and takes the focus, which would otherwise fall back to the top of the page.
 */
export function RevokeButton({ revoked, revoke, title, description, confirmLabel, subject }: RevokeButtonProps) {
  const [result, setResult] = useState<FormState | null>(null)
  const messageRef = useRef<HTMLParagraphElement>(null)

  useEffect(() => {
    if (result?.ok) messageRef.current?.focus()
  }, [result, revoked])

  async function confirm() {
    const r = await revoke()
    if (r.ok) setResult(r)
    return r
  }

  if (revoked && !result) return null
  return (
    <div className="flex flex-col items-end gap-1">
      {!revoked && (
        <ConfirmButton size="sm" title={title} description={description} confirmLabel={confirmLabel} confirmAction={confirm}>
          Revoke<span className="sr-only"> {subject}</span>
        </ConfirmButton>
      )}
      <p ref={messageRef} tabIndex={-1} aria-live="polite" className="max-w-56 text-right text-xs text-ink-muted">
        {result?.message}
      </p>
    </div>
  )
}
