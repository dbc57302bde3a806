'use client'

// The incident's assignee and severity, each its own small form; the severity's reason is cleared once saved.

import { SEVERITIES, type Severity } from '@/lib/severity'
import { assignIncidentAction, changeSeverityAction } from '@/lib/incidents/actions'
import { SelectField, TextareaField } from '@/components/ui/field'
import { SEVERITY_META } from '@/components/ui/severity-badge'
import { FormMessage } from '@/components/ui/form-message'
import { LabelledOptions, NamedOptions, SubmitButton } from '@/components/ui/form-parts'
import { resetOnSuccess, useFormAction } from '@/components/ui/use-form-action'

export function AssigneeForm({ incidentId, assigneeId, people }: { incidentId: string; assigneeId: string | null; people: { id: string; name: string }[] }) {
  const { formRef, state, pending, onSubmit, errors } = useFormAction(assignIncidentAction)
  const known = !assigneeId || people.some((p) => p.id === assigneeId)
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Assign the incident" className="space-y-2">
      <input type="hidden" name="incidentId" value={incidentId} />
      <SelectField label="Assignee" name="assigneeId" defaultValue={assigneeId ?? ''} error={errors.assigneeId}>
        <option value="">Unassigned</option>
        {!known && <option value={assigneeId!}>Someone no longer active</option>}
        <NamedOptions items={people} />
      </SelectField>
      <FormMessage state={state} />
      <SubmitButton variant="secondary" size="sm" pending={pending}>
        Save assignee
      </SubmitButton>
    </form>
  )
}

export function SeverityForm({ incidentId, severity }: { incidentId: string; severity: Severity }) {
  const { formRef, state, pending, onSubmit, errors } = useFormAction(changeSeverityAction, { onResult: resetOnSuccess })
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Change severity" className="space-y-2">
      <input type="hidden" name="incidentId" value={incidentId} />
      <SelectField label="Severity" name="severity" defaultValue={severity} error={errors.severity} key={severity}>
        <LabelledOptions values={SEVERITIES} labels={(s) => SEVERITY_META[s].label} />
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
      <SubmitButton variant="secondary" size="sm" pending={pending}>
        Change severity
      </SubmitButton>
    </form>
  )
}
