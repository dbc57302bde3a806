'use client'

import { startTransition, useActionState, useId, useState, type FormEvent } from 'react'
import { changeRoleAction } from '@/lib/admin/actions'
import type { FormState } from '@/lib/auth/guard'
import { ROLES, ROLE_LABELS, type Role } from '@/lib/rbac'
import { Button } from '@/components/ui/button'
import { controlClasses } from '@/components/ui/field'
import { cn } from '@/lib/cn'

export interface UserRoleFormProps {
  userId: string
  email: string
  role: Role
  /** The signed-in administrator's own row: shown, not editable (the server refuses it too). */
  isSelf: boolean
}

/** The role of one person, changed in place: a select and a Save button that wakes up on a change. */
export function UserRoleForm({ userId, email, role, isSelf }: UserRoleFormProps) {
  const id = useId()
  const [value, setValue] = useState<Role>(role)
  const [state, submit, pending] = useActionState<FormState | null, Role>((_prev, next) => changeRoleAction({ userId, role: next }), null)
  const error = state && !state.ok ? state.message : undefined

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    startTransition(() => submit(value))
  }

  if (isSelf) {
    return (
      <span className="text-sm text-ink">
        {ROLE_LABELS[role]}
        <span className="block text-xs text-ink-muted">Your own role cannot be changed here</span>
      </span>
    )
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-1">
      <div className="flex items-center gap-2">
        <label htmlFor={id} className="sr-only">
          Role of {email}
        </label>
        <select
          id={id}
          value={value}
          onChange={(e) => setValue(e.target.value as Role)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-msg`}
          className={cn(controlClasses, 'h-8 w-44 min-w-44')}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <Button type="submit" size="sm" loading={pending} disabled={value === role}>
          Save<span className="sr-only"> role of {email}</span>
        </Button>
      </div>
      <p id={`${id}-msg`} aria-live="polite" className={cn('text-xs', error ? 'font-medium text-critical-fg' : 'text-ok-fg')}>
        {error ?? (state?.ok && value === role ? 'Saved' : '')}
      </p>
    </form>
  )
}
