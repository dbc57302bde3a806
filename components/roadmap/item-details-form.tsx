'use client'

import { useRouter } from 'next/navigation'
import { useRef, useState, type FormEvent } from 'react'
import { updateItemAction } from '@/lib/roadmap/actions'
import { HORIZON_LABELS, HORIZONS, PATHWAY_LABELS, PATHWAYS, PIPELINE_LABELS, PIPELINES, STAKEHOLDER_LABELS, STAKEHOLDERS, type Stakeholder } from '@/lib/roadmap/model'
import { CheckboxField, InputField, SelectField, TextareaField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { LabelledOptions, SubmitButton } from '@/components/ui/form-parts'
import { useActionForm } from '@/components/ui/use-action-form'
import { useFocusFirstInvalid } from '@/components/ui/use-focus-first-invalid'

export interface ItemDetailsValues {
  id: string
  version: number
  title: string
  problem: string
  ownerId: string | null
  horizon: string
  targetQuarter: string | null
  effort: number | null
  stakeholders: string[]
  regulatoryPathway: string
  pipeline: string
  serviceId: string | null
}

interface Choice {
  id: string
  name: string
}

/** Edits an item's details; a version conflict says who changed it meanwhile and keeps what was typed. */
export function ItemDetailsForm({ item, owners, services }: { item: ItemDetailsValues; owners: Choice[]; services: Choice[] }) {
  const router = useRouter()
  const ref = useRef<HTMLFormElement>(null)
  const initial = {
    title: item.title,
    problem: item.problem,
    ownerId: item.ownerId ?? '',
    horizon: item.horizon,
    targetQuarter: item.targetQuarter ?? '',
    effort: item.effort === null ? '' : String(item.effort),
    regulatoryPathway: item.regulatoryPathway,
    pipeline: item.pipeline,
    serviceId: item.serviceId ?? '',
  }
  const [v, setV] = useState(initial)
  const [stakeholders, setStakeholders] = useState<string[]>(item.stakeholders)
  const { state, pending, run, errors } = useActionForm(updateItemAction)
  useFocusFirstInvalid(ref, state)
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV((x) => ({ ...x, [k]: e.target.value }))
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    run({ id: item.id, version: item.version, ...v, stakeholders }, () => router.refresh())
  }
  const toggle = (s: Stakeholder) => setStakeholders((xs) => (xs.includes(s) ? xs.filter((x) => x !== s) : [...xs, s]))
  return (
    <form ref={ref} onSubmit={onSubmit} aria-label="Edit the item" className="space-y-4">
      <InputField label="Title" name="title" required maxLength={160} value={v.title} onChange={set('title')} error={errors.title} />
      <TextareaField label="Problem" name="problem" rows={4} maxLength={4000} value={v.problem} onChange={set('problem')} hint="Who has the problem and what it costs them. Do not enter patient identifiers; they are removed anyway." error={errors.problem} />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        <SelectField label="Owner" name="ownerId" value={v.ownerId} onChange={set('ownerId')} error={errors.ownerId}>
          <option value="">No owner</option>
          {owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Horizon" name="horizon" value={v.horizon} onChange={set('horizon')} error={errors.horizon}>
          <LabelledOptions values={HORIZONS} labels={HORIZON_LABELS} />
        </SelectField>
        <InputField label="Target quarter" name="targetQuarter" placeholder="2027-Q1" pattern="\d{4}-Q[1-4]" value={v.targetQuarter} onChange={set('targetQuarter')} error={errors.targetQuarter} />
        <InputField label="Effort (person-weeks)" name="effort" type="number" min={0.5} max={520} step={0.5} value={v.effort} onChange={set('effort')} error={errors.effort} />
        <SelectField label="Pipeline" name="pipeline" value={v.pipeline} onChange={set('pipeline')} hint="Decides the release gates" error={errors.pipeline}>
          <LabelledOptions values={PIPELINES} labels={PIPELINE_LABELS} />
        </SelectField>
        <SelectField label="Regulatory pathway" name="regulatoryPathway" value={v.regulatoryPathway} onChange={set('regulatoryPathway')} error={errors.regulatoryPathway}>
          <LabelledOptions values={PATHWAYS} labels={PATHWAY_LABELS} />
        </SelectField>
        <SelectField label="Affected service" name="serviceId" value={v.serviceId} onChange={set('serviceId')} hint="Its SLO debt counts as evidence" error={errors.serviceId}>
          <option value="">None</option>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-ink">Stakeholder groups</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {STAKEHOLDERS.map((s) => (
            <CheckboxField key={s} label={STAKEHOLDER_LABELS[s]} name="stakeholders" checked={stakeholders.includes(s)} onChange={() => toggle(s)} />
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingLabel="Saving…">
          Save details
        </SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  )
}
