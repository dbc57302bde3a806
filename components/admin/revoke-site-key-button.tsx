'use client'

import { useEffect, useRef, useState } from 'react'
import { revokeSiteKeyAction } from '@/lib/feedback/site-key-actions'
import type { FormState } from '@/lib/auth/guard'
import { ConfirmButton } from '@/components/ui/confirm-button'

/** Revokes a widget site key after asking once; the outcome is announced and focused (the row re-renders). */
export function RevokeSiteKeyButton({ siteKeyId, name, revoked }: { siteKeyId: string; name: string; revoked: boolean }) {
  const [result, setResult] = useState<FormState | null>(null)
  const messageRef = useRef<HTMLParagraphElement>(null)

  useEffect(() => {
    if (result?.ok) messageRef.current?.focus()
  }, [result, revoked])

  async function revoke() {
    const r = await revokeSiteKeyAction({ siteKeyId })
    if (r.ok) setResult(r)
    return r
  }

  if (revoked && !result) return null
  return (
    <div className="flex flex-col items-end gap-1">
      {!revoked && (
        <ConfirmButton
          size="sm"
          title={`Revoke the site key “${name}”?`}
          description="The widget on the host app's pages stops accepting feedback at once: its reports are refused. A revoked key cannot be restored; the host needs a new key and script tag. The revocation is recorded in the audit log."
          confirmLabel="Revoke site key"
          confirmAction={revoke}
        >
          Revoke<span className="sr-only"> site key {name}</span>
        </ConfirmButton>
      )}
      <p ref={messageRef} tabIndex={-1} aria-live="polite" className="max-w-56 text-right text-xs text-ink-muted">
        {result?.message}
      </p>
    </div>
  )
}
