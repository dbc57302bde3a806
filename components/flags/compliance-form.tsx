'use client'

import { useState, type FormEvent } from 'react'
import { recordComplianceAction } from '@/lib/flags/actions'
import { COMPLIANCE_KINDS, type ComplianceKind } from '@/lib/flags/schema'
import { GATE_LABELS } from '@/lib/flags/gates'
import { InputField, SelectField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { useActionForm } from '@/components/ui/use-action-form'

const capital = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`

const REFERENCE_HINTS: Record<ComplianceKind, string> = {
  hipaa_review: 'The review ticket or privacy-office reference.',
  fda_approval: 'The 510(k), De Novo or PMA number, e.g. K231234.',
  clinical_validation: 'The validation study or sign-off document.',
}

/** Records a HIPAA review, an FDA approval (reference, date, scope) or a clinical-validation sign-off. */
export function ComplianceForm({ flagKey, suggested }: { flagKey: string; suggested?: ComplianceKind }) {
  const [kind, setKind] = useState<ComplianceKind>(suggested ?? 'hipaa_review')
  const { state, pending, run, errors } = useActionForm(recordComplianceAction)

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = e.currentTarget
    const data = new FormData(form)
    run({ flagKey, kind, reference: data.get('reference'), date: data.get('date'), scope: data.get('scope') }, () => form.reset())
  }

  return (
    <form onSubmit={onSubmit} aria-label="Record compliance evidence" className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label="Evidence" name="kind" value={kind} onChange={(e) => setKind(e.target.value as ComplianceKind)} error={errors.kind}>
          {COMPLIANCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {capital(GATE_LABELS[k])}
            </option>
          ))}
        </SelectField>
        <InputField label="Reference" name="reference" required maxLength={200} autoComplete="off" hint={REFERENCE_HINTS[kind]} error={errors.reference} />
        <InputField label="Date" name="date" type="date" required error={errors.date} />
        <InputField
          label="Scope"
          name="scope"
          maxLength={500}
          required={kind === 'fda_approval'}
          hint={kind === 'fda_approval' ? 'The cleared indication and use; required.' : 'Optional: what the evidence covers.'}
          error={errors.scope}
        />
      </div>
      <FormMessage state={state} />
      <SubmitButton variant="secondary" pending={pending}>
        Record evidence
      </SubmitButton>
    </form>
  )
}
