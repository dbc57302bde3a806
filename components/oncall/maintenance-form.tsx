'use client'

import type { FormEvent } from 'react'
import { createMaintenanceAction } from '@/lib/oncall/actions'
import { InputField, SelectField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { NamedOptions, SubmitButton } from '@/components/ui/form-parts'
import { useActionForm } from '@/components/ui/use-action-form'
import { windowInput } from './window-input'
import { ViewerZoneName } from '@/components/ui/viewer-time'

/** A service in a picker: its name and key. */
export const serviceOptionLabel = (s: { key: string; name: string }) => `${s.name} (${s.key})`

/** Schedules a maintenance window: the service's new incidents are muted (recorded, not notified or escalated). */
export function MaintenanceForm({ services }: { services: readonly { id: string; key: string; name: string }[] }) {
  const { state, pending, run, errors } = useActionForm(createMaintenanceAction)

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = e.currentTarget
    const data = new FormData(form)
    run({ serviceId: data.get('serviceId'), ...windowInput(data) }, () => form.reset())
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-label="Schedule maintenance">
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
        <SelectField label="Service" name="serviceId" required defaultValue="" error={errors.serviceId}>
          {/* With its key: two services may share a name, never a key. */}
          <NamedOptions items={services.map((s) => ({ id: s.id, name: serviceOptionLabel(s) }))} placeholder="Choose a service…" />
        </SelectField>
        <InputField label="Starts" name="startsAt" type="datetime-local" required hint={<>In <ViewerZoneName /></>} error={errors.startsAt} />
        <InputField label="Ends" name="endsAt" type="datetime-local" required hint={<>In <ViewerZoneName />; at most 30 days.</>} error={errors.endsAt} />
        <InputField label="Reason" name="reason" maxLength={200} hint="Optional, e.g. “model redeploy”. No patient details." error={errors.reason} />
      </div>
      <FormMessage state={state} />
      <SubmitButton pending={pending}>
        Schedule maintenance
      </SubmitButton>
    </form>
  )
}
