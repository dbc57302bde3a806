'use client'

import { startTransition, useActionState, useRef, type FormEvent } from 'react'
import { createUserAction, type CreatedUserData } from '@/lib/admin/actions'
import { PASSWORD_MIN_LENGTH } from '@/lib/admin/schema'
import type { FormState } from '@/lib/auth/guard'
import { ROLES, ROLE_LABELS } from '@/lib/rbac'
import { Button } from '@/components/ui/button'
import { InputField, SelectField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SecretReveal } from './secret-reveal'
import { useFocusFirstInvalid } from '@/components/ui/use-focus-first-invalid'

type State = FormState<CreatedUserData> | null

/** Adds a person. Without a password, one is generated and shown here once. */
export function CreateUserForm() {
  const formRef = useRef<HTMLFormElement>(null)
  const [state, submit, pending] = useActionState<State, FormData>(async (_prev, form) => {
    const result = await createUserAction(form)
    if (result.ok) formRef.current?.reset()
    return result
  }, null)
  useFocusFirstInvalid(formRef, state)
  const errors = state?.fieldErrors ?? {}

  // Submitting through a transition instead of `action=` keeps what was typed when the server refuses it
  // (React resets a form after every `action=` submission).
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    startTransition(() => submit(form))
  }

  return (
    <div className="space-y-4">
      <form ref={formRef} onSubmit={onSubmit} className="space-y-4" aria-label="Add a person">
        <div className="grid gap-4 sm:grid-cols-2">
          <InputField label="Work e-mail" name="email" type="email" autoComplete="off" required maxLength={254} error={errors.email} />
          <InputField label="Name" name="name" autoComplete="off" maxLength={120} hint="Defaults to the part of the e-mail before @." error={errors.name} />
          <SelectField label="Role" name="role" required defaultValue="viewer" error={errors.role}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </SelectField>
          <InputField
            label="Initial password"
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={PASSWORD_MIN_LENGTH}
            maxLength={256}
            hint={`Optional. Leave empty to generate a strong one; at least ${PASSWORD_MIN_LENGTH} characters otherwise.`}
            error={errors.password}
          />
        </div>
        <FormMessage state={state} />
        <Button type="submit" variant="primary" loading={pending}>
          {pending ? 'Adding…' : 'Add person'}
        </Button>
      </form>
      {state?.ok && state.data?.generatedPassword && (
        <SecretReveal
          label={`Initial password for ${state.data.email}`}
          value={state.data.generatedPassword}
          note="Copy it now and give it to them through a secure channel. You won't see this password again."
        />
      )}
    </div>
  )
}
