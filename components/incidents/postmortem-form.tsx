'use client'

import { useId, useRef, useState, useTransition, type FormEvent } from 'react'
import type { FormState } from '@/lib/auth/guard'
import { savePostmortemAction } from '@/lib/incidents/actions'
import { Button } from '@/components/ui/button'
import { controlClasses, TextareaField } from '@/components/ui/field'
import { Icon } from '@/components/ui/icons'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { useFocusFirstInvalid } from '@/components/ui/use-focus-first-invalid'
import { cn } from '@/lib/cn'

export interface PostmortemActionValue {
  /** Present for saved actions; new rows get theirs from the server. */
  id?: string
  text: string
  ownerId: string
  dueDate: string
  done: boolean
}

export interface PostmortemValue {
  summary: string
  rootCause: string
  impact: string
  actions: PostmortemActionValue[]
}

export interface PostmortemFormProps {
  incidentId: string
  initial: PostmortemValue
  people: { id: string; name: string }[]
}

/** Errors under `actions.<i>.<field>`, for one row. */
const rowError = (errors: Record<string, string[]>, i: number, field: string) => errors[`actions.${i}.${field}`]

function ActionRow({
  index,
  value,
  people,
  errors,
  onChange,
  onRemove,
}: {
  index: number
  value: PostmortemActionValue
  people: PostmortemFormProps['people']
  errors: Record<string, string[]>
  onChange: (next: PostmortemActionValue) => void
  onRemove: () => void
}) {
  const id = useId()
  const n = index + 1
  const textError = rowError(errors, index, 'text')
  const dueError = rowError(errors, index, 'dueDate')
  const ownerError = rowError(errors, index, 'ownerId')
  const known = !value.ownerId || people.some((p) => p.id === value.ownerId)
  return (
    <li className="grid gap-2 rounded-md border border-line p-3 sm:grid-cols-[minmax(0,3fr)_minmax(0,2fr)_minmax(0,1.4fr)_auto] sm:items-end">
      <div className="space-y-1">
        <label htmlFor={`${id}-text`} className="block text-sm font-medium text-ink">
          Action {n}
        </label>
        <input
          id={`${id}-text`}
          value={value.text}
          onChange={(e) => onChange({ ...value, text: e.target.value })}
          maxLength={1000}
          required
          aria-invalid={textError ? true : undefined}
          aria-describedby={textError ? `${id}-text-error` : undefined}
          className={cn(controlClasses, 'h-9')}
        />
        {textError && (
          <p id={`${id}-text-error`} className="text-xs font-medium text-critical-fg">
            {textError.join(' ')}
          </p>
        )}
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-owner`} className="block text-sm font-medium text-ink">
          Owner of action {n}
        </label>
        <select
          id={`${id}-owner`}
          value={value.ownerId}
          onChange={(e) => onChange({ ...value, ownerId: e.target.value })}
          aria-invalid={ownerError ? true : undefined}
          className={cn(controlClasses, 'h-9 pr-8')}
        >
          <option value="">No owner yet</option>
          {!known && <option value={value.ownerId}>Someone no longer active</option>}
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        {ownerError && <p className="text-xs font-medium text-critical-fg">{ownerError.join(' ')}</p>}
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-due`} className="block text-sm font-medium text-ink">
          Due date of action {n}
        </label>
        <input
          id={`${id}-due`}
          type="date"
          value={value.dueDate}
          onChange={(e) => onChange({ ...value, dueDate: e.target.value })}
          aria-invalid={dueError ? true : undefined}
          aria-describedby={dueError ? `${id}-due-error` : undefined}
          className={cn(controlClasses, 'h-9')}
        />
        {dueError && (
          <p id={`${id}-due-error`} className="text-xs font-medium text-critical-fg">
            {dueError.join(' ')}
          </p>
        )}
      </div>
      <div className="flex items-center gap-3 sm:h-9">
        <label className="flex items-center gap-1.5 text-sm text-ink">
          <input type="checkbox" checked={value.done} onChange={(e) => onChange({ ...value, done: e.target.checked })} className="size-4 accent-accent" />
          Done<span className="sr-only"> (action {n})</span>
        </label>
        <Button size="sm" variant="ghost" onClick={onRemove} aria-label={`Remove action ${n}`}>
          <Icon name="x" />
        </Button>
      </div>
    </li>
  )
}

/** The postmortem: summary, root cause, impact and follow-up actions with owner and due date. */
export function PostmortemForm({ incidentId, initial, people }: PostmortemFormProps) {
  const formRef = useRef<HTMLFormElement>(null)
  const [value, setValue] = useState<PostmortemValue>(initial)
  const [state, setState] = useState<FormState | null>(null)
  const [pending, startTransition] = useTransition()
  useFocusFirstInvalid(formRef, state)
  const errors = state?.fieldErrors ?? {}

  const setAction = (i: number, next: PostmortemActionValue) => setValue((v) => ({ ...v, actions: v.actions.map((a, j) => (j === i ? next : a)) }))

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    startTransition(async () => setState(await savePostmortemAction({ incidentId, ...value })))
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Postmortem" className="space-y-4">
      <TextareaField label="Summary" rows={3} maxLength={10_000} value={value.summary} onChange={(e) => setValue({ ...value, summary: e.target.value })} error={errors.summary} />
      <TextareaField label="Root cause" rows={3} maxLength={10_000} value={value.rootCause} onChange={(e) => setValue({ ...value, rootCause: e.target.value })} error={errors.rootCause} />
      <TextareaField
        label="Impact"
        rows={3}
        maxLength={10_000}
        hint="Which clinical workflows were affected, for how long, and what clinicians had to do instead. No patient details."
        value={value.impact}
        onChange={(e) => setValue({ ...value, impact: e.target.value })}
        error={errors.impact}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-ink">Follow-up actions</legend>
        {value.actions.length === 0 ? (
          <p className="text-sm text-ink-muted">No follow-up actions yet.</p>
        ) : (
          <ol className="space-y-2">
            {value.actions.map((a, i) => (
              <ActionRow
                key={a.id ?? `new-${i}`}
                index={i}
                value={a}
                people={people}
                errors={errors}
                onChange={(next) => setAction(i, next)}
                onRemove={() => setValue((v) => ({ ...v, actions: v.actions.filter((_, j) => j !== i) }))}
              />
            ))}
          </ol>
        )}
        {errors.actions && <p className="text-xs font-medium text-critical-fg">{errors.actions.join(' ')}</p>}
        <Button size="sm" onClick={() => setValue((v) => ({ ...v, actions: [...v.actions, { text: '', ownerId: '', dueDate: '', done: false }] }))}>
          Add action
        </Button>
      </fieldset>
      <FormMessage state={state} />
      <SubmitButton pending={pending}>
        Save postmortem
      </SubmitButton>
    </form>
  )
}
