'use client'

import { useRouter } from 'next/navigation'
import { useRef, useState, type FormEvent } from 'react'
import { recordCellEvidenceAction } from '@/lib/competitors/actions'
import { CONFIDENCES, STATUS_LABELS } from '@/lib/competitors/schema'
import { STATUSES } from '@/lib/competitors/scoring'
import { InputField, SelectField, TextareaField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { useActionForm } from '@/components/ui/use-action-form'
import { useFocusFirstInvalid } from '@/components/ui/use-focus-first-invalid'

export interface CellEvidenceFormProps {
  competitorId: string
  capabilityId: string
  status: string
  version: number
  /** Today as YYYY-MM-DD (the server's day, so both renders agree). */
  today: string
}

/** New evidence for one cell: what the source shows, where it is, when it said it, how sure we are. */
export function CellEvidenceForm({ competitorId, capabilityId, status, version, today }: CellEvidenceFormProps) {
  const router = useRouter()
  const formRef = useRef<HTMLFormElement>(null)
  const [fields, setFields] = useState({ status, confidence: 'medium', sourceUrl: '', sourceTitle: '', observedAt: today, note: '' })
  const { state, pending, run, errors } = useActionForm(recordCellEvidenceAction)
  useFocusFirstInvalid(formRef, state)
  const set = (k: keyof typeof fields) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [k]: e.target.value }))

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    run({ competitorId, capabilityId, version, ...fields }, () => {
      setFields((f) => ({ ...f, sourceUrl: '', sourceTitle: '', note: '' }))
      router.refresh()
    })
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Record evidence" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField label="What it shows" name="status" value={fields.status} onChange={set('status')} error={errors.status}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Confidence" name="confidence" value={fields.confidence} onChange={set('confidence')} error={errors.confidence}>
          {CONFIDENCES.map((c) => (
            <option key={c} value={c}>
              {c[0]!.toUpperCase() + c.slice(1)}
            </option>
          ))}
        </SelectField>
        <InputField label="Date of the source" name="observedAt" type="date" required max={today} value={fields.observedAt} onChange={set('observedAt')} error={errors.observedAt} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField
          label="Source address"
          name="sourceUrl"
          type="url"
          inputMode="url"
          placeholder="https://"
          value={fields.sourceUrl}
          onChange={set('sourceUrl')}
          hint="A page, release note or document online."
          error={errors.sourceUrl}
        />
        <InputField label="Source title" name="sourceTitle" maxLength={200} value={fields.sourceTitle} onChange={set('sourceTitle')} hint="Or a document’s name when it is not online." error={errors.sourceTitle} />
      </div>
      <TextareaField label="Note" name="note" rows={3} maxLength={2000} value={fields.note} onChange={set('note')} hint="What the source says, briefly. No patient details." error={errors.note} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingLabel="Recording…">
          Record evidence
        </SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  )
}
