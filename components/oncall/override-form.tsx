'use client'

import type { FormEvent } from 'react'
import { addOverrideAction } from '@/lib/oncall/actions'
import { InputField, SelectField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { NamedOptions, SubmitButton } from '@/components/ui/form-parts'
import type { PersonOption } from './person-list-editor'
import { useActionForm } from '@/components/ui/use-action-form'
import { windowInput } from './window-input'
import { ViewerZoneName } from '@/components/ui/viewer-time'

/** Someone covers part of the rotation: the override replaces the rotation for its interval. */
export function OverrideForm({ scheduleId, scheduleName, people }: { scheduleId: string; scheduleName: string; people: readonly PersonOption[] }) {
  const { state, pending, run, errors } = useActionForm(addOverrideAction)

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = e.currentTarget
    const data = new FormData(form)
    run({ scheduleId, userId: data.get('userId'), ...windowInput(data) }, () => form.reset())
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-label={`Add an override to ${scheduleName}`}>
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
        <SelectField label="Who covers" name="userId" required defaultValue="" error={errors.userId}>
          <NamedOptions items={people} placeholder="Choose a person…" />
        </SelectField>
        <InputField label="From" name="startsAt" type="datetime-local" required hint={<>In <ViewerZoneName /></>} error={errors.startsAt} />
        <InputField label="Until" name="endsAt" type="datetime-local" required hint={<>In <ViewerZoneName /></>} error={errors.endsAt} />
        <InputField label="Reason" name="reason" maxLength={200} hint="Optional, e.g. “swap with Sam”." error={errors.reason} />
      </div>
      <FormMessage state={state} />
      <SubmitButton variant="secondary" pending={pending}>
        Add override
      </SubmitButton>
    </form>
  )
}
