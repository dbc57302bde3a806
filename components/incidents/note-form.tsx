'use client'

import { startTransition, useActionState, useRef, type FormEvent } from 'react'
import type { FormState } from '@/lib/auth/guard'
import { addIncidentNoteAction } from '@/lib/incidents/actions'
import { Button } from '@/components/ui/button'
import { TextareaField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { useFocusFirstInvalid } from '@/components/ui/use-focus-first-invalid'

/** Adds a note to the timeline; the text is cleared once it is saved. */
export function NoteForm({ incidentId }: { incidentId: string }) {
  const formRef = useRef<HTMLFormElement>(null)
  const [state, submit, pending] = useActionState<FormState | null, FormData>(async (_prev, form) => {
    const result = await addIncidentNoteAction(form)
    if (result.ok) formRef.current?.reset()
    return result
  }, null)
  useFocusFirstInvalid(formRef, state)

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    startTransition(() => submit(form))
  }

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
        error={state?.fieldErrors?.text}
      />
      <FormMessage state={state} />
      <Button type="submit" size="sm" variant="primary" loading={pending}>
        Add note
      </Button>
    </form>
  )
}
