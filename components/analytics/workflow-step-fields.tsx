'use client'

import type { PropertyType } from '@/lib/analytics/normalize'
import type { StepEventOption } from '@/lib/analytics/registry-queries'
import { MAX_FILTERS, type DraftErrors, type ExclusionDraft, type FilterDraft, type StepDraft } from '@/lib/analytics/workflow-draft'
import { cn } from '@/lib/cn'
import { Button } from '@/components/ui/button'
import { controlClasses } from '@/components/ui/field'
import { Icon } from '@/components/ui/icons'
import { errorsUnder } from '@/components/ui/use-action-form'

export function Problem({ id, messages }: { id?: string; messages: readonly string[] }) {
  if (messages.length === 0) return null
  return (
    <p id={id} className="flex items-start gap-1 text-xs font-medium text-critical-fg">
      <Icon name="alert-circle" size={14} className="mt-px" />
      <span>{messages.join(' ')}</span>
    </p>
  )
}

/** A select of registered events; an event the registry no longer allows stays choosable, marked. */
function EventSelect({ id, label, value, events, errors, onChange }: { id: string; label: string; value: string; events: readonly StepEventOption[]; errors: readonly string[]; onChange: (event: string) => void }) {
  const known = events.some((e) => e.name === value)
  const errorId = `${id}-error`
  return (
    <div className="min-w-0 space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={errors.length ? errorId : undefined}
        className={cn(controlClasses, 'h-9 pr-8 font-mono text-[13px]')}
      >
        <option value="" disabled>
          Choose an event…
        </option>
        {!known && value && <option value={value}>{value} (not registered)</option>}
        {events.map((e) => (
          <option key={e.name} value={e.name}>
            {e.name}
          </option>
        ))}
      </select>
      <Problem id={errorId} messages={errors} />
    </div>
  )
}

function ValueInput({ label, type, value, invalid, describedBy, onChange }: { label: string; type: PropertyType | undefined; value: string; invalid: boolean; describedBy?: string; onChange: (v: string) => void }) {
  const common = { 'aria-label': label, 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy, value, onChange: (e: { target: { value: string } }) => onChange(e.target.value) }
  if (type === 'boolean') {
    return (
      <select {...common} className={cn(controlClasses, 'h-8 w-32 pr-8')}>
        <option value="">Choose…</option>
        <option value="true">Yes</option>
        <option value="false">No</option>
      </select>
    )
  }
  return <input {...common} type={type === 'number' ? 'number' : 'text'} step="any" maxLength={256} placeholder={type === 'number' ? '0' : 'value'} className={cn(controlClasses, 'h-8 w-48')} />
}

