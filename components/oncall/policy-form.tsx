'use client'

import { useId, useState, type FormEvent } from 'react'
import { SEVERITIES } from '@/lib/severity'
import { createEscalationPolicyAction, updateEscalationPolicyAction } from '@/lib/oncall/actions'
import { Button } from '@/components/ui/button'
import { controlClasses, InputField } from '@/components/ui/field'
import { Icon } from '@/components/ui/icons'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { cn } from '@/lib/cn'

import type { PersonOption } from './person-list-editor'
import { errorsUnder, useActionForm } from '@/components/ui/use-action-form'

type TargetType = 'user' | 'schedule'
interface Level {
  key: number
  delayMinutes: string
  targets: { type: TargetType; id: string }[]
}

export interface PolicyFormValues {
  policyId: string
  name: string
  severityDelays: Partial<Record<(typeof SEVERITIES)[number], number>>
  emergencyIntervalMinutes: number | null
  levels: { delayMinutes: number; targets: { type: TargetType; id: string }[] }[]
}

export interface PolicyFormProps {
  people: readonly PersonOption[]
  schedules: readonly { id: string; name: string }[]
  initial?: PolicyFormValues
}

/** The operations guide's defaults: critical immediate, high 5 minutes, medium 15 minutes; low and info never page. */
const GUIDE_DELAYS: PolicyFormValues['severityDelays'] = { critical: 0, high: 5, medium: 15 }

let nextKey = 1

function TargetPicker({ level, index, people, schedules, onChange }: { level: Level; index: number; people: PolicyFormProps['people']; schedules: PolicyFormProps['schedules']; onChange: (l: Level) => void }) {
  const [pick, setPick] = useState('')
  const id = useId()
  const nameOf = (t: { type: TargetType; id: string }) =>
    t.type === 'user' ? (people.find((p) => p.id === t.id)?.name ?? 'unknown person') : (schedules.find((s) => s.id === t.id)?.name ?? 'unknown schedule')
  const chosen = new Set(level.targets.map((t) => `${t.type}:${t.id}`))
  return (
    <div className="space-y-2">
      <ul className="flex flex-wrap gap-2">
        {level.targets.map((t) => (
          <li key={`${t.type}:${t.id}`} className="inline-flex items-center gap-1 rounded-md border border-line bg-surface-muted px-2 py-0.5 text-sm">
            <Icon name={t.type === 'schedule' ? 'clock' : 'users'} size={14} className="text-ink-muted" />
            {nameOf(t)}
            <button
              type="button"
              className="ml-1 rounded text-ink-muted hover:text-ink focus-visible:outline-2 focus-visible:outline-focus"
              aria-label={`Remove ${nameOf(t)} from level ${index + 1}`}
              onClick={() => onChange({ ...level, targets: level.targets.filter((x) => x !== t) })}
            >
              <Icon name="x" size={14} />
            </button>
          </li>
        ))}
      </ul>
      <div className="flex gap-2">
        <label htmlFor={id} className="sr-only">
          Who level {index + 1} pages
        </label>
        <select id={id} value={pick} onChange={(e) => setPick(e.target.value)} className={cn(controlClasses, 'h-9 pr-8')}>
          <option value="">Page a schedule or person…</option>
          <optgroup label="Schedules (whoever is on call)">
            {schedules.filter((s) => !chosen.has(`schedule:${s.id}`)).map((s) => (
              <option key={s.id} value={`schedule:${s.id}`}>
                {s.name}
              </option>
            ))}
          </optgroup>
          <optgroup label="People">
            {people.filter((p) => !chosen.has(`user:${p.id}`)).map((p) => (
              <option key={p.id} value={`user:${p.id}`}>
                {p.name}
              </option>
            ))}
          </optgroup>
        </select>
        <Button
          disabled={!pick}
          onClick={() => {
            const [type, targetId] = pick.split(':') as [TargetType, string]
            onChange({ ...level, targets: [...level.targets, { type, id: targetId }] })
            setPick('')
          }}
        >
          Add
        </Button>
      </div>
    </div>
  )
}

