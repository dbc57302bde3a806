'use client'

import { useRouter } from 'next/navigation'
import { useRef, useState, type FormEvent } from 'react'
import { clearOverrideAction, overrideInputAction } from '@/lib/roadmap/evidence-actions'
import { INPUT_LABELS, type ScoringInput } from '@/lib/roadmap/evidence'
import { CONFIDENCE_LEVELS, IMPACT_LEVELS, IMPACT_WORDS, type Impact } from '@/lib/roadmap/scoring'
import { Button } from '@/components/ui/button'
import { InputField, SelectField, TextareaField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { useActionForm } from '@/components/ui/use-action-form'
import { useFocusFirstInvalid } from '@/components/ui/use-focus-first-invalid'

const MAX: Partial<Record<ScoringInput, number>> = { value: 10, risk: 10, patientSafety: 5, clinicalOutcome: 5, timeSaved: 5, evidenceStrength: 5 }

export interface InputOverrideFormProps {
  itemId: string
  version: number
  input: ScoringInput
  current: number | null
  /** Whether an override is in force (then it may be cleared). */
  overridden: boolean
  /** Whether evidence seeds this input (the words say "override" then, "set" otherwise). */
  seeded: boolean
}

/** Sets or overrides one scoring input with a reason (required, recorded); clears an override. */
export function InputOverrideForm({ itemId, version, input, current, overridden, seeded }: InputOverrideFormProps) {
  const router = useRouter()
  const formRef = useRef<HTMLFormElement>(null)
  const [value, setValue] = useState(current === null ? '' : String(current))
  // When the stored value moves (evidence linked, another override), the field follows it (React's
  // "adjust state while rendering" pattern: no effect, no extra render of stale input).
  const [seen, setSeen] = useState(current)
  if (seen !== current) {
    setSeen(current)
    setValue(current === null ? '' : String(current))
  }
  const [reason, setReason] = useState('')
  const { state, pending, run, errors } = useActionForm(overrideInputAction)
  const clear = useActionForm(clearOverrideAction)
  useFocusFirstInvalid(formRef, state)
  const label = INPUT_LABELS[input]
  const verb = seeded || overridden ? 'Override' : 'Set'
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    run({ itemId, version, input, value, reason }, () => {
      setReason('')
      router.refresh()
    })
  }
  return (
    <details className="group">
      <summary className="cursor-pointer text-sm text-accent-fg hover:underline">
        {verb} <span className="sr-only">{label}</span>
      </summary>
      <form ref={formRef} onSubmit={onSubmit} aria-label={`${verb} ${label}`} className="mt-2 space-y-3 rounded-md border border-line p-3">
        {input === 'impact' ? (
          <SelectField label={label} name="value" value={value} onChange={(e) => setValue(e.target.value)} required error={errors.value}>
            <option value="">Choose…</option>
            {IMPACT_LEVELS.map((l) => (
              <option key={l} value={l}>
                {l} · {IMPACT_WORDS[l as Impact]}
              </option>
            ))}
          </SelectField>
        ) : input === 'confidence' ? (
          <SelectField label={label} name="value" value={value} onChange={(e) => setValue(e.target.value)} required error={errors.value}>
            <option value="">Choose…</option>
            {CONFIDENCE_LEVELS.map((l) => (
              <option key={l} value={l}>
                {l} %
              </option>
            ))}
          </SelectField>
        ) : (
          <InputField label={label} name="value" type="number" min={0} max={MAX[input]} step={1} required value={value} onChange={(e) => setValue(e.target.value)} error={errors.value} />
        )}
        <TextareaField label="Reason" name="reason" rows={2} required value={reason} onChange={(e) => setReason(e.target.value)} hint="Recorded with the value and shown beside it." error={errors.reason} />
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton pending={pending} pendingLabel="Saving…" size="sm">
            Save {verb.toLowerCase()}
          </SubmitButton>
          {overridden && (
            <Button size="sm" variant="secondary" loading={clear.pending} onClick={() => clear.run({ itemId, version, input }, () => router.refresh())}>
              Follow the evidence again
            </Button>
          )}
        </div>
        <FormMessage state={clear.state ?? state} />
      </form>
    </details>
  )
}
