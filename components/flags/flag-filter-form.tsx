import Form from 'next/form'
import type { FlagFilterValues, ParsedFlagFilter } from '@/lib/flags/list-filter'
import { hasFlagFilter } from '@/lib/flags/list-filter'
import { ENVIRONMENTS, FLAG_CATEGORIES, LIFECYCLES } from '@/lib/flags/schema'
import { Button, ButtonLink } from '@/components/ui/button'
import { InputField, SelectField } from '@/components/ui/field'
import { CATEGORY_LABELS, ENVIRONMENT_LABELS, LIFECYCLE_LABELS } from './labels'

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
    <Form action="/flags" aria-label="Filter the flags" className="space-y-3">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <InputField label="Search" name="q" defaultValue={values.q} placeholder="Key or name" maxLength={100} autoComplete="off" error={bad('q')} />
        <SelectField label="Environment" name="environment" defaultValue={values.environment} error={bad('environment')}>
          <option value="">All environments</option>
          {ENVIRONMENTS.map((e) => (
            <option key={e} value={e}>
              {ENVIRONMENT_LABELS[e]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Category" name="category" defaultValue={values.category} error={bad('category')}>
          <option value="">Any category</option>
          {FLAG_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_LABELS[c]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Tag" name="tag" defaultValue={values.tag} error={bad('tag')}>
          <option value="">Any tag</option>
          {tagOptions.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </SelectField>
        <SelectField label="Lifecycle" name="lifecycle" defaultValue={values.lifecycle} error={bad('lifecycle')}>
          <option value="">Any lifecycle</option>
          {LIFECYCLES.map((l) => (
            <option key={l} value={l}>
              {LIFECYCLE_LABELS[l]}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" variant="primary" size="sm">
          Apply filters
        </Button>
        {hasFlagFilter(values) && (
          <ButtonLink href="/flags" variant="ghost" size="sm">
            Clear filters
          </ButtonLink>
        )}
      </div>
    </Form>
  )
}
