'use client'

import { Button } from '@/components/ui/button'
import { InputField, SelectField } from '@/components/ui/field'
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

function filtersHint(catalogue: EventCatalogue, event: string): string {
  const props = Object.entries(catalogue[event] ?? {})
  if (!event) return 'Optional: key=value, separated by commas.'
  if (props.length === 0) return 'This event has no registered properties to filter on.'
  return `Optional: key=value, separated by commas. Properties: ${props.map(([k, t]) => `${k} (${t})`).join(', ')}.`
}

/** The funnel's steps, 2 to 10: each an event from the registry, an optional label and property filters. */
export function StepsEditor({ draft, onChange, catalogue, errors }: EditorProps) {
  const set = (i: number, patch: Partial<StepDraft>) => onChange({ ...draft, steps: draft.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) })
  const listErrors = errors.steps
  return (
    <fieldset className="space-y-3" aria-describedby={listErrors ? 'funnel-steps-error' : undefined}>
      <legend className="text-sm font-semibold text-ink">Steps</legend>
      <ol className="space-y-3">
        {draft.steps.map((s, i) => {
          const n = i + 1
          return (
            <li key={i} className="rounded-md border border-line p-3">
              <div className="mb-2 flex items-center justify-between gap-2">
                <span className="text-sm font-medium text-ink">Step {n}</span>
                <span className="flex gap-1">
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
              </div>
              <div className="grid gap-3 md:grid-cols-3">
                <SelectField label={`Step ${n} event`} value={s.event} onChange={(e) => set(i, { event: e.target.value })} error={errorsUnder(errors, `steps.${i}.event`)} required>
                  <EventOptions catalogue={catalogue} current={s.event} />
                </SelectField>
                <InputField label={`Step ${n} label`} value={s.label} maxLength={80} placeholder={s.event || 'Optional'} onChange={(e) => set(i, { label: e.target.value })} error={errorsUnder(errors, `steps.${i}.label`)} />
                <InputField
                  label={`Step ${n} filters`}
                  value={s.filters}
                  placeholder="e.g. outcome=signed"
                  hint={filtersHint(catalogue, s.event)}
                  onChange={(e) => set(i, { filters: e.target.value })}
                  error={errorsUnder(errors, `steps.${i}.filters`)}
                />
              </div>
            </li>
          )
        })}
      </ol>
      {listErrors && (
        <p id="funnel-steps-error" className="text-xs font-medium text-critical-fg">
          {listErrors.join(' ')}
        </p>
      )}
      <Button size="sm" onClick={() => onChange(addStep(draft))} disabled={draft.steps.length >= MAX_STEPS}>
        Add a step
      </Button>
      {draft.steps.length >= MAX_STEPS && <p className="text-xs text-ink-muted">A funnel has at most {MAX_STEPS} steps.</p>}
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
