'use client'

import { useId, useState, type FormEvent } from 'react'
import { createScheduleAction, updateScheduleAction } from '@/lib/oncall/actions'
import { InputField, SelectField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { PersonListEditor, type PersonOption } from './person-list-editor'
import { useActionForm } from '@/components/ui/use-action-form'

/** Offered in the zone field; any other IANA name can be typed. */
const COMMON_ZONES = [
  'UTC',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Toronto',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/Amsterdam',
  'Europe/Zurich',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
]

export interface ScheduleFormValues {
  scheduleId?: string
  name: string
  timezone: string
  rotation: 'daily' | 'weekly'
  handoffTime: string
  startDate: string
  participantIds: string[]
}

export interface ScheduleFormProps {
  people: readonly PersonOption[]
  /** Editing an existing schedule; absent for a new one. */
  initial?: ScheduleFormValues
  /** Names of members not in `people` (disabled since they joined). */
  memberNames?: Record<string, string>
  /** The viewer's zone, used as the default for a new schedule. */
  defaultZone?: string
}

export function ScheduleForm({ people, initial, memberNames = {}, defaultZone = 'UTC' }: ScheduleFormProps) {
  const [participantIds, setParticipantIds] = useState<string[]>(initial?.participantIds ?? [])
  const editing = initial?.scheduleId !== undefined
  const { state, pending, run, errors } = useActionForm(editing ? updateScheduleAction : createScheduleAction)
  const zonesId = useId()

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = e.currentTarget
    const data = new FormData(form)
    run(
      {
        ...(editing ? { scheduleId: initial?.scheduleId } : {}),
        name: data.get('name'),
        timezone: data.get('timezone'),
        rotation: data.get('rotation'),
        handoffTime: data.get('handoffTime'),
        startDate: data.get('startDate'),
        participantIds,
      },
      () => {
        if (!editing) {
          form.reset()
          setParticipantIds([])
        }
      },
    )
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-label={editing ? `Edit schedule ${initial?.name}` : 'New schedule'}>
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField label="Name" name="name" required maxLength={80} defaultValue={initial?.name} error={errors.name} />
        <InputField
          label="Time zone"
          name="timezone"
          required
          list={zonesId}
          defaultValue={initial?.timezone ?? defaultZone}
          hint="IANA name. Handoffs follow this zone's clock, including daylight-saving changes."
          error={errors.timezone}
        />
        <datalist id={zonesId}>
          {COMMON_ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <SelectField label="Rotation" name="rotation" required defaultValue={initial?.rotation ?? 'weekly'} error={errors.rotation}>
          <option value="daily">Daily: the next person each day</option>
          <option value="weekly">Weekly: the next person each week</option>
        </SelectField>
        <InputField label="Handoff time" name="handoffTime" type="time" required defaultValue={initial?.handoffTime ?? '09:00'} hint="Local time in the schedule's zone." error={errors.handoffTime} />
        <InputField
          label="First handoff on"
          name="startDate"
          type="date"
          required
          defaultValue={initial?.startDate}
          hint="Weekly rotations hand off on this weekday."
          error={errors.startDate}
        />
      </div>
      <PersonListEditor
        label="People in rotation order"
        people={people}
        value={participantIds}
        onChange={setParticipantIds}
        errors={errors.participantIds}
        fallbackName={(id) => memberNames[id] ?? 'disabled person'}
      />
      <FormMessage state={state} />
      <SubmitButton pending={pending}>
        {editing ? 'Save schedule' : 'Create schedule'}
      </SubmitButton>
    </form>
  )
}
