import { FilterForm } from '@/components/ui/filter-form'
import { LabelledOptions } from '@/components/ui/form-parts'
import { SelectField } from '@/components/ui/field'
import { COHORT_BASES, COHORT_BASIS_WORDS, RETENTION_WEEKS, type RetentionQuery } from '@/lib/analytics/retention-schema'

export interface RetentionFilterFormProps {
  query: RetentionQuery
  invalid: readonly string[]
  events: readonly string[]
}

/** The retention question as a GET form (the URL is the view, and what the CSV link asks for). */
export function RetentionFilterForm({ query, invalid, events }: RetentionFilterFormProps) {
  const bad = (field: string) => (invalid.includes(field) ? 'Not a known value; ignored' : undefined)
  const filtered = query.weeks !== 8 || query.basis !== 'first' || query.startEvent !== null || query.returnEvent !== null
  return (
    <FilterForm action="/analytics/retention" label="Choose the cohorts" gridClassName="sm:grid-cols-2 xl:grid-cols-[minmax(0,10rem)_minmax(0,3fr)_minmax(0,2fr)_minmax(0,2fr)]" filtered={filtered}>
      <SelectField label="Weeks" name="weeks" defaultValue={String(query.weeks)} error={bad('weeks')}>
        <LabelledOptions values={RETENTION_WEEKS.map(String)} labels={(w) => `Last ${w} weeks`} />
      </SelectField>
      <SelectField label="Cohort by" name="cohort" defaultValue={query.basis} error={bad('cohort')}>
        <LabelledOptions values={COHORT_BASES} labels={COHORT_BASIS_WORDS} />
      </SelectField>
      <SelectField label="First event" name="start" defaultValue={query.startEvent ?? ''} error={bad('start')}>
        <LabelledOptions values={events} labels={(e) => e} blank="Any event" />
      </SelectField>
      <SelectField label="Coming back means" name="return" defaultValue={query.returnEvent ?? ''} error={bad('return')}>
        <LabelledOptions values={events} labels={(e) => e} blank="Any event" />
      </SelectField>
    </FilterForm>
  )
}
