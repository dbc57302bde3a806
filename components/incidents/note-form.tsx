'use client'

import { addIncidentNoteAction } from '@/lib/incidents/actions'
import { TextareaField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { resetOnSuccess, useFormAction } from '@/components/ui/use-form-action'

/** Adds a note to the timeline; the text is cleared once it is saved. */
export function NoteForm({ incidentId }: { incidentId: string }) {
  const { formRef, state, pending, onSubmit, errors } = useFormAction(addIncidentNoteAction, { onResult: resetOnSuccess })

  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Add a note" className="space-y-2">
      <input type="hidden" name="incidentId" value={incidentId} />
      <TextareaField
        label="Note"
        name="text"
        rows={3}
        required
        maxLength={5000}
        hint="What you tried, what you saw, what comes next. Patient identifiers are removed before saving."
        error={errors.text}
      />
      <FormMessage state={state} />
      <SubmitButton size="sm" pending={pending}>
        Add note
      </SubmitButton>
    </form>
  )
}
