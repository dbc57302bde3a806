import { formatPercent } from '@/lib/format'
import type { AdoptionFigure } from '@/lib/analytics/trends'
import { trendSearch, type TrendQuery } from '@/lib/analytics/trends-schema'
import { DataTable } from '@/components/ui/data-table'
import { FilterForm } from '@/components/ui/filter-form'
import { SelectField } from '@/components/ui/field'
import { LabelledOptions } from '@/components/ui/form-parts'
import { fewerThan, shownCount } from './trends-words'

/** The feature whose adoption is shown; the trend's own choices ride along as hidden fields. */
export function AdoptionFeatureForm({ query, events }: { query: TrendQuery; events: readonly string[] }) {
  const rest = [...new URLSearchParams(trendSearch(query)).entries()].filter(([name]) => name !== 'feature')
  return (
    <FilterForm action="/analytics/trends" label="Choose the feature" gridClassName="sm:grid-cols-2 lg:grid-cols-3" filtered={false}>
      {rest.map(([name, value], i) => (
        <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
      ))}
      <SelectField label="Feature (its event)" name="feature" defaultValue={query.feature}>
        <LabelledOptions values={events} labels={(e) => e} />
      </SelectField>
    </FilterForm>
  )
}

/** A bar for a share, beside its figure (the figure carries the meaning; the bar helps the eye compare). */
function ShareBar({ rate }: { rate: number }) {
  return (
    <span aria-hidden="true" className="inline-block h-2 w-24 overflow-hidden rounded-full bg-surface-muted align-middle">
      <span className="block h-full rounded-full bg-accent" style={{ width: `${Math.round(rate * 100)}%` }} />
    </span>
  )
}

/** Per department: people active in the range, how many of them used the feature, and the share. */
export function AdoptionTable({ departments, feature, k, caption }: { departments: readonly AdoptionFigure[]; feature: string; k: number; caption: string }) {
  return (
    <DataTable
      caption={caption}
      captionHidden
      rows={departments}
      rowKey={(d) => d.department}
      columns={[
        { header: 'Department', cell: (d) => d.label },
        { header: 'Active people', numeric: true, cell: (d) => shownCount(d.active, k) },
        { header: <span>Used <span className="font-mono">{feature}</span></span>, numeric: true, cell: (d) => shownCount(d.adopters, k) },
        {
          header: 'Adoption',
          numeric: true,
          cell: (d) =>
            d.rate === null ? (
              <span className="text-ink-muted">hidden ({fewerThan(k)} people)</span>
            ) : (
              <span className="inline-flex items-center gap-2">
                <ShareBar rate={d.rate} />
                <span className="w-14 text-right">{formatPercent(d.rate, 1)}</span>
              </span>
            ),
        },
      ]}
    />
  )
}
