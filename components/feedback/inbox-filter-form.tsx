import type { InboxFilter } from '@/lib/feedback/inbox-filter'
import { FEEDBACK_PRIORITIES, FEEDBACK_SOURCES, FEEDBACK_STATUSES, FEEDBACK_TYPES } from '@/lib/feedback/schema'
import { PRIORITY_LABELS, SOURCE_LABELS, STATUS_LABELS, TYPE_LABELS } from '@/lib/feedback/words'
import { FilterForm } from '@/components/ui/filter-form'
import { LabelledOptions } from '@/components/ui/form-parts'
import { SelectField } from '@/components/ui/field'

const STATUS_FILTER_LABELS = { all: 'All statuses', ...STATUS_LABELS }

export function InboxFilterForm({ filter, departments, people, filtered }: { filter: InboxFilter; departments: string[]; people: { id: string; name: string }[]; filtered: boolean }) {
  const deps = filter.department && !departments.includes(filter.department) ? [filter.department, ...departments] : departments
  return (
    <FilterForm action="/feedback" label="Filter the feedback" gridClassName="sm:grid-cols-2 lg:grid-cols-4 2xl:grid-cols-7" filtered={filtered}>
      {/* Open is the default: the blank choice, so the URL without a status shows it (the form follows the URL). */}
      <SelectField label="Status" name="status" defaultValue={filter.status === 'open' ? '' : filter.status}>
        <LabelledOptions values={['all', ...FEEDBACK_STATUSES] as const} labels={STATUS_FILTER_LABELS} blank="Open" />
      </SelectField>
      <SelectField label="Priority" name="priority" defaultValue={filter.priority ?? ''}>
        <LabelledOptions values={FEEDBACK_PRIORITIES} labels={PRIORITY_LABELS} blank="Any priority" />
      </SelectField>
      <SelectField label="Type" name="type" defaultValue={filter.type ?? ''}>
        <LabelledOptions values={FEEDBACK_TYPES} labels={TYPE_LABELS} blank="Any type" />
      </SelectField>
      <SelectField label="Source" name="source" defaultValue={filter.source ?? ''}>
        <LabelledOptions values={FEEDBACK_SOURCES} labels={SOURCE_LABELS} blank="Any source" />
      </SelectField>
      <SelectField label="Safety" name="safety" defaultValue={filter.safety ?? ''}>
        <LabelledOptions values={['yes', 'no'] as const} labels={{ yes: 'Safety concerns', no: 'Not safety' }} blank="Any" />
      </SelectField>
      <SelectField label="Department" name="department" defaultValue={filter.department ?? ''}>
        <LabelledOptions values={deps} labels={(d) => d} blank="Any department" />
      </SelectField>
      <SelectField label="Assignee" name="assignee" defaultValue={filter.assignee ?? ''}>
        <option value="">Anyone</option>
        <option value="me">Me</option>
        <option value="none">Nobody</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
    </FilterForm>
  )
}
