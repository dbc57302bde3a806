'use client'

import type { FormEvent } from 'react'
import { createMaintenanceScheduleAction } from '@/lib/oncall/actions'
import { InputField, SelectField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { useActionForm } from '@/components/ui/use-action-form'
import { serviceOptionLabel } from './maintenance-form'

/** The operations guides' windows, offered as examples beside the rule field. */
const EXAMPLES = [
  { label: 'Weekly, Sunday 02:00 UTC', rrule: 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0', minutes: 120 },
  { label: 'Monthly, first Saturday 01:00 UTC', rrule: 'FREQ=MONTHLY;BYDAY=1SA;BYHOUR=1', minutes: 240 },
]

/** Creates recurring maintenance (an RFC 5545 rule in UTC) for one service or every service. */
export function MaintenanceScheduleForm({ services }: { services: readonly { id: string; key: string; name: string }[] }) {
  const { state, pending, run, errors } = useActionForm(createMaintenanceScheduleAction)

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = e.currentTarget
    const data = new FormData(form)
    run(
      { serviceId: data.get('serviceId'), rrule: data.get('rrule'), durationMinutes: data.get('durationMinutes'), reason: data.get('reason') },
      () => form.reset(),
    )
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-label="Schedule recurring maintenance">
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
        <SelectField label="Service" name="serviceId" defaultValue="all" error={errors.serviceId}>
          <option value="all">Every service</option>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {serviceOptionLabel(s)}
            </option>
          ))}
        </SelectField>
        <InputField
          label="Recurrence rule (RRULE, UTC)"
          name="rrule"
          required
          maxLength={300}
          spellCheck={false}
          autoComplete="off"
          placeholder={EXAMPLES[0]!.rrule}
          hint={
            <>
              RFC 5545, at most daily. Examples:{' '}
              {EXAMPLES.map((x, i) => (
                <span key={x.rrule}>
                  {i > 0 && '; '}
                  {x.label} <code className="text-[0.7rem]">{x.rrule}</code> ({x.minutes} min)
                </span>
              ))}
            </>
          }
          error={errors.rrule}
          className="sm:col-span-2"
        />
        <InputField label="Duration (minutes)" name="durationMinutes" type="number" min={5} max={1440} required defaultValue={120} error={errors.durationMinutes} />
        <InputField label="Reason" name="reason" maxLength={200} hint="Optional, e.g. “weekly patching”. No patient details." error={errors.reason} className="sm:col-span-2" />
      </div>
      <FormMessage state={state} />
      <SubmitButton pending={pending}>Schedule recurring maintenance</SubmitButton>
    </form>
  )
}
