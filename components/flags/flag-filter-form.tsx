import type { FlagFilterValues, ParsedFlagFilter } from '@/lib/flags/list-filter'
import { hasFlagFilter } from '@/lib/flags/list-filter'
import { ENVIRONMENT_LABELS, ENVIRONMENTS, FLAG_CATEGORIES, LIFECYCLES } from '@/lib/flags/schema'
import { FilterForm } from '@/components/ui/filter-form'
import { LabelledOptions } from '@/components/ui/form-parts'
import { InputField, SelectField } from '@/components/ui/field'
import { CATEGORY_LABELS, LIFECYCLE_LABELS } from './labels'

export interface FlagFilterFormProps {
  values: FlagFilterValues
  invalid: ParsedFlagFilter['invalid']
  /** Tags in use, for the tag filter. */
  tags: readonly string[]
}

/** A GET form: the filter is the URL, so a view can be bookmarked and shared (next/form; plain GET without JS). */
export function FlagFilterForm({ values, invalid, tags }: FlagFilterFormProps) {
  const bad = (field: keyof FlagFilterValues) => (invalid.includes(field) ? 'Not a known value; ignored' : undefined)
  const tagOptions = values.tag && !tags.includes(values.tag) ? [values.tag, ...tags] : tags
  return (
    <FilterForm action="/flags" label="Filter the flags" gridClassName="sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-5" filtered={hasFlagFilter(values)}>
      <InputField label="Search" name="q" defaultValue={values.q} placeholder="Key or name" maxLength={100} autoComplete="off" error={bad('q')} />
      <SelectField label="Environment" name="environment" defaultValue={values.environment} error={bad('environment')}>
        <LabelledOptions values={ENVIRONMENTS} labels={ENVIRONMENT_LABELS} blank="All environments" />
      </SelectField>
      <SelectField label="Category" name="category" defaultValue={values.category} error={bad('category')}>
        <LabelledOptions values={FLAG_CATEGORIES} labels={CATEGORY_LABELS} blank="Any category" />
      </SelectField>
      <SelectField label="Tag" name="tag" defaultValue={values.tag} error={bad('tag')}>
        <LabelledOptions values={tagOptions} labels={(v) => v} blank="Any tag" />
      </SelectField>
      <SelectField label="Lifecycle" name="lifecycle" defaultValue={values.lifecycle} error={bad('lifecycle')}>
        <LabelledOptions values={LIFECYCLES} labels={LIFECYCLE_LABELS} blank="Any lifecycle" />
      </SelectField>
    </FilterForm>
  )
}
