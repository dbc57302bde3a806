'use client'

import { createUserAction, type CreatedUserData } from '@/lib/admin/actions'
import { PASSWORD_MIN_LENGTH } from '@/lib/admin/schema'
import { ROLES, ROLE_LABELS } from '@/lib/rbac'
import { InputField, SelectField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SecretReveal } from './secret-reveal'
import { LabelledOptions, SubmitButton } from '@/components/ui/form-parts'
import { resetOnSuccess, useFormAction } from '@/components/ui/use-form-action'

/** Adds a person. Without a password, one is generated and shown here once. */
export function CreateUserForm() {
  const { formRef, state, pending, onSubmit, errors } = useFormAction<CreatedUserData>(createUserAction, { onResult: resetOnSuccess })

  return (
    <div className="space-y-4">
      <form ref={formRef} onSubmit={onSubmit} className="space-y-4" aria-label="Add a person">
        <div className="grid gap-4 sm:grid-cols-2">
          <InputField label="Work e-mail" name="email" type="email" autoComplete="off" required maxLength={254} error={errors.email} />
          <InputField label="Name" name="name" autoComplete="off" maxLength={120} hint="Defaults to the part of the e-mail before @." error={errors.name} />
          <SelectField label="Role" name="role" required defaultValue="viewer" error={errors.role}>
            <LabelledOptions values={ROLES} labels={ROLE_LABELS} />
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
        <SubmitButton pending={pending} pendingLabel="Adding…">
          Add person
        </SubmitButton>
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
