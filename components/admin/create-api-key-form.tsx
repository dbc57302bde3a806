'use client'

import { startTransition, useActionState, useId, useRef, type FormEvent } from 'react'
import { createApiKeyAction, type CreatedApiKeyData } from '@/lib/admin/actions'
import { API_KEY_ENVIRONMENTS } from '@/lib/admin/schema'
import type { FormState } from '@/lib/auth/guard'
import { API_SCOPES, API_SCOPE_LABELS } from '@/lib/rbac'
import { Button } from '@/components/ui/button'
import { CheckboxField, InputField, SelectField } from '@/components/ui/field'
import { Icon } from '@/components/ui/icons'
import { FormMessage } from '@/components/ui/form-message'
import { SecretReveal } from './secret-reveal'
import { useFocusFirstInvalid } from '@/components/ui/use-focus-first-invalid'

type State = FormState<CreatedApiKeyData> | null

const ENVIRONMENT_LABELS: Record<(typeof API_KEY_ENVIRONMENTS)[number], string> = {
  development: 'Development',
  staging: 'Staging',
  production: 'Production',
}

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
  const formRef = useRef<HTMLFormElement>(null)
  const scopesId = useId()
  const [state, submit, pending] = useActionState<State, FormData>(async (_prev, form) => {
    const expires = String(form.get('expiresAt') ?? '')
    const result = await createApiKeyAction({
      name: form.get('name'),
      environment: form.get('environment'),
      scopes: form.getAll('scopes'),
      expiresAt: expires ? endOfLocalDay(expires) : '',
    })
    if (result.ok) formRef.current?.reset()
    return result
  }, null)
  useFocusFirstInvalid(formRef, state)
  const errors = state?.fieldErrors ?? {}
  const scopeErrors = Object.entries(errors)
    .filter(([k]) => k === 'scopes' || k.startsWith('scopes.'))
    .flatMap(([, v]) => v)

  // A transition rather than `action=`, so a refused submit keeps what was typed and ticked.
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    startTransition(() => submit(form))
  }

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
            {API_KEY_ENVIRONMENTS.map((e) => (
              <option key={e} value={e}>
                {ENVIRONMENT_LABELS[e]}
              </option>
            ))}
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
        <Button type="submit" variant="primary" loading={pending}>
          {pending ? 'Creating…' : 'Create key'}
        </Button>
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
