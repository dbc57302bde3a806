'use client'

import { useEffect, useRef, useState } from 'react'
import { revokeApiKeyAction } from '@/lib/admin/actions'
import type { FormState } from '@/lib/auth/guard'
import { ConfirmButton } from '@/components/ui/confirm-button'

export interface RevokeApiKeyButtonProps {
  keyId: string
  name: string
  prefix: string
  revoked: boolean
}

/**
 * Revokes a key after asking once. The button disappears when the row re-renders as revoked, so the
 * outcome is announced here and takes the focus, which would otherwise fall back to the top of the page.
 */
export function RevokeApiKeyButton({ keyId, name, prefix, revoked }: RevokeApiKeyButtonProps) {
  const [result, setResult] = useState<FormState | null>(null)
  const messageRef = useRef<HTMLParagraphElement>(null)

  useEffect(() => {
    if (result?.ok) messageRef.current?.focus()
  }, [result, revoked])

  async function revoke() {
    const r = await revokeApiKeyAction({ keyId })
    if (r.ok) setResult(r)
    return r
  }

  if (revoked && !result) return null
  return (
    <div className="flex flex-col items-end gap-1">
      {!revoked && (
        <ConfirmButton
          size="sm"
          title={`Revoke the key “${name}”?`}
          description={
            <>
              Every call made with <code className="font-mono">{prefix}…</code> is refused from now on. A revoked key cannot be
              restored: the system using it needs a new key. The revocation is recorded in the audit log.
            </>
          }
          confirmLabel="Revoke key"
          confirmAction={revoke}
        >
          Revoke<span className="sr-only"> key {name}</span>
        </ConfirmButton>
      )}
      <p ref={messageRef} tabIndex={-1} aria-live="polite" className="max-w-56 text-right text-xs text-ink-muted">
        {result?.message}
      </p>
    </div>
  )
}
