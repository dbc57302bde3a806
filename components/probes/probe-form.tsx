'use client'

import { startTransition, useActionState, useRef, type FormEvent } from 'react'
import { saveProbeAction } from '@/lib/probes/actions'
import { MIN_INTERVAL_SECONDS } from '@/lib/probes/schema'
import type { FormState } from '@/lib/auth/guard'
import { Button } from '@/components/ui/button'
import { CheckboxField, InputField, SelectField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { useFocusFirstInvalid } from '@/components/ui/use-focus-first-invalid'

type State = FormState<{ id: string }> | null

export interface EditableProbe {
  id: string
  serviceId: string
  name: string
  url: string
  expectedStatus: number
  timeoutMs: number
  intervalSeconds: number
  failureThreshold: number
  successThreshold: number
  enabled: boolean
}

export interface ProbeFormProps {
  probe?: EditableProbe
  services: { id: string; name: string }[]
}

/** Adds or edits an HTTP health check of a service. */
export function ProbeForm({ probe, services }: ProbeFormProps) {
  const formRef = useRef<HTMLFormElement>(null)
  const [state, submit, pending] = useActionState<State, FormData>(async (_prev, form) => {
    const result = await saveProbeAction(form)
    if (result.ok && !probe) formRef.current?.reset()
    return result
  }, null)
  useFocusFirstInvalid(formRef, state)
  const errors = state?.fieldErrors ?? {}

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    startTransition(() => submit(form))
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" aria-label={probe ? `Edit ${probe.name}` : 'Add a probe'}>
      {probe && <input type="hidden" name="id" value={probe.id} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField label="Name" name="name" required maxLength={100} defaultValue={probe?.name} error={errors.name} />
        <SelectField label="Service" name="serviceId" required defaultValue={probe?.serviceId ?? ''} error={errors.serviceId}>
          <option value="" disabled>
            Choose a service
          </option>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <InputField
          label="URL"
          name="url"
          type="url"
          required
          className="sm:col-span-2"
          placeholder="https://triage.internal/healthz"
          defaultValue={probe?.url}
          hint="Checked with a GET request; redirects are not followed. Internal and private addresses are refused unless the server allow-lists them (WARDROOM_OUTBOUND_ALLOW)."
          error={errors.url}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-3 lg:grid-cols-5">
        <InputField label="Expected status" name="expectedStatus" inputMode="numeric" defaultValue={probe?.expectedStatus ?? 200} error={errors.expectedStatus} />
        <InputField label="Timeout (ms)" name="timeoutMs" inputMode="numeric" defaultValue={probe?.timeoutMs ?? 5000} error={errors.timeoutMs} />
        <InputField
          label="Interval (s)"
          name="intervalSeconds"
          type="number"
          min={MIN_INTERVAL_SECONDS}
          defaultValue={probe?.intervalSeconds ?? 60}
          hint={`At least ${MIN_INTERVAL_SECONDS} s.`}
          error={errors.intervalSeconds}
        />
        <InputField label="Failures to open" name="failureThreshold" inputMode="numeric" defaultValue={probe?.failureThreshold ?? 3} hint="In a row." error={errors.failureThreshold} />
        <InputField label="Successes to resolve" name="successThreshold" inputMode="numeric" defaultValue={probe?.successThreshold ?? 3} hint="In a row." error={errors.successThreshold} />
      </div>
      <CheckboxField label="Enabled" name="enabled" defaultChecked={probe?.enabled ?? true} />
      <FormMessage state={state} />
      <Button type="submit" variant="primary" loading={pending} disabled={services.length === 0}>
        {pending ? 'Saving…' : probe ? 'Save probe' : 'Add probe'}
      </Button>
    </form>
  )
}
