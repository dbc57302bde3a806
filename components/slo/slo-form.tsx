'use client'

import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'
import { createSloAction, updateSloAction } from '@/lib/slo/manage-actions'
import { ROLLING_WINDOW_DAYS, TIMESLICE_MINUTES, type SloSpec } from '@/lib/slo/definition'
import { CheckboxField, InputField, SelectField, TextareaField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SubmitButton } from '@/components/ui/form-parts'
import { useActionForm } from '@/components/ui/use-action-form'

export interface SloFormProps {
  /** The SLO being edited; absent for a new one. */
  initial?: SloSpec
  services: readonly { key: string; name: string }[]
  escalationPolicies: readonly { id: string; name: string }[]
}

const FIXED = 'Fixed once the objective exists: its history counts events this way.'

/** "99.5" from 0.995, without float noise. */
const percent = (f: number | undefined) => (f === undefined ? '' : String(Math.round(f * 1e8) / 1e6))
/** A percentage field as a fraction; '' or text stays NaN so the schema names the field. */
const fraction = (v: FormDataEntryValue | null) => (String(v ?? '').trim() === '' ? NaN : Math.round((Number(v) / 100) * 1e12) / 1e12)
const number = (v: FormDataEntryValue | null) => (String(v ?? '').trim() === '' ? NaN : Number(v))
const text = (v: FormDataEntryValue | null) => String(v ?? '')

/**
 * Create or edit an SLO: what it measures (SLI, service, workflow, threshold), the objective (target,
 * window, budgeting) and what it does when it burns (page, ticket, who is paged, whether flag rollouts
 * watch it). Field errors come back from the server in words, under each field.
 */
