import type { AuditFilterValues, ParsedAuditFilter } from '@/lib/admin/audit-filter'
import { hasAuditFilter } from '@/lib/admin/audit-filter'
import { auditActionLabel, auditTargetTypeLabel } from '@/lib/admin/audit-words'
import { FilterForm } from '@/components/ui/filter-form'
import { LabelledOptions } from '@/components/ui/form-parts'
import { InputField, SelectField } from '@/components/ui/field'

export interface AuditFilterFormProps {
  values: AuditFilterValues
  invalid: ParsedAuditFilter['invalid']
  actions: string[]
  targetTypes: string[]
}

/**
 * The options in the order of their words, and the current value first when it is not (yet) among the known
 * ones, so the form shows the URL.
 */
function optionsOf(options: string[], current: string, label: (code: string) => string): string[] {
  const sorted = [...options].sort((a, b) => label(a).localeCompare(label(b)))
  return current && !options.includes(current) ? [current, ...sorted] : sorted
}

/** "Signed in (auth.login)": the words to read, the code to filter and search logs by. */
const actionOption = (code: string) => `${auditActionLabel(code)} (${code})`

/**
 * A GET form: the filter is the URL, so a view can be bookmarked, shared and reloaded. next/form navigates
 * on the client when JavaScript runs and falls back to a plain GET otherwise.
 */
export function AuditFilterForm({ values, invalid, actions, targetTypes }: AuditFilterFormProps) {
  const bad = (field: keyof AuditFilterValues, message: string) => (invalid.includes(field) ? `${message}; ignored` : undefined)
  return (
    <FilterForm action="/admin/audit" label="Filter the audit log" gridClassName="sm:grid-cols-2 lg:grid-cols-3 2xl:grid-cols-6" filtered={hasAuditFilter(values)}>
      <InputField
        label="Actor"
        name="actor"
        defaultValue={values.actor}
        placeholder="E-mail, key name or id"
        maxLength={200}
        autoComplete="off"
        error={bad('actor', 'Too long')}
      />
      <SelectField label="Action" name="action" defaultValue={values.action} error={bad('action', 'Not an action name')}>
        <LabelledOptions values={optionsOf(actions, values.action, auditActionLabel)} labels={actionOption} blank="Any action" />
      </SelectField>
      <SelectField label="Target type" name="targetType" defaultValue={values.targetType} error={bad('targetType', 'Not a target type')}>
        <LabelledOptions values={optionsOf(targetTypes, values.targetType, auditTargetTypeLabel)} labels={auditTargetTypeLabel} blank="Any target" />
      </SelectField>
      <InputField label="Target id" name="targetId" defaultValue={values.targetId} maxLength={200} autoComplete="off" error={bad('targetId', 'Too long')} />
      <InputField label="From (UTC day)" name="from" type="date" defaultValue={values.from} error={bad('from', 'Not a date')} />
      <InputField label="To (UTC day, included)" name="to" type="date" defaultValue={values.to} error={bad('to', 'Not a date on or after “From”')} />
    </FilterForm>
  )
}
