'use client'

import { useId } from 'react'
import { createApiKeyAction } from '@/lib/admin/actions'
import { API_KEY_ENVIRONMENTS } from '@/lib/admin/schema'
import { ENVIRONMENT_LABELS } from '@/lib/flags/schema'
import { API_SCOPES, API_SCOPE_LABELS } from '@/lib/rbac'
import { CheckboxField, InputField, SelectField } from '@/components/ui/field'
import { Icon } from '@/components/ui/icons'
import { FormMessage } from '@/components/ui/form-message'
import { SecretReveal } from './secret-reveal'
import { LabelledOptions, SubmitButton } from '@/components/ui/form-parts'
import { errorsUnder } from '@/components/ui/use-action-form'
import { resetOnSuccess, useFormAction } from '@/components/ui/use-form-action'

/** A chosen day as the end of that day in the viewer's time zone: "expires on the 31st" keeps the 31st. */
function endOfLocalDay(day: string): string {
  const d = new Date(`${day}T23:59:59.999`)
  return Number.isNaN(d.getTime()) ? day : d.toISOString()
}

/**
 * Creates an API key. The form sends a plain object, not FormData: FormData turned into an object keeps
 * only one value per name, and a key must get every scope that was ticked.
 */
export function CreateApiKeyForm() {
  const scopesId = useId()
  const { formRef, state, pending, onSubmit, errors } = useFormAction(
    (form) => {
      const expires = String(form.get('expiresAt') ?? '')
      return createApiKeyAction({
        name: form.get('name'),
        environment: form.get('environment'),
        scopes: form.getAll('scopes'),
        expiresAt: expires ? endOfLocalDay(expires) : '',
      })
    },
    { onResult: resetOnSuccess },
  )
  const scopeErrors = errorsUnder(errors, 'scopes')

  return (
    <div className="space-y-4">
      <form ref={formRef} onSubmit={onSubmit} className="space-y-4" aria-label="Create an API key">
        <div className="grid gap-4 sm:grid-cols-2">
          <InputField
            label="Name"
            name="name"
            required
            maxLength={80}
            autoComplete="off"
            hint="The system that will use it, e.g. “Epic alert bridge”."
            error={errors.name}
          />
          <SelectField label="Environment" name="environment" defaultValue="production" hint="Flags are evaluated in this environment." error={errors.environment}>
            <LabelledOptions values={API_KEY_ENVIRONMENTS} labels={ENVIRONMENT_LABELS} />
          </SelectField>
          <InputField label="Expires on" name="expiresAt" type="date" hint="Optional. The key stops working at the end of this day." error={errors.expiresAt} />
        </div>
        <fieldset aria-describedby={scopeErrors.length ? `${scopesId}-error` : `${scopesId}-hint`} className="space-y-2">
          <legend className="text-sm font-medium text-ink">
            Scopes<span className="font-normal text-ink-faint"> (at least one)</span>
          </legend>
          <p id={`${scopesId}-hint`} className="text-xs text-ink-muted">
            Give only what the system needs: a key can do nothing outside its scopes.
          </p>
          <div className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
            {API_SCOPES.map((s) => (
              <CheckboxField
                key={s}
                name="scopes"
                value={s}
                label={<code className="font-mono text-[13px]">{s}</code>}
                hint={API_SCOPE_LABELS[s]}
                aria-invalid={scopeErrors.length ? true : undefined}
              />
            ))}
          </div>
          {scopeErrors.length > 0 && (
            <p id={`${scopesId}-error`} className="flex items-start gap-1 text-xs font-medium text-critical-fg">
              <Icon name="alert-circle" size={14} className="mt-px" />
              <span>{scopeErrors[0]}</span>
            </p>
          )}
        </fieldset>
        <FormMessage state={state} />
        <SubmitButton pending={pending} pendingLabel="Creating…">
          Create key
        </SubmitButton>
      </form>
      {state?.ok && state.data && (
        <SecretReveal
          label={`New API key “${state.data.name}”`}
          value={state.data.key}
          note="Copy it now and store it in the calling system's secret store. You won't see this key again: Wardroom keeps only a hash. If it is lost, revoke it and create a new one."
        />
      )}
    </div>
  )
}
