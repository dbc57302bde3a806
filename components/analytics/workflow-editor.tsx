'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { createWorkflowAction, updateWorkflowAction } from '@/lib/analytics/registry-actions'
import type { StepEventOption } from '@/lib/analytics/registry-queries'
import {
  addExclusion,
  addStep,
  definitionToDraft,
  draftToDefinition,
  MAX_EXCLUSIONS,
  MAX_STEPS,
  MIN_STEPS,
  moveStep,
  ORDER_MODE_TEXT,
  ORDER_MODES,
  removeStep,
  WINDOW_UNITS,
  type DraftErrors,
  type WorkflowDraft,
} from '@/lib/analytics/workflow-draft'
import type { WorkflowDefinition } from '@/lib/analytics/workflow-schema'
import { cn } from '@/lib/cn'
import { Button } from '@/components/ui/button'
import { controlClasses, InputField, TextareaField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { useActionForm } from '@/components/ui/use-action-form'
import { ExclusionCard, Problem, StepCard } from './workflow-step-fields'

export interface WorkflowEditorProps {
  /** null: a new workflow. */
  workflow: WorkflowDefinition | null
  events: readonly StepEventOption[]
}

/**
 * A workflow's definition: name, 2–10 ordered steps (event, label, property filters), the conversion
 * window, the order mode and exclusion steps. Checked here for quick answers beside each field and again
 * on the server (the schema, registered events). Every button is a real button: steps move with the
 * keyboard, and focus follows the moved step.
 */
export function WorkflowEditor({ workflow, events }: WorkflowEditorProps) {
  const router = useRouter()
  const creating = workflow === null
  const [draft, setDraft] = useState<WorkflowDraft>(() => definitionToDraft(workflow))
  const [localErrors, setLocalErrors] = useState<DraftErrors>({})
  const { state, pending, run, errors: serverErrors } = useActionForm(creating ? createWorkflowAction : updateWorkflowAction)
  const errors: DraftErrors = { ...serverErrors, ...localErrors }
  const formRef = useRef<HTMLFormElement>(null)
  const focusNext = useRef<string | null>(null)
  const eventMap = new Map(events.map((e) => [e.name, e.properties]))

  // After a move, add or remove, focus goes where the person's attention is (a moved control may lose it).
  useEffect(() => {
    if (!focusNext.current) return
    document.getElementById(focusNext.current)?.focus()
    focusNext.current = null
  })
  // After a refused save, the first field in error.
  const [refusals, setRefusals] = useState(0)
  useEffect(() => {
    if (refusals > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [refusals, state])

  const update = (next: WorkflowDraft) => {
    setDraft(next)
    if (Object.keys(localErrors).length) setLocalErrors({})
  }

  function move(index: number, by: -1 | 1) {
    const step = draft.steps[index]!
    const to = index + by
    // At an end the button in that direction is disabled: keep focus on the other one.
    const atEnd = to === 0 || to === draft.steps.length - 1
    focusNext.current = `${step.id}-${(by === -1) !== atEnd ? 'up' : 'down'}`
    update(moveStep(draft, index, by))
  }

  function remove(index: number) {
    const neighbour = draft.steps[index + 1] ?? draft.steps[index - 1]
    focusNext.current = neighbour ? `${neighbour.id}-event` : null
    update(removeStep(draft, index))
  }

  function add() {
    const next = addStep(draft)
    focusNext.current = `${next.steps.at(-1)!.id}-event`
    update(next)
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const result = draftToDefinition(draft, eventMap)
    if (!result.ok) {
      setLocalErrors(result.errors)
      setRefusals((n) => n + 1)
      return
    }
    setLocalErrors({})
    run(result.value, () => {
      if (creating) router.push(`/analytics/workflows/${encodeURIComponent(result.value.key)}`)
      else router.refresh()
    })
    setRefusals((n) => n + 1)
  }

  const localCount = Object.keys(localErrors).length
  const shownState = localCount > 0 ? { ok: false, message: `Please correct the ${localCount === 1 ? 'highlighted field' : `${localCount} highlighted fields`}.` } : state

  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label={creating ? 'Create a workflow' : `Edit ${workflow.name}`} className="space-y-6" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        {creating && (
          <InputField
            label="Key"
            name="key"
            required
            maxLength={64}
            value={draft.key}
            onChange={(e) => update({ ...draft, key: e.target.value })}
            autoComplete="off"
            spellCheck={false}
            hint="How funnels, insights and links name it: lower-case letters, digits and _, e.g. sepsis_review. It cannot be changed later."
            error={errors.key}
          />
        )}
        <InputField label="Name" name="name" required maxLength={120} value={draft.name} onChange={(e) => update({ ...draft, name: e.target.value })} autoComplete="off" error={errors.name} />
        <TextareaField
          label="Description"
          name="description"
          rows={2}
          maxLength={500}
          value={draft.description}
          onChange={(e) => update({ ...draft, description: e.target.value })}
          error={errors.description}
          className="sm:col-span-2"
        />
      </div>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-ink">Steps</legend>
        <p className="text-xs text-ink-muted">
          {MIN_STEPS} to {MAX_STEPS} steps, each a registered event; filters narrow a step to events whose properties equal the values given. People count as lost at the first step they do not reach.
        </p>
        <Problem messages={errors.steps ?? []} />
        <ol className="space-y-3">
          {draft.steps.map((s, i) => (
            <StepCard
              key={s.id}
              index={i}
              count={draft.steps.length}
              step={s}
              events={events}
              errors={errors}
              canRemove={draft.steps.length > MIN_STEPS}
              onChange={(next) => update({ ...draft, steps: draft.steps.map((x) => (x.id === s.id ? next : x)) })}
              onMove={(by) => move(i, by)}
              onRemove={() => remove(i)}
            />
          ))}
        </ol>
        <Button size="sm" disabled={draft.steps.length >= MAX_STEPS} onClick={add}>
          Add step
        </Button>
      </fieldset>

      <div className="grid gap-6 lg:grid-cols-2">
        <fieldset className="space-y-2" aria-describedby="window-hint">
          <legend className="text-sm font-semibold text-ink">Conversion window</legend>
          <p id="window-hint" className="text-xs text-ink-muted">
            How long after step 1 someone may reach the last step and still count as converted (1 minute to 30 days).
          </p>
          <div className="flex gap-2">
            <div className="w-28">
              <input
                aria-label="Conversion window: amount"
                type="number"
                min={1}
                step="any"
                value={draft.windowValue}
                onChange={(e) => update({ ...draft, windowValue: e.target.value })}
                aria-invalid={errors.conversionWindowMs ? true : undefined}
                aria-describedby={errors.conversionWindowMs ? 'window-error' : undefined}
                className={cn(controlClasses, 'h-9')}
              />
            </div>
            <div className="w-32">
              <select aria-label="Conversion window: unit" value={draft.windowUnit} onChange={(e) => update({ ...draft, windowUnit: e.target.value as WorkflowDraft['windowUnit'] })} className={cn(controlClasses, 'h-9 pr-8')}>
                {WINDOW_UNITS.map((u) => (
                  <option key={u} value={u}>
                    {u}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <Problem id="window-error" messages={errors.conversionWindowMs ?? []} />
        </fieldset>

        <fieldset className="space-y-2">
          <legend className="text-sm font-semibold text-ink">Step order</legend>
          {ORDER_MODES.map((mode) => (
            <label key={mode} className="flex items-start gap-2 text-sm">
              <input type="radio" name="orderMode" value={mode} checked={draft.orderMode === mode} onChange={() => update({ ...draft, orderMode: mode })} className="mt-0.5 size-4 accent-accent" />
              <span>
                <span className="font-medium text-ink">{ORDER_MODE_TEXT[mode].label}</span>
                <span className="block text-xs text-ink-muted">{ORDER_MODE_TEXT[mode].explanation}</span>
              </span>
            </label>
          ))}
          <Problem messages={errors.orderMode ?? []} />
        </fieldset>
      </div>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-ink">Exclusion steps</legend>
        <p className="text-xs text-ink-muted">
          An event that voids a chain when it happens between two steps: someone who started triage, then abandoned it, then was given a level does not count as converted beyond the first of the two steps. At most {MAX_EXCLUSIONS}.
        </p>
        <Problem messages={errors.exclusions ?? []} />
        {draft.exclusions.length > 0 && (
          <ol className="space-y-3">
            {draft.exclusions.map((x, i) => (
              <ExclusionCard
                key={x.id}
                index={i}
                steps={draft.steps.length}
                exclusion={x}
                events={events}
                errors={errors}
                onChange={(next) => update({ ...draft, exclusions: draft.exclusions.map((y) => (y.id === x.id ? next : y)) })}
                onRemove={() => update({ ...draft, exclusions: draft.exclusions.filter((y) => y.id !== x.id) })}
              />
            ))}
          </ol>
        )}
        <Button
          size="sm"
          disabled={draft.exclusions.length >= MAX_EXCLUSIONS}
          onClick={() => {
            const next = addExclusion(draft)
            focusNext.current = next.exclusions.length > draft.exclusions.length ? `${next.exclusions.at(-1)!.id}-event` : null
            update(next)
          }}
        >
          Add exclusion step
        </Button>
      </fieldset>

      <FormMessage state={shownState} />
      <SubmitButton pending={pending} pendingLabel={creating ? 'Creating…' : 'Saving…'}>
        {creating ? 'Create workflow' : 'Save workflow'}
      </SubmitButton>
    </form>
  )
}
