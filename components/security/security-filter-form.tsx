import type { EventFilterValues, ParsedEventFilter } from '@/lib/security/event-filter'
import { EVENT_DEFAULT_DAYS, hasEventFilter } from '@/lib/security/event-filter'
import { SECURITY_RULE_LABELS, SECURITY_RULES } from '@/lib/security/settings'
import { SEVERITIES, SEVERITY_LABELS } from '@/lib/severity'
import { FilterForm } from '@/components/ui/filter-form'
import { LabelledOptions } from '@/components/ui/form-parts'
import { InputField, SelectField } from '@/components/ui/field'

export interface SecurityFilterFormProps {
  values: EventFilterValues
  invalid: ParsedEventFilter['invalid']
}

/** A GET form: the filter is the URL, so a view can be bookmarked and shared (as the audit log's). */
export function SecurityFilterForm({ values, invalid }: SecurityFilterFormProps) {
  const bad = (field: keyof EventFilterValues, message: string) => (invalid.includes(field) ? `${message}; ignored` : undefined)
  return (
    <FilterForm action="/admin/security" label="Filter the security events" gridClassName="sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-5" filtered={hasEventFilter(values)}>
      <SelectField label="Rule" name="rule" defaultValue={values.rule} error={bad('rule', 'Not a rule')}>
        <LabelledOptions values={SECURITY_RULES} labels={(r) => SECURITY_RULE_LABELS[r]} blank="Any rule" />
      </SelectField>
      <SelectField label="Severity" name="severity" defaultValue={values.severity} error={bad('severity', 'Not a severity')}>
        <LabelledOptions values={SEVERITIES} labels={(s) => `${SEVERITY_LABELS[s]} or worse`} blank="Any severity" />
      </SelectField>
      <InputField
        label="Subject"
        name="subject"
        defaultValue={values.subject}
        placeholder="Address, e-mail or key name"
        maxLength={200}
        autoComplete="off"
        error={bad('subject', 'Too long')}
      />
      <InputField label="From (UTC day)" name="from" type="date" defaultValue={values.from} hint={values.from ? undefined : `Default: the last ${EVENT_DEFAULT_DAYS} days`} error={bad('from', 'Not a date')} />
      <InputField label="To (UTC day, included)" name="to" type="date" defaultValue={values.to} error={bad('to', 'Not a date on or after “From”')} />
    </FilterForm>
  )
}
