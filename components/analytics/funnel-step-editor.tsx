'use client'

import { useId, type ReactNode } from 'react'
import { cn } from '@/lib/cn'
import { Button } from '@/components/ui/button'
import { controlClasses, InputField, SelectField } from '@/components/ui/field'
import { Icon } from '@/components/ui/icons'
import { errorsUnder } from '@/components/ui/use-action-form'
import {
  addStep,
  MAX_EXCLUSIONS,
  MAX_STEPS,
  MIN_STEPS,
  moveStep,
  removeStep,
  type EventCatalogue,
  type ExclusionDraft,
  type FieldErrors,
  type FunnelDraft,
  type StepDraft,
} from './funnel-builder-state'

interface EditorProps {
  draft: FunnelDraft
  onChange: (d: FunnelDraft) => void
  catalogue: EventCatalogue
  errors: FieldErrors
}

/** The `<option>`s of the registered events; an event the URL names that is not registered stays choosable. */
function EventOptions({ catalogue, current }: { catalogue: EventCatalogue; current: string }) {
  const names = Object.keys(catalogue).sort()
  return (
    <>
      <option value="" disabled>
        Choose an event…
      </option>
      {current && !(current in catalogue) && <option value={current}>{current} (not registered)</option>}
      {names.map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
    </>
  )
}

interface CompactProps {
  id: string
  label: string
  errors: readonly string[]
  /** Shown under the control, linked to it. */
  hint?: string
  children: (aria: { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined }) => ReactNode
}

/** A control of a step row: its label for screen readers only (the columns are headed once), its error under it. */
function Compact({ id, label, errors, hint, children }: CompactProps) {
  const errorId = errors.length > 0 ? `${id}-error` : undefined
  const hintId = hint ? `${id}-hint` : undefined
  return (
    <div className="min-w-0 space-y-1">
      <label htmlFor={id} className="text-xs font-medium text-ink-muted md:sr-only">
        {label}
      </label>
      {children({ id, 'aria-invalid': errorId ? true : undefined, 'aria-describedby': cn(hintId, errorId) || undefined })}
      {hint && (
        <p id={hintId} className="truncate text-xs text-ink-muted" title={hint}>
          {hint}
        </p>
      )}
      {errorId && (
        <p id={errorId} className="flex items-start gap-1 text-xs font-medium text-critical-fg">
          <Icon name="alert-circle" size={14} className="mt-px shrink-0" />
          <span>{errors.join(' ')}</span>
        </p>
      )}
    </div>
  )
}

function propertiesHint(catalogue: EventCatalogue, event: string): string | undefined {
  const props = Object.entries(catalogue[event] ?? {})
  if (!event) return undefined
  return props.length === 0 ? 'No properties to filter on' : `Filter on ${props.map(([k, t]) => `${k} (${t})`).join(', ')}`
}

const ROW = 'md:grid md:grid-cols-[1.5rem_minmax(0,1.6fr)_minmax(0,0.8fr)_minmax(0,1fr)_auto] md:items-start md:gap-2'

/** The funnel's steps, 2 to 10, a row each: an event from the registry, an optional label, property filters. */
export function StepsEditor({ draft, onChange, catalogue, errors }: EditorProps) {
  const baseId = useId()
  const set = (i: number, patch: Partial<StepDraft>) => onChange({ ...draft, steps: draft.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) })
  const listErrors = errors.steps
  return (
    <fieldset className="space-y-2" aria-describedby={listErrors ? `${baseId}-steps-error` : undefined}>
      <legend className="mb-2 text-sm font-semibold text-ink">Steps</legend>
      <div aria-hidden="true" className={cn('hidden text-xs font-medium text-ink-muted', ROW)}>
        <span />
        <span>Event</span>
        <span>Label (optional)</span>
        <span>Filters (key=value, …)</span>
        <span className="w-24" />
      </div>
      <ol className="space-y-2">
        {draft.steps.map((s, i) => {
          const n = i + 1
          const id = `${baseId}-step-${i}`
          return (
            <li key={i} className={cn('space-y-2 rounded-md border border-line p-2 md:space-y-0 md:border-0 md:p-0', ROW)}>
              <span className="flex h-9 items-center text-sm font-semibold text-ink-muted tabular-nums" aria-hidden="true">
                {n}.
              </span>
              <Compact id={`${id}-event`} label={`Step ${n} event`} errors={errorsUnder(errors, `steps.${i}.event`)}>
                {(aria) => (
                  <select {...aria} required value={s.event} onChange={(e) => set(i, { event: e.target.value })} className={cn(controlClasses, 'h-9 pr-8')}>
                    <EventOptions catalogue={catalogue} current={s.event} />
                  </select>
                )}
              </Compact>
              <Compact id={`${id}-label`} label={`Step ${n} label`} errors={errorsUnder(errors, `steps.${i}.label`)}>
                {(aria) => (
                  // The placeholder (the event's name) may be longer than the box at 1024 px: the title shows it whole.
                  <input {...aria} value={s.label} maxLength={80} placeholder={s.event || 'Optional'} title={s.label || s.event || undefined} onChange={(e) => set(i, { label: e.target.value })} className={cn(controlClasses, 'h-9')} />
                )}
              </Compact>
              <Compact id={`${id}-filters`} label={`Step ${n} filters`} errors={errorsUnder(errors, `steps.${i}.filters`)} hint={propertiesHint(catalogue, s.event)}>
                {(aria) => <input {...aria} value={s.filters} placeholder="key=value" onChange={(e) => set(i, { filters: e.target.value })} className={cn(controlClasses, 'h-9 font-mono')} />}
              </Compact>
              <span className="flex h-9 items-center justify-end gap-0.5">
                <Button size="sm" variant="ghost" aria-label={`Move step ${n} up`} disabled={i === 0} onClick={() => onChange(moveStep(draft, i, -1))}>
                  <Icon name="arrow-up" size={14} />
                </Button>
                <Button size="sm" variant="ghost" aria-label={`Move step ${n} down`} disabled={i === draft.steps.length - 1} onClick={() => onChange(moveStep(draft, i, 1))}>
                  <Icon name="arrow-down" size={14} />
                </Button>
                <Button size="sm" variant="ghost" aria-label={`Remove step ${n}`} disabled={draft.steps.length <= MIN_STEPS} onClick={() => onChange(removeStep(draft, i))}>
                  <Icon name="x" size={14} />
                </Button>
              </span>
            </li>
          )
        })}
      </ol>
      {listErrors && (
        <p id={`${baseId}-steps-error`} className="text-xs font-medium text-critical-fg">
          {listErrors.join(' ')}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button size="sm" onClick={() => onChange(addStep(draft))} disabled={draft.steps.length >= MAX_STEPS}>
          Add a step
        </Button>
        {draft.steps.length >= MAX_STEPS && <span className="text-xs text-ink-muted">A funnel has at most {MAX_STEPS} steps.</span>}
      </div>
    </fieldset>
  )
}

const stepOptions = (from: number, to: number, draft: FunnelDraft) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i).map((n) => (
    <option key={n} value={n}>
      {n}. {draft.steps[n - 1]?.label || draft.steps[n - 1]?.event || `Step ${n}`}
    </option>
  ))

/**
 * Exclusion steps: an event that, happening between two steps, stops the attempt from counting beyond the
 * first of them ("triage abandoned" between starting and assigning a level).
 */
export function ExclusionsEditor({ draft, onChange, catalogue, errors }: EditorProps) {
  const set = (i: number, patch: Partial<ExclusionDraft>) => onChange({ ...draft, exclusions: draft.exclusions.map((x, j) => (j === i ? { ...x, ...patch } : x)) })
  const last = draft.steps.length
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold text-ink">Exclusion steps</legend>
      <p className="text-xs text-ink-muted">An attempt in which this event happens between the two steps does not count beyond the first of them.</p>
      {draft.exclusions.length > 0 && (
        <ol className="space-y-3">
          {draft.exclusions.map((x, i) => (
            <li key={i} className="grid items-start gap-3 rounded-md border border-line p-3 md:grid-cols-[2fr_2fr_1fr_1fr_auto]">
              <SelectField label={`Exclusion ${i + 1} event`} value={x.event} onChange={(e) => set(i, { event: e.target.value })} error={errorsUnder(errors, `exclusions.${i}.event`)} required>
                <EventOptions catalogue={catalogue} current={x.event} />
              </SelectField>
              <InputField label={`Exclusion ${i + 1} filters`} value={x.filters} placeholder="Optional, key=value" onChange={(e) => set(i, { filters: e.target.value })} error={errorsUnder(errors, `exclusions.${i}.filters`)} />
              <SelectField label="After step" value={x.afterStep} onChange={(e) => set(i, { afterStep: Number(e.target.value) })} error={errorsUnder(errors, `exclusions.${i}.afterStep`)}>
                {stepOptions(1, last - 1, draft)}
              </SelectField>
              <SelectField label="Before step" value={x.beforeStep} onChange={(e) => set(i, { beforeStep: Number(e.target.value) })} error={errorsUnder(errors, `exclusions.${i}.beforeStep`)}>
                {stepOptions(2, last, draft)}
              </SelectField>
              <Button size="sm" variant="ghost" className="md:mt-6" aria-label={`Remove exclusion ${i + 1}`} onClick={() => onChange({ ...draft, exclusions: draft.exclusions.filter((_, j) => j !== i) })}>
                <Icon name="x" size={14} />
              </Button>
            </li>
          ))}
        </ol>
      )}
      {errors.exclusions && <p className="text-xs font-medium text-critical-fg">{errors.exclusions.join(' ')}</p>}
      <Button
        size="sm"
        disabled={draft.exclusions.length >= MAX_EXCLUSIONS}
        onClick={() => onChange({ ...draft, exclusions: [...draft.exclusions, { event: '', filters: '', afterStep: 1, beforeStep: Math.min(2, last) }] })}
      >
        Add an exclusion step
      </Button>
    </fieldset>
  )
}
