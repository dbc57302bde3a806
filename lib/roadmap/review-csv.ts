/**
 * A stored quarterly review as CSV (pure): one row per fact, its section first, so a spreadsheet filters by
 * section. The summary row carries planned, delivered and the predictability; item rows say whether the
 * planned item was delivered; change rows carry from, to, who and when.
 */
import { csvDocument, type CsvValue } from '../csv'
import { itemRef } from './model'
import type { ReviewChange, ReviewReport } from './review'

export const REVIEW_CSV_COLUMNS = ['section', 'quarter', 'item', 'title', 'delivered', 'from', 'to', 'by', 'at', 'planned', 'predictability_percent'] as const

export function reviewToCsv(r: ReviewReport): string {
  const rows: CsvValue[][] = [['summary', r.quarter, null, null, r.delivered, r.periodFrom, r.periodTo, null, null, r.planned, r.predictability]]
  for (const i of r.items) rows.push(['planned_item', r.quarter, itemRef(i.number), i.title, i.delivered, null, i.targetNow, null, null, null, null])
  const change = (section: string) => (c: ReviewChange) => rows.push([section, r.quarter, itemRef(c.number), c.title, null, c.from, c.to, c.by, c.at, null, null])
  r.stageChanges.forEach(change('stage_change'))
  r.scoreChanges.forEach(change('score_change'))
  r.added.forEach(change('added'))
  r.archived.forEach(change('archived'))
  r.releasedUnplanned.forEach(change('released_unplanned'))
  return csvDocument(REVIEW_CSV_COLUMNS, rows)
}

export const reviewCsvFilename = (quarter: string) => `wardroom-roadmap-review-${quarter}.csv`
