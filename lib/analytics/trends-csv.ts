/**
 * The trends page's tables as CSV (lib/csv.ts writes them): one row per day and series, and one per
 * department of the adoption table. Figures hidden for k-anonymity are empty fields with `hidden` true:
 * a download never carries more than the page shows. Pure.
 */
import { csvDocument, type CsvValue } from '../csv'
import type { AdoptionFigure, Trend } from './trends'
import { BREAKDOWN_WORDS } from './trends-schema'

export const TREND_CSV_COLUMNS = ['day', 'event', 'breakdown', 'value', 'events', 'people', 'hidden'] as const
export const ADOPTION_CSV_COLUMNS = ['department', 'active_people', 'feature', 'feature_people', 'adoption_percent', 'hidden'] as const

/** A fraction as a percentage with two decimals (0.61234 → 61.23), for spreadsheets. */
export const csvPercent = (rate: number | null): number | null => (rate === null ? null : Number((rate * 100).toFixed(2)))

export function trendToCsv(trend: Trend): string {
  const rows: CsvValue[][] = []
  trend.days.forEach((day, i) => {
    for (const s of trend.series) {
      const c = s.cells[i]!
      const value = s.value === null ? '' : s.value === '' ? 'Not sent' : s.value
      rows.push([day, s.event, trend.breakdown ? BREAKDOWN_WORDS[trend.breakdown] : '', value, c.events, c.users, c.users === null])
    }
  })
  return csvDocument(TREND_CSV_COLUMNS, rows)
}

export function adoptionToCsv(departments: readonly AdoptionFigure[], feature: string): string {
  return csvDocument(
    ADOPTION_CSV_COLUMNS,
    departments.map((d) => [d.label, d.active, feature, d.adopters, csvPercent(d.rate), d.rate === null]),
  )
}
