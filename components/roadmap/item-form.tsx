'use client'

import Link from 'next/link'
import { useState } from 'react'
import { createItemAction } from '@/lib/roadmap/actions'
import { HORIZON_LABELS, HORIZONS, itemRef, PATHWAY_LABELS, PATHWAYS, PIPELINE_LABELS, PIPELINES, STAGE_LABELS, STAKEHOLDER_LABELS, STAKEHOLDERS } from '@/lib/roadmap/model'
import { MAX_PROBLEM } from '@/lib/roadmap/schema'
import { CheckboxField, InputField, SelectField, TextareaField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { LabelledOptions, NamedOptions, SubmitButton } from '@/components/ui/form-parts'
import { resetOnSuccess, useFormAction } from '@/components/ui/use-form-action'

const NEW_STAGES = ['ideas', 'discovery', 'planned'] as const

export interface ItemFormProps {
  owners: readonly { id: string; name: string }[]
  /** The quarters offered, this one first. */
  quarters: readonly string[]
  /** The signed-in editor, owner by default. */
  defaultOwnerId: string | null
}

/** A new roadmap item: it lands at the top of its column; scores and gates are set on its page. */
export function ItemForm({ owners, quarters, defaultOwnerId }: ItemFormProps) {
  const [created, setCreated] = useState<{ id: string; number: number } | null>(null)
  const { formRef, state, pending, onSubmit, errors } = useFormAction<{ id: string; number: number; version: number }>(createItemAction, {
    onResult: (result, form) => {
      setCreated(result.ok && result.data ? { id: result.data.id, number: result.data.number } : null)
      resetOnSuccess(result, form)
    },
  })
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="New roadmap item" noValidate className="space-y-5">
      <InputField label="Title" name="title" required minLength={3} maxLength={160} error={errors.title} hint="What the item delivers, in a few words." />
      <TextareaField
        label="Problem"
        name="problem"
        rows={4}
        maxLength={MAX_PROBLEM}
        error={errors.problem}
        hint="Who has the problem and what it costs them. Do not enter patient identifiers: names, record numbers and dates of birth are removed before saving."
      />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <SelectField label="Stage" name="stage" defaultValue="ideas" error={errors.stage}>
          <LabelledOptions values={NEW_STAGES} labels={STAGE_LABELS} />
        </SelectField>
        <SelectField label="Owner" name="ownerId" defaultValue={defaultOwnerId ?? ''} error={errors.ownerId}>
          <option value="">No owner yet</option>
          <NamedOptions items={owners} />
        </SelectField>
        <SelectField label="Horizon" name="horizon" defaultValue="short_term" error={errors.horizon}>
          <LabelledOptions values={HORIZONS} labels={HORIZON_LABELS} />
        </SelectField>
        <SelectField label="Target quarter" name="targetQuarter" defaultValue="" error={errors.targetQuarter}>
          <option value="">No quarter yet</option>
          {quarters.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </SelectField>
        <InputField label="Effort (person-weeks)" name="effort" type="number" min={0.5} max={520} step={0.5} inputMode="decimal" error={errors.effort} hint="Used by RICE and by capacity." />
        <SelectField label="Pipeline" name="pipeline" defaultValue="feature" error={errors.pipeline} hint="Decides the release gates.">
          <LabelledOptions values={PIPELINES} labels={PIPELINE_LABELS} />
        </SelectField>
        <SelectField label="Regulatory pathway" name="regulatoryPathway" defaultValue="none" error={errors.regulatoryPathway} className="xl:col-span-2" hint="A medical-device pathway adds regulatory documentation to the gates.">
          <LabelledOptions values={PATHWAYS} labels={PATHWAY_LABELS} />
        </SelectField>
      </div>
      <fieldset className="space-y-2" aria-describedby={errors.stakeholders ? 'stakeholders-error' : undefined}>
        <legend className="text-sm font-medium text-ink">Stakeholder groups</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {STAKEHOLDERS.map((s) => (
            <CheckboxField key={s} label={STAKEHOLDER_LABELS[s]} name="stakeholders" value={s} />
          ))}
        </div>
        {errors.stakeholders && (
          <p id="stakeholders-error" className="text-xs font-medium text-critical-fg">
            {errors.stakeholders.join(' ')}
          </p>
        )}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3 border-t border-line pt-4">
        <SubmitButton pending={pending} pendingLabel="Adding…">
          Add to the roadmap
        </SubmitButton>
        <FormMessage state={state} className="min-w-0 flex-1" />
      </div>
      {created && (
        <p className="text-sm">
          <Link href={`/roadmap/${created.id}`} className="font-medium text-accent-fg hover:underline">
            Open {itemRef(created.number)} to score it
          </Link>
          <span className="text-ink-muted"> · </span>
          <Link href="/roadmap" className="font-medium text-accent-fg hover:underline">
            Back to the board
          </Link>
        </p>
      )}
    </form>
  )
}