/** Exact matches on the event's allowed properties; all must hold. */
export function FilterList({ subject, idPrefix, event, filters, properties, errors, errorPrefix, onChange }: {
  subject: string
  /** The chosen event ('' before one is chosen). */
  event: string
  idPrefix: string
  filters: readonly FilterDraft[]
  properties: Readonly<Record<string, PropertyType>>
  errors: DraftErrors
  errorPrefix: string
  onChange: (filters: FilterDraft[]) => void
}) {
  const names = Object.keys(properties)
  const set = (j: number, patch: Partial<FilterDraft>) => onChange(filters.map((f, k) => (k === j ? { ...f, ...patch } : f)))
  return (
    <div className="space-y-2">
      {filters.length > 0 && (
        <ul className="space-y-2">
          {filters.map((f, j) => {
            const problems = errorsUnder(errors, `${errorPrefix}.filters.${j}`)
            const label = `${subject}, filter ${j + 1}`
            const errorId = `${idPrefix}-filter-${j}-error`
            return (
              <li key={j} className="space-y-1">
                <div className="flex flex-wrap items-center gap-2">
                  <select
                    aria-label={`${label}: property`}
                    value={f.property}
                    onChange={(e) => set(j, { property: e.target.value, value: '' })}
                    aria-invalid={problems.length ? true : undefined}
                    aria-describedby={problems.length ? errorId : undefined}
                    className={cn(controlClasses, 'h-8 w-48 pr-8 font-mono text-[13px]')}
                  >
                    <option value="">Property…</option>
                    {f.property && !names.includes(f.property) && <option value={f.property}>{f.property} (not allowed)</option>}
                    {names.map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </select>
                  <span className="text-sm text-ink-muted">equals</span>
                  <ValueInput label={`${label}: value`} type={properties[f.property]} value={f.value} invalid={problems.length > 0} describedBy={problems.length ? errorId : undefined} onChange={(value) => set(j, { value })} />
                  <Button size="sm" variant="ghost" onClick={() => onChange(filters.filter((_, k) => k !== j))} aria-label={`Remove ${label}`}>
                    <Icon name="x" size={14} />
                  </Button>
                </div>
                <Problem id={errorId} messages={problems} />
              </li>
            )
          })}
        </ul>
      )}
      <Button size="sm" variant="ghost" disabled={names.length === 0 || filters.length >= MAX_FILTERS} onClick={() => onChange([...filters, { property: '', value: '' }])}>
        Add filter<span className="sr-only"> to {subject.toLowerCase()}</span>
      </Button>
      {event && names.length === 0 && <p className="text-xs text-ink-muted">{event} has no allowed properties to filter on.</p>}
    </div>
  )
}

export interface StepCardProps {
  index: number
  count: number
  step: StepDraft
  events: readonly StepEventOption[]
  errors: DraftErrors
  canRemove: boolean
  onChange: (s: StepDraft) => void
  onMove: (by: -1 | 1) => void
  onRemove: () => void
}

export function StepCard({ index, count, step, events, errors, canRemove, onChange, onMove, onRemove }: StepCardProps) {
  const n = index + 1
  const at = `steps.${index}`
  const properties = events.find((e) => e.name === step.event)?.properties ?? {}
  return (
    <li className="space-y-3 rounded-md border border-line p-3" aria-labelledby={`${step.id}-title`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h4 id={`${step.id}-title`} className="text-sm font-semibold text-ink">
          Step {n}
        </h4>
        <div className="flex gap-1">
          <Button id={`${step.id}-up`} size="sm" variant="ghost" disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Move step ${n} up`}>
            <Icon name="arrow-up" size={14} />
          </Button>
          <Button id={`${step.id}-down`} size="sm" variant="ghost" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={`Move step ${n} down`}>
            <Icon name="arrow-down" size={14} />
          </Button>
          <Button size="sm" variant="ghost" disabled={!canRemove} onClick={onRemove}>
            Remove<span className="sr-only"> step {n}</span>
          </Button>
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <EventSelect id={`${step.id}-event`} label={`Step ${n}: event`} value={step.event} events={events} errors={errors[`${at}.event`] ?? []} onChange={(event) => onChange({ ...step, event, filters: [] })} />
        <div className="min-w-0 space-y-1">
          <label htmlFor={`${step.id}-label`} className="block text-sm font-medium text-ink">
            Step {n}: label
          </label>
          <input
            id={`${step.id}-label`}
            value={step.label}
            maxLength={80}
            placeholder={step.event || 'e.g. AI suggestion reviewed'}
            onChange={(e) => onChange({ ...step, label: e.target.value })}
            aria-invalid={errors[`${at}.label`] ? true : undefined}
            className={cn(controlClasses, 'h-9')}
          />
          <Problem messages={errors[`${at}.label`] ?? []} />
        </div>
      </div>
      <FilterList subject={`Step ${n}`} idPrefix={step.id} event={step.event} filters={step.filters} properties={properties} errors={errors} errorPrefix={at} onChange={(filters) => onChange({ ...step, filters })} />
    </li>
  )
}

export interface ExclusionCardProps {
  index: number
  steps: number
  exclusion: ExclusionDraft
  events: readonly StepEventOption[]
  errors: DraftErrors
  onChange: (x: ExclusionDraft) => void
  onRemove: () => void
}

export function ExclusionCard({ index, steps, exclusion, events, errors, onChange, onRemove }: ExclusionCardProps) {
  const n = index + 1
  const at = `exclusions.${index}`
  const properties = events.find((e) => e.name === exclusion.event)?.properties ?? {}
  const positions = Array.from({ length: steps }, (_, i) => i + 1)
  const between = errors[`${at}.beforeStep`] ?? []
  return (
    <li className="space-y-3 rounded-md border border-line p-3" aria-labelledby={`${exclusion.id}-title`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h4 id={`${exclusion.id}-title`} className="text-sm font-semibold text-ink">
          Exclusion {n}
        </h4>
        <Button size="sm" variant="ghost" onClick={onRemove}>
          Remove<span className="sr-only"> exclusion {n}</span>
        </Button>
      </div>
      <div className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]">
        <EventSelect id={`${exclusion.id}-event`} label={`Exclusion ${n}: event`} value={exclusion.event} events={events} errors={errors[`${at}.event`] ?? []} onChange={(event) => onChange({ ...exclusion, event, filters: [] })} />
        {(['afterStep', 'beforeStep'] as const).map((field) => (
          <div key={field} className="min-w-0 space-y-1">
            <label htmlFor={`${exclusion.id}-${field}`} className="block text-sm font-medium text-ink">
              {field === 'afterStep' ? 'After step' : 'Before step'}
            </label>
            <select
              id={`${exclusion.id}-${field}`}
              value={exclusion[field]}
              onChange={(e) => onChange({ ...exclusion, [field]: Number(e.target.value) })}
              aria-invalid={field === 'beforeStep' && between.length ? true : undefined}
              className={cn(controlClasses, 'h-9 pr-8')}
            >
              {positions.slice(field === 'afterStep' ? 0 : 1, field === 'afterStep' ? -1 : undefined).map((p) => (
                <option key={p} value={p}>
                  Step {p}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <Problem messages={between} />
      <FilterList subject={`Exclusion ${n}`} idPrefix={exclusion.id} event={exclusion.event} filters={exclusion.filters} properties={properties} errors={errors} errorPrefix={at} onChange={(filters) => onChange({ ...exclusion, filters })} />
    </li>
  )
}
