import { describe, expect, it } from 'vitest'
import { shapeAdoption, shapeTrend, type SeriesRow } from './trends'
import { parseTrendQuery, trendSearch } from './trends-schema'

const days = ['2031-01-01', '2031-01-02', '2031-01-03']
const row = (day: string, event: string, value: string, events: number, users: number): SeriesRow => ({ day, event, value, events, users })

describe('shapeTrend without a breakdown', () => {
  const rows = [
    row('2031-01-01', 'opened', '', 40, 12),
    row('2031-01-02', 'opened', '', 25, 10), // 10 people: suppressed, events too
    row('2031-01-03', 'opened', '', 60, 20),
    row('2031-01-02', 'reviewed', '', 30, 15),
    row('2031-01-02', 'ignored', '', 99, 50), // not asked for
  ]

  it('gives every chosen event a line over every day, zeros where it had none, and hides cells under k', () => {
    const t = shapeTrend(rows, { days, events: ['opened', 'reviewed'], breakdown: '', measure: 'events', k: 11 })
    expect(t.series.map((s) => [s.label, s.points, s.suppressedDays])).toEqual([
      // Ordered by what is shown: 40 + 60 = 100 before 30.
      ['opened', [40, null, 60], 1],
      ['reviewed', [0, 30, 0], 0],
    ])
    expect(t.series[0]!.cells[1]).toEqual({ events: null, users: null })
  })

  it('plots distinct people per day for the users measure', () => {
    const t = shapeTrend(rows, { days, events: ['opened'], breakdown: '', measure: 'users', k: 11 })
    expect(t.series[0]!.points).toEqual([12, null, 20])
  })

  it('keeps an event with no rows at all, as zeros', () => {
    const t = shapeTrend([], { days, events: ['opened'], breakdown: '', measure: 'users', k: 11 })
    expect(t.series).toMatchObject([{ label: 'opened', points: [0, 0, 0], suppressedDays: 0 }])
  })
})

describe('shapeTrend with a breakdown', () => {
  // One event by department. On 2 January ICU has 4 people (hidden); alone it could be read back from the
  // whole hospital's 44 minus ED's 25 and Cardiology's 15, so the smallest other value (Cardiology) goes too.
  const rows = [
    row('2031-01-01', 'opened', 'ED', 50, 20),
    row('2031-01-01', 'opened', 'ICU', 30, 12),
    row('2031-01-02', 'opened', 'ED', 60, 25),
    row('2031-01-02', 'opened', 'ICU', 9, 4),
    row('2031-01-02', 'opened', 'Cardiology', 33, 15),
    row('2031-01-03', 'opened', '', 44, 11),
  ]

  it('suppresses a lone small cell and the smallest other cell of its day', () => {
    const t = shapeTrend(rows, { days, events: ['opened'], breakdown: 'department', measure: 'users', k: 11 })
    expect(t.series.map((s) => [s.label, s.points])).toEqual([
      ['ED', [20, 25, 0]],
      ['ICU', [12, null, 0]],
      ['Not sent', [0, 0, 11]],
      ['Cardiology', [0, null, 0]],
    ])
  })

  it('needs no partner when two cells of a day are already hidden', () => {
    const two = [...rows, row('2031-01-02', 'opened', 'Oncology', 12, 3)]
    const t = shapeTrend(two, { days, events: ['opened'], breakdown: 'department', measure: 'events', k: 11 })
    const on2 = Object.fromEntries(t.series.map((s) => [s.label, s.points[1]]))
    expect(on2).toEqual({ ED: 60, ICU: null, Cardiology: 33, Oncology: null, 'Not sent': 0 })
  })

  it('names lines by event and value when several events are compared', () => {
    const t = shapeTrend([row('2031-01-01', 'a', 'North', 30, 20), row('2031-01-01', 'b', 'North', 30, 20)], { days, events: ['a', 'b'], breakdown: 'site', measure: 'events', k: 11 })
    expect(t.series.map((s) => s.label)).toEqual(['a · North', 'b · North'])
  })
})

describe('shapeAdoption', () => {
  it('hides small departments and small counts of users, rate with them, highest rate first', () => {
    expect(
      shapeAdoption(
        [
          { department: 'ED', active: 40, adopters: 30 },
          { department: 'ICU', active: 25, adopters: 5 }, // 5 users: count and rate hidden
          { department: 'Pharmacy', active: 20, adopters: 0 }, // nobody: 0 %, which says nothing about anyone
          { department: 'Radiology', active: 8, adopters: 8 }, // 8 active: the whole row hidden
          { department: '', active: 11, adopters: 11 },
        ],
        11,
      ),
    ).toEqual([
      { department: '', label: 'Not sent', active: 11, adopters: 11, rate: 1 },
      { department: 'ED', label: 'ED', active: 40, adopters: 30, rate: 0.75 },
      { department: 'Pharmacy', label: 'Pharmacy', active: 20, adopters: 0, rate: 0 },
      { department: 'ICU', label: 'ICU', active: 25, adopters: null, rate: null },
      { department: 'Radiology', label: 'Radiology', active: null, adopters: null, rate: null },
    ])
  })
})

describe('parseTrendQuery', () => {
  const known = ['a', 'b', 'c', 'd', 'e', 'f', 'diagnosis_started', 'ai_suggestion_reviewed']

  it('defaults to the diagnosis assistant and its AI step, 30 days of events', () => {
    expect(parseTrendQuery({}, known)).toEqual({
      query: { events: ['diagnosis_started', 'ai_suggestion_reviewed'], measure: 'events', breakdown: '', range: 30, feature: 'ai_suggestion_reviewed' },
      invalid: [],
    })
  })

  it('reads a shared view back from its own query string', () => {
    const query = { events: ['b', 'a'], measure: 'users', breakdown: 'appVersion', range: 90, feature: 'c' } as const
    const search = Object.fromEntries([...new URLSearchParams(trendSearch({ ...query, events: [...query.events] })).entries()].filter(([k]) => k !== 'event'))
    expect(parseTrendQuery({ ...search, event: ['b', 'a'] }, known)).toEqual({ query, invalid: [] })
  })

  it('keeps the known events, at most five, and names what it ignored', () => {
    expect(parseTrendQuery({ event: ['a', 'zzz', 'b', 'c', 'd', 'e', 'f'], measure: 'sum', by: 'patient', range: '365', feature: 'nope' }, known)).toEqual({
      query: { events: ['a', 'b', 'c', 'd', 'e'], measure: 'events', breakdown: '', range: 30, feature: 'ai_suggestion_reviewed' },
      invalid: ['event', 'feature', 'measure', 'by', 'range'],
    })
  })
})
