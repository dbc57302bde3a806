'use client'

import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { createFlagAction } from '@/lib/flags/actions'
import { FLAG_CATEGORIES, FLAG_TYPES, type FlagType } from '@/lib/flags/schema'
import { InputField, SelectField, TextareaField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { LabelledOptions, SubmitButton } from '@/components/ui/form-parts'
import { useFormAction } from '@/components/ui/use-form-action'
import { CATEGORY_LABELS } from './labels'

const TYPE_LABELS: Record<FlagType, string> = { boolean: 'Boolean (on/off)', string: 'String', number: 'Number', json: 'JSON' }
const VARIANT_HINTS: Record<Exclude<FlagType, 'boolean'>, string> = {
  string: 'One per line: key = value, e.g. “v1 = triage-2025” (a line with only a key serves the key).',
  number: 'One per line: key = number, e.g. “low = 0.2”.',
  json: 'One per line: key = JSON, e.g. “v2 = {"model": "sepsis-v2"}”.',
}

/** Creates a flag, off in every environment, then opens its page. */
export function CreateFlagForm() {
  const router = useRouter()
  const [type, setType] = useState<FlagType>('boolean')
  const { formRef, state, pending, onSubmit, errors } = useFormAction(createFlagAction, {
    onResult: (result) => {
      if (result.ok && result.data) router.push(`/flags/${encodeURIComponent(result.data.key)}`)
    },
  })

  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Create a flag" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField
          label="Key"
          name="key"
          required
          maxLength={100}
          autoComplete="off"
          spellCheck={false}
          hint="Used by the SDKs; lower-case letters, digits, _ - or ., e.g. sepsis_alert_v2. It cannot be changed later."
          error={errors.key}
        />
        <InputField label="Name" name="name" required maxLength={120} autoComplete="off" error={errors.name} />
        <SelectField label="Type" name="type" value={type} onChange={(e) => setType(e.target.value as FlagType)} error={errors.type}>
          <LabelledOptions values={FLAG_TYPES} labels={TYPE_LABELS} />
        </SelectField>
        <SelectField label="Category" name="category" defaultValue="operational" hint="Clinical decision support needs an FDA approval record and diagnostic flags a clinical-validation sign-off before they serve in production." error={errors.category}>
          <LabelledOptions values={FLAG_CATEGORIES} labels={CATEGORY_LABELS} />
        </SelectField>
        {type === 'boolean' ? (
          <p className="text-sm text-ink-muted sm:col-span-2">Boolean flags get two variants: off (false) and on (true).</p>
        ) : (
          <TextareaField label="Variants" name="variantsText" required rows={4} spellCheck={false} hint={VARIANT_HINTS[type]} error={errors.variantsText} className="sm:col-span-2" />
        )}
        <InputField label="Owner" name="owner" maxLength={120} hint="The person or team who answers for it." error={errors.owner} />
        <InputField label="Tags" name="tags" maxLength={800} hint="Comma-separated. Tag hipaa if it touches PHI: it then needs a HIPAA review." error={errors.tags} />
        <TextareaField label="Description" name="description" rows={2} maxLength={2000} error={errors.description} className="sm:col-span-2" />
      </div>
      <FormMessage state={state} />
      <SubmitButton pending={pending} pendingLabel="Creating…">
        Create flag
      </SubmitButton>
    </form>
  )
}
