import { describe, expect, it } from 'vitest'
import { reviewToCsv } from './review-csv'
import type { ReviewReport } from './review'

const change = { itemId: 'a', number: 7, title: '=Sepsis alert', from: 'planned', to: 'released', by: 'pm@demo', at: '2026-11-10T12:00:00.000Z' }
const report: ReviewReport = {
  quarter: '2026-Q4',
  periodFrom: '2026-10-01T00:00:00.000Z',
  periodTo: '2027-01-01T00:00:00.000Z',
  planned: 2,
  delivered: 1,
  predictability: 50,
  items: [
    { itemId: 'b', number: 8, title: 'Triage, faster', delivered: false, stageNow: 'in_progress', targetNow: '2027-Q1' },
    { itemId: 'a', number: 7, title: '=Sepsis alert', delivered: true, stageNow: 'released', targetNow: '2026-Q4' },
  ],
  stageChanges: [change],
  scoreChanges: [{ ...change, from: '12', to: '18.5' }],
  added: [],
  archived: [],
  releasedUnplanned: [],
}

describe('reviewToCsv', () => {
  it('writes a summary row, the planned items and the changes, defusing formulas', () => {
    const lines = reviewToCsv(report).replace(/^\uFEFF/, '').trimEnd().split('\r\n')
    expect(lines).toEqual([
      'section,quarter,item,title,delivered,from,to,by,at,planned,predictability_percent',
      'summary,2026-Q4,,,1,2026-10-01T00:00:00.000Z,2027-01-01T00:00:00.000Z,,,2,50',
      'planned_item,2026-Q4,RM-8,"Triage, faster",false,,2027-Q1,,,,',
      "planned_item,2026-Q4,RM-7,'=Sepsis alert,true,,2026-Q4,,,,",
      "stage_change,2026-Q4,RM-7,'=Sepsis alert,,planned,released,pm@demo,2026-11-10T12:00:00.000Z,,",
      "score_change,2026-Q4,RM-7,'=Sepsis alert,,12,18.5,pm@demo,2026-11-10T12:00:00.000Z,,",
    ])
  })
})
