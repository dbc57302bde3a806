'use client'

import { saveProbeAction } from '@/lib/probes/actions'
import { MIN_INTERVAL_SECONDS } from '@/lib/probes/schema'
import { CheckboxField, InputField, SelectField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { NamedOptions, SubmitButton } from '@/components/ui/form-parts'
import { resetOnSuccess, useFormAction } from '@/components/ui/use-form-action'

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
  latencyThresholdMs: number
  enabled: boolean
}

export interface ProbeFormProps {
  probe?: EditableProbe
  services: { id: string; name: string }[]
}

/** Adds or edits an HTTP health check of a service. */
export function ProbeForm({ probe, services }: ProbeFormProps) {
  // A new probe's form is cleared after it is added; an edited one keeps its values.
  const { formRef, state, pending, onSubmit, errors } = useFormAction(saveProbeAction, { onResult: probe ? undefined : resetOnSuccess })

  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" aria-label={probe ? `Edit ${probe.name}` : 'Add a probe'}>
      {probe && <input type="hidden" name="id" value={probe.id} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField label="Name" name="name" required maxLength={100} defaultValue={probe?.name} error={errors.name} />
        <SelectField label="Service" name="serviceId" required defaultValue={probe?.serviceId ?? ''} error={errors.serviceId}>
          <NamedOptions items={services} placeholder="Choose a service" />
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
      <div className="grid gap-4 sm:grid-cols-3 lg:grid-cols-6">
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
        <InputField
          label="Latency threshold (ms)"
          name="latencyThresholdMs"
          inputMode="numeric"
          defaultValue={probe?.latencyThresholdMs ?? 500}
          hint="Slower answers, as many in a row as “Failures to open”, open a degraded-performance incident."
          error={errors.latencyThresholdMs}
        />
      </div>
      <CheckboxField label="Enabled" name="enabled" defaultChecked={probe?.enabled ?? true} />
      <FormMessage state={state} />
      <SubmitButton pending={pending} pendingLabel="Saving…" disabled={services.length === 0}>
        {probe ? 'Save probe' : 'Add probe'}
      </SubmitButton>
    </form>
  )
}
