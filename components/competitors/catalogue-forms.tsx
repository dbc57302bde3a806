'use client'

import { useRouter } from 'next/navigation'
import { useRef, useState, type FormEvent } from 'react'
import { createCapabilityAction, createCompetitorAction, setCompetitorArchivedAction } from '@/lib/competitors/actions'
import { CAPABILITY_GROUP_LABELS, CAPABILITY_GROUPS } from '@/lib/competitors/schema'
import { Button } from '@/components/ui/button'
import { InputField, SelectField, TextareaField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { useActionForm } from '@/components/ui/use-action-form'
import { useFocusFirstInvalid } from '@/components/ui/use-focus-first-invalid'

const EMPTY_COMPETITOR = { key: '', name: '', segment: '', position: '', website: '', notes: '', marketOverlap: '50' }

/** A newcomer to compare: its cells start unknown. */
export function CompetitorForm() {
  const router = useRouter()
  const ref = useRef<HTMLFormElement>(null)
  const [v, setV] = useState(EMPTY_COMPETITOR)
  const { state, pending, run, errors } = useActionForm(createCompetitorAction)
  useFocusFirstInvalid(ref, state)
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV((x) => ({ ...x, [k]: e.target.value }))
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    run(v, () => {
      setV(EMPTY_COMPETITOR)
      router.refresh()
    })
  }
  return (
    <form ref={ref} onSubmit={onSubmit} aria-label="Add a competitor" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-3">
        <InputField label="Name" name="name" required maxLength={120} value={v.name} onChange={set('name')} error={errors.name} />
        <InputField label="Key" name="key" required maxLength={60} value={v.key} onChange={set('key')} hint="e.g. abridge_ai" error={errors.key} />
        <InputField label="Market overlap (%)" name="marketOverlap" type="number" min={0} max={100} required value={v.marketOverlap} onChange={set('marketOverlap')} error={errors.marketOverlap} />
        <InputField label="Segment" name="segment" maxLength={120} value={v.segment} onChange={set('segment')} error={errors.segment} />
        <InputField label="Position" name="position" maxLength={60} value={v.position} onChange={set('position')} hint="e.g. Challenger" error={errors.position} />
        <InputField label="Website" name="website" type="url" value={v.website} onChange={set('website')} error={errors.website} />
      </div>
      <TextareaField label="Notes" name="notes" rows={2} maxLength={2000} value={v.notes} onChange={set('notes')} error={errors.notes} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingLabel="Adding…">
          Add competitor
        </SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  )
}

const EMPTY_CAPABILITY = { key: '', name: '', group: 'clinical_decision_support', weight: '3', description: '' }

/** A capability of the taxonomy: every product's cell for it starts unknown. */
export function CapabilityForm() {
  const router = useRouter()
  const ref = useRef<HTMLFormElement>(null)
  const [v, setV] = useState(EMPTY_CAPABILITY)
  const { state, pending, run, errors } = useActionForm(createCapabilityAction)
  useFocusFirstInvalid(ref, state)
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV((x) => ({ ...x, [k]: e.target.value }))
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    run(v, () => {
      setV(EMPTY_CAPABILITY)
      router.refresh()
    })
  }
  return (
    <form ref={ref} onSubmit={onSubmit} aria-label="Add a capability" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <InputField label="Name" name="name" required maxLength={120} value={v.name} onChange={set('name')} error={errors.name} />
        <InputField label="Key" name="key" required maxLength={60} value={v.key} onChange={set('key')} hint="e.g. sepsis_prediction" error={errors.key} />
        <SelectField label="Group" name="group" value={v.group} onChange={set('group')} error={errors.group}>
          {CAPABILITY_GROUPS.map((g) => (
            <option key={g} value={g}>
              {CAPABILITY_GROUP_LABELS[g]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Importance" name="weight" value={v.weight} onChange={set('weight')} error={errors.weight}>
          {[1, 2, 3, 4, 5].map((w) => (
            <option key={w} value={w}>
              {w} of 5
            </option>
          ))}
        </SelectField>
      </div>
      <TextareaField label="Description" name="description" rows={2} maxLength={500} value={v.description} onChange={set('description')} error={errors.description} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingLabel="Adding…">
          Add capability
        </SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  )
}

/** Takes a competitor out of the matrix (its evidence stays) or puts it back. */
export function ArchiveCompetitorButton({ id, name, archived }: { id: string; name: string; archived: boolean }) {
  const router = useRouter()
  const { state, pending, run } = useActionForm(setCompetitorArchivedAction)
  return (
    <span className="flex flex-wrap items-center gap-2">
      <Button size="sm" variant="secondary" loading={pending} aria-label={`${archived ? 'Restore' : 'Archive'} ${name}`} onClick={() => run({ id, archived: !archived }, () => router.refresh())}>
        {archived ? 'Restore' : 'Archive'}
      </Button>
      <FormMessage state={state} />
    </span>
  )
}
