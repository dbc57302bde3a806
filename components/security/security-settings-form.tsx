'use client'

import { updateSecuritySettingsAction } from '@/lib/security/actions'
import { SECURITY_RULE_LABELS, SECURITY_RULES, WEEKDAY_LABELS, WEEKDAYS, type SecuritySettings } from '@/lib/security/settings'
import { SEVERITIES, SEVERITY_LABELS } from '@/lib/severity'
import { CheckboxField, InputField, SelectField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { LabelledOptions, SubmitButton } from '@/components/ui/form-parts'
import { useFormAction } from '@/components/ui/use-form-action'

type NumberField = { [K in keyof SecuritySettings]: SecuritySettings[K] extends number ? K : never }[keyof SecuritySettings]

/** The form's fields as the action's plain object: days as a list, severities per rule. */
function settingsOf(form: FormData): Record<string, unknown> {
  const plain = Object.fromEntries([...form.entries()].filter(([k]) => !k.startsWith('severity.') && k !== 'workingDays'))
  const severities = Object.fromEntries(SECURITY_RULES.map((r) => [r, form.get(`severity.${r}`)]))
  return { ...plain, workingDays: form.getAll('workingDays'), severities }
}

function Fieldset({ legend, children }: { legend: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold text-ink">{legend}</legend>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">{children}</div>
    </fieldset>
  )
}

/** Thresholds, working hours and severities of the security rules; saved as one setting, audited. */
export function SecuritySettingsForm({ settings, canEdit }: { settings: SecuritySettings; canEdit: boolean }) {
  const { formRef, state, pending, onSubmit, errors } = useFormAction((form) => updateSecuritySettingsAction(settingsOf(form)))
  const num = (name: NumberField, label: string, hint?: string) => (
    <InputField label={label} name={name} type="number" inputMode="numeric" min={name === 'workingStartHour' ? 0 : 1} required defaultValue={settings[name]} hint={hint} error={errors[name]?.[0]} />
  )
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Security rule settings" className="space-y-6">
      <fieldset disabled={!canEdit || pending} className="space-y-6">
        <Fieldset legend="Failed sign-ins">
          {num('signInWindowMinutes', 'Window (minutes)', 'Sign-in throttling lets 5 failures per 15 min through per account and address, so use a window over 15 min.')}
          {num('failedPerAccount', 'Per account', 'Failures for one existing account')}
          {num('failedPerAddress', 'Per address', 'Failures from one address, any account')}
          {num('failedGlobal', 'Across all accounts')}
        </Fieldset>
        <Fieldset legend="API keys">
          {num('newAddressBaselineDays', 'Known addresses (days)', 'An address not used by the key in this many days is new')}
          {num('rateBaselineDays', 'Usual rate over (days)')}
          {num('rateSpikeFactor', 'Rate factor (×)', 'An hour this many times the usual hourly rate')}
          {num('rateSpikeMinRequests', 'Minimum requests per hour', 'Quieter hours are never a spike')}
          {num('refusedMin', 'Refused requests per hour', 'Refusals by scope from one address that make an event')}
          {num('expiringDays', 'Expiring within (days)')}
        </Fieldset>
        <Fieldset legend="Working hours (administrator actions outside them are recorded)">
          <InputField label="Time zone" name="workingTimeZone" required defaultValue={settings.workingTimeZone} hint="IANA name, e.g. Europe/London" error={errors.workingTimeZone?.[0]} />
          {num('workingStartHour', 'From (hour, 0–23)')}
          {num('workingEndHour', 'Until (hour, 1–24)')}
          <div className="space-y-1 sm:col-span-2 lg:col-span-1">
            <p className="text-sm font-medium text-ink" id="working-days-label">
              Working days
            </p>
            <div className="flex flex-wrap gap-x-3 gap-y-1" role="group" aria-labelledby="working-days-label">
              {WEEKDAYS.map((d) => (
                <CheckboxField key={d} label={WEEKDAY_LABELS[d]!} name="workingDays" value={String(d)} defaultChecked={settings.workingDays.includes(d)} />
              ))}
            </div>
          </div>
        </Fieldset>
        <Fieldset legend="Severity per rule">
          {SECURITY_RULES.map((r) => (
            <SelectField key={r} label={SECURITY_RULE_LABELS[r]} name={`severity.${r}`} defaultValue={settings.severities[r]} error={errors[`severities.${r}`]?.[0]}>
              <LabelledOptions values={SEVERITIES} labels={SEVERITY_LABELS} />
            </SelectField>
          ))}
          <SelectField
            label="Raise an incident from"
            name="incidentMinSeverity"
            defaultValue={settings.incidentMinSeverity}
            hint="New events of this severity or worse open (or join) an incident on the board"
            error={errors.incidentMinSeverity?.[0]}
          >
            <LabelledOptions values={SEVERITIES} labels={(s) => `${SEVERITY_LABELS[s]} or worse`} />
          </SelectField>
        </Fieldset>
      </fieldset>
      <FormMessage state={state} />
      {canEdit ? (
        <SubmitButton pending={pending} pendingLabel="Saving…">
          Save settings
        </SubmitButton>
      ) : (
        <p className="text-sm text-ink-muted">Only administrators change these settings.</p>
      )}
    </form>
  )
}
