/**
 * The retention table as CSV: one row per cohort and week, hidden figures (k-anonymity) empty with their
 * status saying so, weeks a cohort has not reached left out (as on the page). Pure.
 */
import { csvDocument, type CsvValue } from '../csv'
import type { RetentionTable } from './retention-cohorts'
import { csvPercent } from './trends-csv'

export const RETENTION_CSV_COLUMNS = ['cohort_week_start', 'iso_week', 'cohort_people', 'week', 'retained_people', 'retention_percent', 'status'] as const

export function retentionToCsv(table: RetentionTable): string {
  const rows: CsvValue[][] = []
  for (const c of table.cohorts) {
    for (const cell of c.cells) {
      rows.push([c.cohort, c.isoWeek, c.size, cell.week, cell.users, csvPercent(cell.rate), cell.state === 'suppressed' ? 'hidden' : cell.state])
    }
  }
  return csvDocument(RETENTION_CSV_COLUMNS, rows)
}