export function SloForm({ initial, services, escalationPolicies }: SloFormProps) {
  const router = useRouter()
  const editing = initial !== undefined
  const { state, pending, run, errors } = useActionForm(editing ? updateSloAction : createSloAction)
  const [sliType, setSliType] = useState(initial?.sliType ?? 'ratio')
  const [windowKind, setWindowKind] = useState(initial?.windowKind ?? 'rolling')
  const [budgeting, setBudgeting] = useState(initial?.budgeting ?? 'occurrences')
  const [alerts, setAlerts] = useState({ page: initial?.pageEnabled ?? true, ticket: initial?.ticketEnabled ?? true })

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const d = new FormData(e.currentTarget)
    const threshold = sliType === 'threshold'
    const input = {
      key: editing ? initial.key : text(d.get('key')),
      name: text(d.get('name')),
      description: text(d.get('description')),
      sli: editing ? initial.sli : text(d.get('sli')),
      sliType: editing ? initial.sliType : sliType,
      service: editing ? initial.service : text(d.get('service')),
      workflow: editing ? initial.workflow : text(d.get('workflow')),
      threshold: editing ? initial.threshold : threshold ? number(d.get('threshold')) : null,
      comparator: editing ? initial.comparator : threshold ? text(d.get('comparator')) : null,
      target: fraction(d.get('target')),
      windowKind,
      windowDays: windowKind === 'rolling' ? number(d.get('windowDays')) : 30,
      budgeting,
      timesliceMinutes: budgeting === 'timeslices' ? number(d.get('timesliceMinutes')) : (initial?.timesliceMinutes ?? 5),
      timesliceTarget: budgeting === 'timeslices' ? fraction(d.get('timesliceTarget')) : (initial?.timesliceTarget ?? 0.95),
      minEvents: number(d.get('minEvents')),
      pageEnabled: alerts.page,
      ticketEnabled: alerts.ticket,
      escalationPolicyId: text(d.get('escalationPolicyId')) || null,
      guardsRollouts: d.get('guardsRollouts') === 'on',
    }
    run(input, () => {
      if (!editing) router.push(`/slo/${encodeURIComponent(input.key)}`)
      router.refresh()
    })
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-label={editing ? `Edit ${initial.name}` : 'New objective'}>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-ink">What it measures</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <InputField label="Name" name="name" required maxLength={120} defaultValue={initial?.name} error={errors.name} />
          <InputField
            label="Key"
            name="key"
            required={!editing}
            disabled={editing}
            defaultValue={initial?.key}
            hint={editing ? 'The key names the objective in URLs, files and the API; it does not change.' : 'Lower-case letters, digits, _ . -, e.g. triage_latency.'}
            error={errors.key}
          />
          <SelectField label="Service" name="service" required disabled={editing} defaultValue={initial?.service ?? ''} hint={editing ? FIXED : undefined} error={errors.service}>
            <option value="" disabled>
              Choose a service…
            </option>
            {services.map((s) => (
              <option key={s.key} value={s.key}>
                {s.name} ({s.key})
              </option>
            ))}
          </SelectField>
          <InputField label="Workflow" name="workflow" disabled={editing} defaultValue={initial?.workflow} hint={editing ? FIXED : 'Optional: leave empty to cover every workflow of the service.'} error={errors.workflow} />
          <InputField label="SLI name" name="sli" required disabled={editing} defaultValue={initial?.sli} hint={editing ? FIXED : 'The name SLI events are sent under, e.g. patient_response_time.'} error={errors.sli} />
          <SelectField label="SLI type" name="sliType" disabled={editing} value={sliType} onChange={(e) => setSliType(e.target.value as SloSpec['sliType'])} hint={editing ? FIXED : undefined} error={errors.sliType}>
            <option value="ratio">Ratio: good events ÷ all events</option>
            <option value="threshold">Threshold: share of values within a limit</option>
          </SelectField>
          {sliType === 'threshold' && (
            <>
              <SelectField label="Comparator" name="comparator" disabled={editing} defaultValue={initial?.comparator ?? 'lte'} hint={editing ? FIXED : undefined} error={errors.comparator}>
                <option value="lte">At most (≤) the threshold is good</option>
                <option value="gte">At least (≥) the threshold is good</option>
              </SelectField>
              <InputField label="Threshold" name="threshold" inputMode="decimal" disabled={editing} defaultValue={initial?.threshold ?? ''} hint={editing ? FIXED : 'In the SLI’s unit, e.g. 2000 (ms).'} error={errors.threshold} />
            </>
          )}
        </div>
        <TextareaField label="Description" name="description" rows={2} maxLength={1000} defaultValue={initial?.description} hint="What the promise means for clinicians. No patient details." error={errors.description} />
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-ink">Objective</legend>
        <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
          <InputField label="Target (%)" name="target" required inputMode="decimal" defaultValue={percent(initial?.target ?? 0.99)} hint="e.g. 99.5; changing it recomputes the whole history." error={errors.target} />
          <SelectField label="Window" name="windowKind" value={windowKind} onChange={(e) => setWindowKind(e.target.value as SloSpec['windowKind'])} error={errors.windowKind}>
            <option value="rolling">Rolling days</option>
            <option value="calendar_month">Calendar month</option>
          </SelectField>
          {windowKind === 'rolling' && (
            <SelectField label="Days" name="windowDays" defaultValue={String(initial?.windowDays ?? 30)} error={errors.windowDays}>
              {ROLLING_WINDOW_DAYS.map((d) => (
                <option key={d} value={d}>
                  {d} days
                </option>
              ))}
            </SelectField>
          )}
          <SelectField label="Budgeting" name="budgeting" value={budgeting} onChange={(e) => setBudgeting(e.target.value as SloSpec['budgeting'])} error={errors.budgeting}>
            <option value="occurrences">Occurrences (events)</option>
            <option value="timeslices">Timeslices (good minutes)</option>
          </SelectField>
          {budgeting === 'timeslices' && (
            <>
              <SelectField label="Slice length" name="timesliceMinutes" defaultValue={String(initial?.timesliceMinutes ?? 5)} error={errors.timesliceMinutes}>
                {TIMESLICE_MINUTES.map((m) => (
                  <option key={m} value={m}>
                    {m} min
                  </option>
                ))}
              </SelectField>
              <InputField label="Slice target (%)" name="timesliceTarget" inputMode="decimal" defaultValue={percent(initial?.timesliceTarget ?? 0.95)} hint="A slice is good when this share of its events is." error={errors.timesliceTarget} />
            </>
          )}
        </div>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-ink">Alerting</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <CheckboxField label="Page on a fast burn" name="pageEnabled" checked={alerts.page} onChange={(e) => setAlerts({ ...alerts, page: e.target.checked })} hint="1 h and 6 h burn-rate rules open a critical or high incident." />
          <CheckboxField label="Open a ticket on a slow burn" name="ticketEnabled" checked={alerts.ticket} onChange={(e) => setAlerts({ ...alerts, ticket: e.target.checked })} hint="1 d and 3 d rules open a medium incident." />
          <InputField label="Minimum events" name="minEvents" inputMode="numeric" required defaultValue={String(initial?.minEvents ?? 100)} hint="Fewer events than this in a rule’s long window never alert (low traffic)." error={errors.minEvents} />
          <SelectField label="Escalation policy" name="escalationPolicyId" defaultValue={initial?.escalationPolicyId ?? ''} disabled={!alerts.page && !alerts.ticket} hint="Who is paged; by default the service’s policy." error={errors.escalationPolicyId}>
            <option value="">The service’s policy</option>
            {escalationPolicies.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <CheckboxField label="Guards feature-flag rollouts" name="guardsRollouts" defaultChecked={initial?.guardsRollouts ?? true} hint="Rollouts that name this objective hold or roll back on its violations." />
        </div>
      </fieldset>

      <FormMessage state={state} />
      <SubmitButton pending={pending} pendingLabel="Saving…">
        {editing ? 'Save changes' : 'Create objective'}
      </SubmitButton>
    </form>
  )
}
