'use client'

import { useState } from 'react'
import { resetPasswordAction } from '@/lib/admin/actions'
import { ConfirmButton } from '@/components/ui/confirm-button'
import { SecretReveal } from './secret-reveal'

/** Sets a new generated password after asking once, and shows it once. */
export function ResetPasswordButton({ userId, email }: { userId: string; email: string }) {
  const [password, setPassword] = useState<string | null>(null)

  async function reset() {
    const r = await resetPasswordAction({ userId })
    if (r.ok && r.data) setPassword(r.data.password)
    return r
  }

  return (
    <div className="flex flex-col items-end gap-2">
      <ConfirmButton
        size="sm"
        variant="secondary"
        title={`Reset the password of ${email}?`}
        description="A new password is generated and shown to you once; the old one stops working. The reset is recorded in the audit log."
        confirmLabel="Reset password"
        confirmAction={reset}
      >
        Reset password<span className="sr-only"> of {email}</span>
      </ConfirmButton>
      {password && (
        <div className="w-72 text-left">
          <SecretReveal
            label={`New password for ${email}`}
            value={password}
            note="Give it to them through a secure channel. You won't see it again."
          />
        </div>
      )}
    </div>
  )
}
