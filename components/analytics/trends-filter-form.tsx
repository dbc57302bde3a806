import { FilterForm } from '@/components/ui/filter-form'
import { LabelledOptions } from '@/components/ui/form-parts'
import { SelectField } from '@/components/ui/field'
import {
  BREAKDOWN_WORDS,
  DEFAULT_RANGE,
  DEFAULT_TREND_EVENTS,
  MAX_TREND_EVENTS,
  MEASURE_WORDS,
  TREND_BREAKDOWNS,
  TREND_MEASURES,
  TREND_RANGES,
  type TrendQuery,
} from '@/lib/analytics/trends-schema'

export interface TrendsFilterFormProps {
  query: TrendQuery
  invalid: readonly string[]
  /** The registered events, the choices. */
  events: readonly string[]
}

const RANGE_LABELS = (r: string) => `Last ${r} days`

/**
 * The trend's question as a GET form (the URL is the view: shareable, and what the CSV link asks for):
 * which events (up to five), counted how, broken down by what, over how long. Each choice applies at once.
 */
export function TrendsFilterForm({ query, invalid, events }: TrendsFilterFormProps) {
  const bad = (field: string) => (invalid.includes(field) ? 'Not a known value; ignored' : undefined)
  const filtered = query.measure !== 'events' || query.breakdown !== '' || query.range !== DEFAULT_RANGE || query.events.join() !== DEFAULT_TREND_EVENTS.join()
  return (
    <FilterForm action="/analytics/trends" label="Choose the trend" gridClassName="sm:grid-cols-3" filtered={filtered}>
      <SelectField label="Count" name="measure" defaultValue={query.measure} error={bad('measure')}>
        <LabelledOptions values={TREND_MEASURES} labels={MEASURE_WORDS} />
      </SelectField>
      <SelectField label="Break down by" name="by" defaultValue={query.breakdown} error={bad('by')}>
        <LabelledOptions values={TREND_BREAKDOWNS} labels={BREAKDOWN_WORDS} />
      </SelectField>
      <SelectField label="Range" name="range" defaultValue={String(query.range)} error={bad('range')}>
        <LabelledOptions values={TREND_RANGES.map(String)} labels={RANGE_LABELS} />
      </SelectField>
      {/* The feature of the adoption table rides along, so changing the trend keeps it. */}
      <input type="hidden" name="feature" value={query.feature} />
      <fieldset className="sm:col-span-3" aria-describedby="trend-events-hint">
        <legend className="text-sm font-medium text-ink">Events</legend>
        <p id="trend-events-hint" className={invalid.includes('event') ? 'text-xs font-medium text-critical-fg' : 'text-xs text-ink-muted'}>
          {invalid.includes('event')
            ? `Up to ${MAX_TREND_EVENTS} registered events; the others were ignored.`
            : `Up to ${MAX_TREND_EVENTS} to compare; registered events only (Event registry).`}
        </p>
        <ul className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1.5 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
          {events.map((e) => (
            <li key={e} className="flex items-center gap-2">
              <input
                type="checkbox"
                id={`trend-event-${e}`}
                name="event"
                value={e}
                defaultChecked={query.events.includes(e)}
                className="size-4 shrink-0 rounded border-line-input accent-accent"
              />
              <label htmlFor={`trend-event-${e}`} title={e} className="min-w-0 truncate font-mono text-xs text-ink">
                {e}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </FilterForm>
  )
}