export function PolicyForm({ people, schedules, initial }: PolicyFormProps) {
  const editing = initial !== undefined
  const [levels, setLevels] = useState<Level[]>(() =>
    initial ? initial.levels.map((l) => ({ key: nextKey++, delayMinutes: String(l.delayMinutes), targets: l.targets })) : [{ key: nextKey++, delayMinutes: '0', targets: [] }],
  )
  const { state, pending, run, errors } = useActionForm(editing ? updateEscalationPolicyAction : createEscalationPolicyAction)
  const delays = initial?.severityDelays ?? GUIDE_DELAYS

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const data = new FormData(e.currentTarget)
    run({
      ...(editing ? { policyId: initial.policyId } : {}),
      name: data.get('name'),
      severityDelays: Object.fromEntries(SEVERITIES.map((s) => [s, data.get(`delay-${s}`) ?? ''])),
      levels: levels.map((l) => ({ delayMinutes: l.delayMinutes, targets: l.targets })),
      emergencyIntervalMinutes: data.get('emergencyIntervalMinutes') ?? '',
    })
  }

  const update = (i: number, l: Level) => setLevels(levels.map((x, j) => (j === i ? l : x)))

  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-label={editing ? `Edit policy ${initial.name}` : 'New escalation policy'}>
      <InputField label="Name" name="name" required maxLength={80} defaultValue={initial?.name} error={errors.name} className="max-w-md" />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-ink">First page, minutes after the incident opens</legend>
        <p className="text-xs text-ink-muted">Leave a severity empty and its incidents never page (they still notify channels).</p>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          {SEVERITIES.map((s) => (
            <InputField
              key={s}
              label={s[0]?.toUpperCase() + s.slice(1)}
              name={`delay-${s}`}
              type="number"
              min={0}
              max={1440}
              inputMode="numeric"
              defaultValue={delays[s] ?? ''}
              error={errors[`severityDelays.${s}`]}
            />
          ))}
        </div>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-ink">Levels, paged in order until someone acknowledges</legend>
        <ol className="space-y-3">
          {levels.map((level, i) => {
            const levelErrors = errorsUnder(errors, `levels.${i}`)
            return (
              <li key={level.key} className="rounded-md border border-line p-3">
                <div className="mb-2 flex flex-wrap items-end justify-between gap-2">
                  <InputField
                    label={i === 0 ? `Level 1: extra minutes after the first page is due` : `Level ${i + 1}: minutes after level ${i} without acknowledgement`}
                    type="number"
                    min={0}
                    max={1440}
                    required
                    value={level.delayMinutes}
                    onChange={(e) => update(i, { ...level, delayMinutes: e.target.value })}
                    className="max-w-md flex-1"
                  />
                  <Button size="sm" variant="ghost" disabled={levels.length === 1} onClick={() => setLevels(levels.filter((_, j) => j !== i))}>
                    Remove level {i + 1}
                  </Button>
                </div>
                <TargetPicker level={level} index={i} people={people} schedules={schedules} onChange={(l) => update(i, l)} />
                {levelErrors.length > 0 && <p className="mt-1 text-xs font-medium text-critical-fg">{levelErrors.join(' ')}</p>}
              </li>
            )
          })}
        </ol>
        <Button size="sm" onClick={() => setLevels([...levels, { key: nextKey++, delayMinutes: '15', targets: [] }])} disabled={levels.length >= 10}>
          Add a level
        </Button>
        {errors.levels && <p className="text-xs font-medium text-critical-fg">{errors.levels.join(' ')}</p>}
      </fieldset>
      <InputField
        label="Emergency interval for critical incidents (minutes)"
        name="emergencyIntervalMinutes"
        type="number"
        min={1}
        max={1440}
        inputMode="numeric"
        defaultValue={initial ? (initial.emergencyIntervalMinutes ?? '') : ''}
        hint="Critical incidents climb to the next level at most this many minutes apart (the operations guide: 15). Leave empty to use each level’s own delay."
        error={errors.emergencyIntervalMinutes}
        className="max-w-md"
      />
      <FormMessage state={state} />
      <SubmitButton pending={pending}>
        {editing ? 'Save policy' : 'Create policy'}
      </SubmitButton>
    </form>
  )
}
