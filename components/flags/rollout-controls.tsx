'use client'

import type { FormEvent } from 'react'
import { pauseRolloutAction, resumeRolloutAction, rollbackNowAction, startRolloutAction } from '@/lib/flags/actions'
import type { Environment } from '@/lib/flags/schema'
import { Button } from '@/components/ui/button'
import { ConfirmButton } from '@/components/ui/confirm-button'
import { InputField, SelectField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { useActionForm } from '@/components/ui/use-action-form'
import { environmentLabel } from './labels'

export interface RolloutControlsProps {
  flagKey: string
  environment: Environment
  /** Status of the current plan, or null when none is running or paused. */
  status: 'running' | 'paused' | null
  /** Variants a rollout can serve (every variant but the off one). */
  variants: readonly string[]
  /**
   * May start or resume a rollout (flag:edit). Without it (operations: flag:emergency) only pause and roll
   * back are offered.
   */
  canStart: boolean
}

function StartRolloutForm({ flagKey, environment, variants }: Omit<RolloutControlsProps, 'status' | 'canStart'>) {
  const { state, pending, run, errors } = useActionForm(startRolloutAction)
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const data = new FormData(e.currentTarget)
    run({
      flagKey,
      environment,
      variant: data.get('variant'),
      stages: data.get('stages'),
      stageIntervalHours: data.get('stageIntervalHours'),
      violationThreshold: data.get('violationThreshold'),
    })
  }
  if (variants.length === 0) return <p className="text-sm text-ink-muted">This flag has no variant besides its off variant to roll out.</p>
  return (
    <form onSubmit={onSubmit} aria-label={`Start a rollout in ${environmentLabel(environment)}`} className="@container space-y-3">
      {/* Columns by the card's width, not the window's: the card is half the page from 1024 px up. */}
      <div className="grid gap-3 @xs:grid-cols-2 @2xl:grid-cols-4">
        <SelectField label="Variant to roll out" name="variant" defaultValue={variants[0]} error={errors.variant}>
          {variants.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </SelectField>
        <InputField label="Stages (%)" name="stages" defaultValue="5, 25, 50, 100" required hint="Ascending, ending at 100." error={errors.stages} />
        <InputField label="Hours between stages" name="stageIntervalHours" type="number" min={1} max={720} defaultValue={24} required error={errors.stageIntervalHours} />
        <InputField
          label="Violations before rollback"
          name="violationThreshold"
          type="number"
          min={0}
          max={1000}
          defaultValue={3}
          required
          hint="More than this many violations of a guarded SLO halve the rollout."
          error={errors.violationThreshold}
        />
      </div>
      <FormMessage state={state} />
      <SubmitButton pending={pending}>
        Start rollout
      </SubmitButton>
    </form>
  )
}

function PauseForm({ flagKey, environment }: { flagKey: string; environment: Environment }) {
  const { state, pending, run, errors } = useActionForm(pauseRolloutAction)
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = e.currentTarget
    run({ flagKey, environment, reason: new FormData(form).get('reason') }, () => form.reset())
  }
  return (
    <form onSubmit={onSubmit} aria-label="Pause the rollout" className="flex flex-wrap items-end gap-2">
      <InputField label="Reason for pausing" name="reason" required minLength={3} maxLength={300} className="min-w-64 flex-1" error={errors.reason} />
      <SubmitButton variant="secondary" pending={pending}>
        Pause rollout
      </SubmitButton>
      <FormMessage state={state} className="basis-full" />
    </form>
  )
}

function ResumeButton({ flagKey, environment }: { flagKey: string; environment: Environment }) {
  const { state, pending, run } = useActionForm(resumeRolloutAction)
  return (
    <div className="space-y-2">
      <Button variant="primary" loading={pending} onClick={() => run({ flagKey, environment })}>
        Resume rollout
      </Button>
      <FormMessage state={state} />
    </div>
  )
}

/** Start a canary plan, or pause, resume and roll back the running one. Roll back asks once. */
export function RolloutControls({ flagKey, environment, status, variants, canStart }: RolloutControlsProps) {
  if (status === null) {
    return canStart ? (
      <StartRolloutForm flagKey={flagKey} environment={environment} variants={variants} />
    ) : (
      <p className="text-sm text-ink-muted">Starting a rollout is for product managers; you can pause or roll back a running one.</p>
    )
  }
  return (
    <div className="space-y-4">
      {status === 'running' ? (
        <PauseForm flagKey={flagKey} environment={environment} />
      ) : canStart ? (
        <ResumeButton flagKey={flagKey} environment={environment} />
      ) : (
        <p className="text-sm text-ink-muted">Paused. A product manager resumes it; you can still roll it back.</p>
      )}
      <ConfirmButton
        title={`Roll back now in ${environmentLabel(environment)}?`}
        description="The rollout serves 0% from now on: everyone gets the off variant's share back at once. The rollback is recorded in the flag's history and the audit log; start a new rollout to try again."
        confirmLabel="Roll back now"
        confirmAction={() => rollbackNowAction({ flagKey, environment, reason: 'Rolled back by hand' })}
      >
        Roll back now
      </ConfirmButton>
    </div>
  )
}
