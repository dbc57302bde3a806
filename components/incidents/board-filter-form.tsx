import { SEVERITIES } from '@/lib/severity'
import { FilterForm } from '@/components/ui/filter-form'
import { LabelledOptions } from '@/components/ui/form-parts'
import { CheckboxField, SelectField } from '@/components/ui/field'
import { SEVERITY_META } from '@/components/ui/severity-badge'
import { hasBoardFilter, TIME_RANGES, TIME_RANGE_LABELS, type BoardFilters, type ParsedBoardFilters } from '@/lib/incidents/board'

export interface BoardFilterFormProps {
  filters: BoardFilters
  invalid: ParsedBoardFilters['invalid']
  services: { key: string; name: string }[]
  people: { id: string; name: string }[]
}

/**
 * A GET form: the filter is the URL, so a view can be bookmarked and shared; next/form navigates on the
 * client when JavaScript runs and falls back to a plain GET otherwise.
 */
export function BoardFilterForm({ filters, invalid, services, people }: BoardFilterFormProps) {
  const bad = (field: keyof BoardFilters) => (invalid.includes(field) ? 'Not understood; ignored' : undefined)
  return (
    <FilterForm action="/incidents" label="Filter incidents" gridClassName="sm:grid-cols-2 xl:grid-cols-[2fr_1fr_1fr_1fr]" filtered={hasBoardFilter(filters)}>
      <fieldset className="min-w-0">
        <legend className="mb-1 text-sm font-medium text-ink">Severity</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1 pt-1.5">
          {SEVERITIES.map((s) => (
            <CheckboxField key={s} label={SEVERITY_META[s].label} name="severity" value={s} defaultChecked={filters.severity.includes(s)} />
          ))}
        </div>
        {bad('severity') && <p className="mt-1 text-xs font-medium text-critical-fg">An unknown severity in the address was ignored.</p>}
      </fieldset>
      <SelectField label="Service" name="service" defaultValue={filters.service ?? ''} error={bad('service')}>
        <option value="">Any service</option>
        {services.map((s) => (
          <option key={s.key} value={s.key}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <SelectField label="Assignee" name="assignee" defaultValue={filters.assignee ?? ''} error={bad('assignee')}>
        <option value="">Anyone</option>
        <option value="unassigned">Unassigned</option>
        {filters.assignee && filters.assignee !== 'unassigned' && !people.some((p) => p.id === filters.assignee) && (
          <option value={filters.assignee}>Someone no longer listed</option>
        )}
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <SelectField label="Opened" name="range" defaultValue={filters.range ?? ''} error={bad('range')} hint="Also how far back resolved incidents are listed (24 h by default).">
        <LabelledOptions values={TIME_RANGES} labels={TIME_RANGE_LABELS} blank="Any time" />
      </SelectField>
    </FilterForm>
  )
}
