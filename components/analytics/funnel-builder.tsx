'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useId, useRef, useState, useTransition, type FormEvent } from 'react'
import { BREAKDOWN_DIMENSIONS } from '@/lib/analytics/funnel-query'
import { ORDER_MODES, type WorkflowDefinition } from '@/lib/analytics/workflow-schema'
import { cn } from '@/lib/cn'
import { controlClasses, InputField, SelectField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { Icon } from '@/components/ui/icons'
import { SubmitButton } from '@/components/ui/form-parts'
import { errorsUnder } from '@/components/ui/use-action-form'
import { BREAKDOWN_LABELS, ORDER_MODE_HINTS, ORDER_MODE_LABELS } from './funnel-display'
import { builderSearch, draftToQuery, RANGE_PRESETS, withWorkflow, WINDOW_UNITS, type EventCatalogue, type FieldErrors, type FunnelDraft, type RangePreset, type WindowUnit } from './funnel-builder-state'
import { ExclusionsEditor, StepsEditor } from './funnel-step-editor'

export interface FunnelBuilderProps {
  /** The draft of the query in the URL (or the first workflow's when there is none). */
  initial: FunnelDraft
  workflows: readonly WorkflowDefinition[]
  catalogue: EventCatalogue
  experiments: readonly { key: string; name: string }[]
  /** The zone custom dates are days of (the server's WARDROOM_TIMEZONE). */
  timeZone: string
  /** Problems with the query in the URL (a link edited by hand), field by field. */
  urlErrors?: FieldErrors
  /** The k of k-anonymity (ANALYTICS_MIN_GROUP_SIZE). */
  k: number
}

const WINDOW_UNIT_LABELS: Record<WindowUnit, string> = { minutes: 'minutes', hours: 'hours', days: 'days' }

/** The conversion window: an amount and its unit under one label, the hint and any error under both. */
function WindowField({ draft, onChange, errors }: { draft: FunnelDraft; onChange: (d: FunnelDraft) => void; errors: readonly string[] }) {
  const id = useId()
  const described = cn(`${id}-hint`, errors.length > 0 && `${id}-error`)
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        Conversion window
      </label>
      <div className="flex gap-2">
        <div className="min-w-0 flex-1">
          <input
            id={id}
            inputMode="decimal"
            value={draft.window}
            onChange={(e) => onChange({ ...draft, window: e.target.value })}
            aria-invalid={errors.length > 0 || undefined}
            aria-describedby={described}
            className={cn(controlClasses, 'h-9')}
          />
        </div>
        <div className="w-28 shrink-0">
          <select aria-label="Conversion window unit" value={draft.windowUnit} onChange={(e) => onChange({ ...draft, windowUnit: e.target.value as WindowUnit })} className={cn(controlClasses, 'h-9 pr-8')}>
            {(Object.keys(WINDOW_UNITS) as WindowUnit[]).map((u) => (
              <option key={u} value={u}>
                {WINDOW_UNIT_LABELS[u]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p id={`${id}-hint`} className="text-xs text-ink-muted">
        From the first step to the last.
      </p>
      {errors.length > 0 && (
        <p id={`${id}-error`} className="flex items-start gap-1 text-xs font-medium text-critical-fg">
          <Icon name="alert-circle" size={14} className="mt-px shrink-0" />
          <span>{errors.join(' ')}</span>
        </p>
      )}
    </div>
  )
}

/**
 * The funnel as a form: a workflow to start from (or steps of one's own), the date range, the conversion
 * window, the order the steps must come in, exclusion steps and a breakdown. "Show funnel" checks it
 * here, names each problem under its field, and otherwise puts the funnel in the URL (a history entry,
 * so Back returns to the previous funnel and the address can be shared). The page keys it by the URL's
 * query, so Back, Forward or a link start it afresh from the funnel they bring.
 */
export function FunnelBuilder({ initial, workflows, catalogue, experiments, timeZone, urlErrors, k }: FunnelBuilderProps) {
  const router = useRouter()
  const [draft, setDraft] = useState(initial)
  const [errors, setErrors] = useState<FieldErrors>(urlErrors ?? {})
  const [pending, startTransition] = useTransition()
  const form = useRef<HTMLFormElement>(null)
  const [attempt, setAttempt] = useState(0)
  const orderId = useId()

  // After a refused submit, the first field in error gets the focus (its message is read with it).
  useEffect(() => {
    if (attempt > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [attempt])

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const result = draftToQuery(draft, { now: new Date(), timeZone, catalogue })
    if (!result.ok) {
      setErrors(result.errors)
      setAttempt((n) => n + 1)
      return
    }
    setErrors({})
    startTransition(() => router.push(`/analytics/funnels?${builderSearch(result.query, draft.range)}`, { scroll: false }))
  }

  // Said once a submit was refused; a bad link's problems are said above the form already.
  const failed = attempt > 0 && Object.keys(errors).length > 0
  const rangeErrors = [...errorsUnder(errors, 'range'), ...errorsUnder(errors, 'from'), ...errorsUnder(errors, 'to')]

  return (
    <form ref={form} onSubmit={onSubmit} noValidate aria-label="Build a funnel" className="space-y-6">
      <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
        <SelectField
          label="Start from a workflow"
          value={draft.workflow}
          hint="Fills in its steps, window, order and exclusions; change any of them below."
          error={errors.workflow}
          onChange={(e) => {
            const w = workflows.find((x) => x.key === e.target.value)
            setDraft(w ? withWorkflow(draft, w) : { ...draft, workflow: '' })
          }}
        >
          <option value="">Custom steps</option>
          {workflows.map((w) => (
            <option key={w.key} value={w.key}>
              {w.name}
            </option>
          ))}
        </SelectField>
      </div>

      <StepsEditor draft={draft} onChange={setDraft} catalogue={catalogue} errors={errors} />

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-ink">Range, window and breakdown</legend>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
          <SelectField
            label="Date range"
            value={String(draft.range)}
            onChange={(e) => setDraft({ ...draft, range: e.target.value === 'custom' ? 'custom' : (Number(e.target.value) as RangePreset) })}
            error={draft.range === 'custom' ? undefined : rangeErrors}
          >
            {RANGE_PRESETS.map((d) => (
              <option key={d} value={d}>
                Last {d} days
              </option>
            ))}
            <option value="custom">Custom dates</option>
          </SelectField>
          {draft.range === 'custom' && (
            <>
              <InputField label="First day" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} error={[...errorsUnder(errors, 'range'), ...errorsUnder(errors, 'from')]} />
              <InputField label="Last day" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} hint={`Whole days in ${timeZone}.`} error={errorsUnder(errors, 'to')} />
            </>
          )}
          <WindowField draft={draft} onChange={setDraft} errors={errorsUnder(errors, 'window')} />
          <SelectField
            label="Break down by"
            value={draft.breakdown}
            onChange={(e) => setDraft({ ...draft, breakdown: e.target.value as FunnelDraft['breakdown'] })}
            hint={`A group of fewer than ${k} people is not shown.`}
            error={[...(errors.breakdown ?? []), ...(errors['breakdown.kind'] ?? [])]}
          >
            {(['none', ...BREAKDOWN_DIMENSIONS, 'flag'] as const).map((b) => (
              <option key={b} value={b}>
                {BREAKDOWN_LABELS[b]}
              </option>
            ))}
          </SelectField>
          {draft.breakdown === 'flag' && (
            <SelectField
              label="Experiment"
              value={draft.experiment}
              onChange={(e) => setDraft({ ...draft, experiment: e.target.value })}
              hint={experiments.length === 0 ? 'No experiment exists yet: create one under Feature flags → Experiments.' : 'Each person is grouped by the variant they were exposed to.'}
              error={errors['breakdown.experiment']}
              required
            >
              <option value="" disabled>
                Choose an experiment…
              </option>
              {experiments.map((x) => (
                <option key={x.key} value={x.key}>
                  {x.name} ({x.key})
                </option>
              ))}
            </SelectField>
          )}
        </div>
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold text-ink">Step order</legend>
        <div className="grid gap-2 md:grid-cols-3">
          {ORDER_MODES.map((m) => (
            <label
              key={m}
              className={cn(
                'flex cursor-pointer items-start gap-2 rounded-md border px-3 py-2 text-sm has-focus-visible:outline-2 has-focus-visible:outline-focus',
                draft.orderMode === m ? 'border-accent bg-accent-subtle' : 'border-line',
              )}
            >
              <input type="radio" name={`${orderId}-order`} value={m} checked={draft.orderMode === m} onChange={() => setDraft({ ...draft, orderMode: m })} className="mt-0.5 accent-accent" />
              <span>
                <span className="block font-medium text-ink">{ORDER_MODE_LABELS[m]}</span>
                <span className="block text-xs text-ink-muted">{ORDER_MODE_HINTS[m]}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <ExclusionsEditor draft={draft} onChange={setDraft} catalogue={catalogue} errors={errors} />

      {errors.form && <p className="text-sm font-medium text-critical-fg">{errors.form.join(' ')}</p>}
      <FormMessage state={failed ? { ok: false, message: 'The funnel was not shown: the fields marked in red say what to change.' } : null} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingLabel="Computing the funnel…">
          Show funnel
        </SubmitButton>
      </div>
    </form>
  )
}
