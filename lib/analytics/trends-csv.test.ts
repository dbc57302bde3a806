import { describe, expect, it } from 'vitest'
import { adoptionToCsv, trendToCsv } from './trends-csv'
import { retentionToCsv } from './retention-csv'
import { shapeAdoption, shapeTrend } from './trends'
import { shapeRetention } from './retention-cohorts'

const lines = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n')

describe('CSV of the trends and retention tables', () => {
  it('writes a row per day and series, hidden figures empty', () => {
    const trend = shapeTrend(
      [
        { day: '2031-01-01', event: 'opened', value: 'ED', events: 30, users: 12 },
        { day: '2031-01-01', event: 'opened', value: '', events: 40, users: 20 },
        { day: '2031-01-02', event: 'opened', value: 'ED', events: 9, users: 3 },
        { day: '2031-01-02', event: 'opened', value: '', events: 5, users: 5 },
      ],
      { days: ['2031-01-01', '2031-01-02'], events: ['opened'], breakdown: 'department', measure: 'events', k: 11 },
    )
    expect(lines(trendToCsv(trend))).toEqual([
      'day,event,breakdown,value,events,people,hidden',
      '2031-01-01,opened,Department,Not sent,40,20,false',
      '2031-01-01,opened,Department,ED,30,12,false',
      '2031-01-02,opened,Department,Not sent,,,true',
      '2031-01-02,opened,Department,ED,,,true',
      '',
    ])
  })

  it('writes adoption per department as a percentage', () => {
    const rows = shapeAdoption([{ department: 'ED', active: 30, adopters: 20 }, { department: 'ICU', active: 12, adopters: 2 }], 11)
    expect(lines(adoptionToCsv(rows, 'ai_suggestion_reviewed'))).toEqual([
      'department,active_people,feature,feature_people,adoption_percent,hidden',
      'ED,30,ai_suggestion_reviewed,20,66.67,false',
      'ICU,12,ai_suggestion_reviewed,,,true',
      '',
    ])
  })

  it('writes a row per cohort and week reached', () => {
    const t = shapeRetention(
      [
        { cohort: '2026-11-30', week: null, users: 20 },
        { cohort: '2026-11-30', week: 0, users: 20 },
        { cohort: '2026-11-30', week: 1, users: 4 },
        { cohort: '2026-12-07', week: null, users: 12 },
        { cohort: '2026-12-07', week: 0, users: 12 },
      ],
      ['2026-11-30', '2026-12-07'],
      11,
    )
    expect(lines(retentionToCsv(t))).toEqual([
      'cohort_week_start,iso_week,cohort_people,week,retained_people,retention_percent,status',
      '2026-11-30,2026-W49,20,0,20,100,shown',
      '2026-11-30,2026-W49,20,1,,,hidden',
      '2026-12-07,2026-W50,12,0,12,100,in progress',
      '',
    ])
  })
})
