'use client'

import { startTransition, useActionState, useRef, type FormEvent } from 'react'
import { SEVERITIES, type Severity } from '@/lib/severity'
import type { FormState } from '@/lib/auth/guard'
import { assignIncidentAction, changeSeverityAction } from '@/lib/incidents/actions'

import { Button } from '@/components/ui/button'
import { SelectField, TextareaField } from '@/components/ui/field'
import { SEVERITY_META } from '@/components/ui/severity-badge'
import { FormMessage } from '@/components/ui/form-message'
import { useFocusFirstInvalid } from '@/components/ui/use-focus-first-invalid'

type State = FormState<unknown> | null

/**
 * Runs an action with the form's fields; submitting through a transition (not `action=`) keeps what was
 * typed when the server refuses it. `reset` clears the form after a success.
 */
function useIncidentForm(action: (form: FormData) => Promise<FormState<unknown>>, reset = false) {
  const formRef = useRef<HTMLFormElement>(null)
  const [state, submit, pending] = useActionState<State, FormData>(async (_prev, form) => {
    const result = await action(form)
    if (result.ok && reset) formRef.current?.reset()
    return result
  }, null)
  useFocusFirstInvalid(formRef, state)
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    startTransition(() => submit(form))
  }
  return { formRef, state, pending, onSubmit, errors: state?.fieldErrors ?? {} }
}

export function AssigneeForm({ incidentId, assigneeId, people }: { incidentId: string; assigneeId: string | null; people: { id: string; name: string }[] }) {
  const { formRef, state, pending, onSubmit, errors } = useIncidentForm((form) => assignIncidentAction(form))
  const known = !assigneeId || people.some((p) => p.id === assigneeId)
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Assign the incident" className="space-y-2">
      <input type="hidden" name="incidentId" value={incidentId} />
      <SelectField label="Assignee" name="assigneeId" defaultValue={assigneeId ?? ''} error={errors.assigneeId}>
        <option value="">Unassigned</option>
        {!known && <option value={assigneeId!}>Someone no longer active</option>}
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <FormMessage state={state} />
      <Button type="submit" size="sm" loading={pending}>
        Save assignee
      </Button>
    </form>
  )
}

export function SeverityForm({ incidentId, severity }: { incidentId: string; severity: Severity }) {
  const { formRef, state, pending, onSubmit, errors } = useIncidentForm((form) => changeSeverityAction(form), true)
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Change severity" className="space-y-2">
      <input type="hidden" name="incidentId" value={incidentId} />
      <SelectField label="Severity" name="severity" defaultValue={severity} error={errors.severity} key={severity}>
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {SEVERITY_META[s].label}
          </option>
        ))}
      </SelectField>
      <TextareaField
        label="Reason"
        name="reason"
        rows={2}
        required
        minLength={3}
        maxLength={500}
        hint="Shown on the timeline. No patient details."
        error={errors.reason}
      />
      <FormMessage state={state} />
      <Button type="submit" size="sm" loading={pending}>
        Change severity
      </Button>
    </form>
  )
}
