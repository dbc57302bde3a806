'use client'

import type { FormEvent } from 'react'
import { updateFlagAction } from '@/lib/flags/actions'
import { FLAG_CATEGORIES, LIFECYCLES } from '@/lib/flags/schema'
import { InputField, SelectField, TextareaField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { useActionForm } from '@/components/ui/use-action-form'
import { CATEGORY_LABELS, LIFECYCLE_LABELS } from './labels'

export interface FlagDetailsFormProps {
  flagKey: string
  name: string
  description: string
  owner: string
  tags: readonly string[]
  category: string
  lifecycle: string
  guardedSloKeys: readonly string[]
}

/** Name, description, owner, tags, category, lifecycle and guarded SLOs; the key and type never change. */
export function FlagDetailsForm(props: FlagDetailsFormProps) {
  const { state, pending, run, errors } = useActionForm(updateFlagAction)
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const d = new FormData(e.currentTarget)
    run({
      flagKey: props.flagKey,
      name: d.get('name'),
      description: d.get('description'),
      owner: d.get('owner'),
      tags: d.get('tags'),
      category: d.get('category'),
      lifecycle: d.get('lifecycle'),
      guardedSloKeys: d.get('guardedSloKeys'),
    })
  }
  return (
    <form onSubmit={onSubmit} aria-label="Edit flag details" className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <InputField label="Name" name="name" required maxLength={120} defaultValue={props.name} error={errors.name} />
        <InputField label="Owner" name="owner" maxLength={120} defaultValue={props.owner} error={errors.owner} />
        <InputField
          label="Tags"
          name="tags"
          maxLength={800}
          defaultValue={props.tags.join(', ')}
          hint="Comma-separated; hipaa requires a HIPAA review."
          error={errors.tags}
        />
        <SelectField label="Category" name="category" defaultValue={props.category} error={errors.category}>
          {FLAG_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_LABELS[c]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Lifecycle"
          name="lifecycle"
          defaultValue={props.lifecycle}
          hint="A daily job marks flags stale after 30 days unchanged at 0% or 100%."
          error={errors.lifecycle}
        >
          {LIFECYCLES.map((l) => (
            <option key={l} value={l}>
              {LIFECYCLE_LABELS[l]}
            </option>
          ))}
        </SelectField>
        <InputField
          label="Guarded SLOs"
          name="guardedSloKeys"
          maxLength={2000}
          defaultValue={props.guardedSloKeys.join(', ')}
          hint="SLO keys, comma-separated: their violations hold and roll back rollouts."
          error={errors.guardedSloKeys}
        />
        <TextareaField label="Description" name="description" rows={3} maxLength={2000} defaultValue={props.description} error={errors.description} className="sm:col-span-2" />
      </div>
      <FormMessage state={state} />
      <SubmitButton variant="secondary" pending={pending}>
        Save details
      </SubmitButton>
    </form>
  )
}
