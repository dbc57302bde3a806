'use client'

import type { FormEvent } from 'react'
import { addOverrideAction } from '@/lib/oncall/actions'
import { Button } from '@/components/ui/button'
import { InputField, SelectField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import type { PersonOption } from './person-list-editor'
import { localInputToIso, useActionForm } from '@/components/ui/use-action-form'
import { ViewerZoneName } from '@/components/ui/viewer-time'

/** Someone covers part of the rotation: the override replaces the rotation for its interval. */
export function OverrideForm({ scheduleId, scheduleName, people }: { scheduleId: string; scheduleName: string; people: readonly PersonOption[] }) {
  const { state, pending, run, errors } = useActionForm(addOverrideAction)

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = e.currentTarget
    const data = new FormData(form)
    run(
      {
        scheduleId,
        userId: data.get('userId'),
        // The inputs show the viewer's wall clock; the server receives instants.
        startsAt: localInputToIso(String(data.get('startsAt') ?? '')),
        endsAt: localInputToIso(String(data.get('endsAt') ?? '')),
        reason: data.get('reason'),
      },
      () => form.reset(),
    )
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-label={`Add an override to ${scheduleName}`}>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <SelectField label="Who covers" name="userId" required defaultValue="" error={errors.userId}>
          <option value="" disabled>
            Choose a person…
          </option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <InputField label="From" name="startsAt" type="datetime-local" required hint={<>In <ViewerZoneName /></>} error={errors.startsAt} />
        <InputField label="Until" name="endsAt" type="datetime-local" required hint={<>In <ViewerZoneName /></>} error={errors.endsAt} />
        <InputField label="Reason" name="reason" maxLength={200} hint="Optional, e.g. “swap with Sam”." error={errors.reason} />
      </div>
      <FormMessage state={state} />
      <Button type="submit" loading={pending}>
        Add override
      </Button>
    </form>
  )
}
