import type { CatalogueFilters } from '@/lib/services/schema'
import { TIER_LABELS, TIERS } from '@/lib/services/schema'
import { FilterForm } from '@/components/ui/filter-form'
import { LabelledOptions } from '@/components/ui/form-parts'
import { CheckboxField, SelectField } from '@/components/ui/field'

export interface ServiceFilterFormProps {
  filters: CatalogueFilters
  invalid: readonly string[]
  owners: readonly string[]
}

/** A GET form: the filter is the URL, so a view of the catalogue can be bookmarked and shared. */
export function ServiceFilterForm({ filters, invalid, owners }: ServiceFilterFormProps) {
  const bad = (field: string) => (invalid.includes(field) ? 'Not a known value; ignored' : undefined)
  const ownerOptions = filters.owner && !owners.includes(filters.owner) ? [filters.owner, ...owners] : owners
  const filtered = Boolean(filters.tier || filters.owner || filters.archived)
  return (
    <FilterForm action="/services" label="Filter the services" gridClassName="sm:grid-cols-3" filtered={filtered}>
      <SelectField label="Tier" name="tier" defaultValue={filters.tier ? String(filters.tier) : ''} error={bad('tier')}>
        <LabelledOptions values={TIERS.map(String)} labels={(t) => TIER_LABELS[Number(t) as 1 | 2 | 3]} blank="Any tier" />
      </SelectField>
      <SelectField label="Owner" name="owner" defaultValue={filters.owner ?? ''} error={bad('owner')}>
        <LabelledOptions values={ownerOptions} labels={(v) => v} blank="Any team" />
      </SelectField>
      <CheckboxField label="Show archived services" name="archived" value="show" defaultChecked={Boolean(filters.archived)} className="sm:pt-7" />
    </FilterForm>
  )
}
