'use client'

import { useEffect, useRef, useState, useTransition } from 'react'
import { disableUserAction, enableUserAction } from '@/lib/admin/actions'
import type { FormState } from '@/lib/auth/guard'
import { Button } from '@/components/ui/button'
import { ConfirmButton } from '@/components/ui/confirm-button'
import { cn } from '@/lib/cn'

export interface UserStatusControlProps {
  userId: string
  email: string
  disabled: boolean
  isSelf: boolean
}

/**
 * Disable (asks once: the person is signed out at once) or enable an account. The button that was used is
 * replaced when the row re-renders, so the outcome is announced here and takes the focus, which would
 * otherwise fall back to the top of the page.
 */
export function UserStatusControl({ userId, email, disabled, isSelf }: UserStatusControlProps) {
  const [result, setResult] = useState<FormState | null>(null)
  const [enabling, startEnabling] = useTransition()
  const messageRef = useRef<HTMLParagraphElement>(null)

  useEffect(() => {
    if (result?.ok) messageRef.current?.focus()
  }, [result, disabled])

  async function enable() {
    setResult(await enableUserAction({ userId }))
  }

  // A refusal stays in the dialog (ConfirmButton shows it there); only a success is reported here.
  async function disable() {
    const r = await disableUserAction({ userId })
    if (r.ok) setResult(r)
    return r
  }

  if (isSelf) return <span className="text-xs text-ink-muted">This is you</span>

  return (
    <div className="flex flex-col items-end gap-1">
      {disabled ? (
        <Button size="sm" loading={enabling} onClick={() => startEnabling(enable)}>
          Enable<span className="sr-only"> {email}</span>
        </Button>
      ) : (
        <ConfirmButton
          size="sm"
          title={`Disable ${email}?`}
          description="They are signed out at once and cannot sign in until an administrator enables the account again. Their history stays; the change is recorded in the audit log."
          confirmLabel="Disable account"
          confirmAction={disable}
        >
          Disable<span className="sr-only"> {email}</span>
        </ConfirmButton>
      )}
      <p
        ref={messageRef}
        tabIndex={-1}
        aria-live="polite"
        className={cn('max-w-56 text-right text-xs', result && !result.ok ? 'font-medium text-critical-fg' : 'text-ink-muted')}
      >
        {result?.message}
      </p>
    </div>
  )
}
