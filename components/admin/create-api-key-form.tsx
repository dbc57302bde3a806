'use client'

import { createContext, useContext, useId, useState, type ReactNode } from 'react'
import { createApiKeyAction } from '@/lib/admin/actions'
import { API_KEY_ENVIRONMENTS, API_KEY_NAME_MAX, API_KEY_NAME_RULE, ApiKeyName } from '@/lib/admin/schema'
import { ENVIRONMENT_LABELS } from '@/lib/flags/schema'
import { API_SCOPES, API_SCOPE_LABELS } from '@/lib/rbac'
import { CheckboxField, InputField, SelectField } from '@/components/ui/field'
import { Icon } from '@/components/ui/icons'
import { FormMessage } from '@/components/ui/form-message'
import { SecretReveal } from './secret-reveal'
import { LabelledOptions, SubmitButton } from '@/components/ui/form-parts'
import { errorsUnder } from '@/components/ui/use-action-form'
import { useFormAction } from '@/components/ui/use-form-action'

/** A chosen day as the end of that day in the viewer's time zone: "expires on the 31st" keeps the 31st. */
function endOfLocalDay(day: string): string {
  const d = new Date(`${day}T23:59:59.999`)
  return Number.isNaN(d.getTime()) ? day : d.toISOString()
}

/** What is wrong with a name as typed, by the server's own rule (lib/admin/schema.ts); undefined when fine. */
export function nameProblem(value: string): string | undefined {
  const parsed = ApiKeyName.safeParse(value)
  return parsed.success ? undefined : parsed.error.issues[0]?.message
}

interface NewKey {
  name: string
  key: string
}

const NewKeyContext = createContext<{ created: NewKey | null; setCreated: (k: NewKey | null) => void } | null>(null)

/**
 * Holds the key just created, so that the page can show it at its top (NewApiKeyReveal) while the form
 * stays further down. Without it, the form shows the key under itself.
 */
export function NewApiKeyProvider({ children }: { children: ReactNode }) {
  const [created, setCreated] = useState<NewKey | null>(null)
  return <NewKeyContext.Provider value={{ created, setCreated }}>{children}</NewKeyContext.Provider>
}

const NOTE =
  "Copy it now and store it in the calling system's secret store. You won't see this key again: Wardroom keeps only a hash. If it is lost, revoke it and create a new one."

function Reveal({ created, onDismiss }: { created: NewKey; onDismiss?: () => void }) {
  return <SecretReveal key={created.key} label={`New API key “${created.name}”`} value={created.key} note={NOTE} focusOnShow onDismiss={onDismiss} />
}

/** The one-time key, where the page puts it (the top), focused, with its copy button. */
export function NewApiKeyReveal() {
  const context = useContext(NewKeyContext)
  if (!context?.created) return null
  return <Reveal created={context.created} onDismiss={() => context.setCreated(null)} />
}

/**
 * Creates an API key. The form sends a plain object, not FormData: FormData turned into an object keeps
 * only one value per name, and a key must get every scope that was ticked. The name is checked as it is
 * typed, by the same schema the server uses.
 */
export function CreateApiKeyForm() {
  const scopesId = useId()
  const context = useContext(NewKeyContext)
  const [own, setOwn] = useState<NewKey | null>(null)
  const [nameError, setNameError] = useState<string | undefined>(undefined)
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
    {
      onResult: (result, form) => {
        if (!result.ok || !result.data) return
        form?.reset()
        setNameError(undefined)
        const created = { name: result.data.name, key: result.data.key }
        if (context) context.setCreated(created)
        else setOwn(created)
      },
    },
  )
  const scopeErrors = errorsUnder(errors, 'scopes')

  return (
    <div className="space-y-4">
      <form
        ref={formRef}
        onSubmit={(e) => {
          const field = e.currentTarget.elements.namedItem('name')
          const problem = field instanceof HTMLInputElement ? nameProblem(field.value) : undefined
          if (problem && field instanceof HTMLInputElement) {
            e.preventDefault()
            setNameError(problem)
            field.focus()
            return
          }
          onSubmit(e)
        }}
        className="space-y-4"
        aria-label="Create an API key"
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <InputField
            label="Name"
            name="name"
            required
            maxLength={API_KEY_NAME_MAX}
            autoComplete="off"
            hint={<>The system that will use it, e.g. “Epic alert bridge”. {API_KEY_NAME_RULE}</>}
            // As typed: a name that breaks the rule says so at once, not after submitting.
            onChange={(e) => setNameError(e.currentTarget.value === '' ? undefined : nameProblem(e.currentTarget.value))}
            onBlur={(e) => setNameError(nameProblem(e.currentTarget.value))}
            error={nameError ?? errors.name}
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
        <FormMessage state={state?.ok && context ? { ...state, message: `${state.message} It is shown at the top of the page.` } : state} />
        <SubmitButton pending={pending} pendingLabel="Creating…">
          Create key
        </SubmitButton>
      </form>
      {own && <Reveal created={own} onDismiss={() => setOwn(null)} />}
    </div>
  )
}
