/** Trends and adoption on PostgreSQL, against hand-counted days in January 2031 (unique events and departments). */
import { beforeAll, describe, expect, it } from 'vitest'
import { getPool } from '@/lib/db'
import { inRawTransaction } from '@/lib/tx'
import { insertAnalyticsEvents, uniqueEvent, users } from '@/test/analytics-factories'
import { uid } from '@/test/factories'
import { rollUpDays } from './rollups'
import { getAdoption, getTrend } from './trends-query'

const now = new Date('2031-01-20T12:00:00Z')
const week = ['2031-01-14', '2031-01-15', '2031-01-16', '2031-01-17', '2031-01-18', '2031-01-19', '2031-01-20']

beforeAll(async () => {
  await getPool().query(`SELECT analytics_create_partition('2031-01-01')`)
})

describe('getTrend', () => {
  const opened = uniqueEvent('tr_opened')
  const reviewed = uniqueEvent('tr_reviewed')
  const [ed, icu, unsent, few] = [users(12), users(5), users(11), users(3)]

  beforeAll(async () => {
    await insertAnalyticsEvents([
      // 18 January: 12 ED people once each, 5 ICU people twice each; 3 reviewers.
      ...ed.map((user) => ({ at: '2031-01-18T09:00:00Z', user, event: opened, department: 'ED' })),
      ...icu.flatMap((user) => ['10', '11'].map((h) => ({ at: `2031-01-18T${h}:00:00Z`, user, event: opened, department: 'ICU' }))),
      ...few.map((user) => ({ at: '2031-01-18T12:00:00Z', user, event: reviewed, department: 'ED' })),
      // 19 January: 11 people whose app sent no department. And one event outside the range.
      ...unsent.map((user) => ({ at: '2031-01-19T23:00:00Z', user, event: opened })),
      { at: '2031-01-13T23:59:59Z', user: uid('u'), event: opened, department: 'ED' },
    ])
    await inRawTransaction((sql) => rollUpDays(sql, '2031-01-13', '2031-01-19'))
  })

  it('counts people per day for each event over the last 7 days, hiding fewer than 11', async () => {
    const t = await getTrend({ events: [opened, reviewed], breakdown: '', measure: 'users', range: 7 }, now, 11)
    expect(t.days).toEqual(week)
    expect(t.series.map((s) => [s.label, s.points])).toEqual([
      [opened, [0, 0, 0, 0, 17, 11, 0]],
      [reviewed, [0, 0, 0, 0, null, 0, 0]],
    ])
  })

  it('counts events, and hides the event count of a day with too few people', async () => {
    const t = await getTrend({ events: [opened, reviewed], breakdown: '', measure: 'events', range: 7 }, now, 11)
    expect(t.series.map((s) => s.points)).toEqual([
      [0, 0, 0, 0, 22, 11, 0],
      [0, 0, 0, 0, null, 0, 0],
    ])
  })

  it('breaks down by department; ICU hidden on the 18th takes ED with it, or 17 − 12 would give it back', async () => {
    const t = await getTrend({ events: [opened], breakdown: 'department', measure: 'users', range: 7 }, now, 11)
    expect(t.series.map((s) => [s.label, s.points])).toEqual([
      ['Not sent', [0, 0, 0, 0, 0, 11, 0]],
      ['ED', [0, 0, 0, 0, null, 0, 0]],
      ['ICU', [0, 0, 0, 0, null, 0, 0]],
    ])
  })
})

describe('getAdoption', () => {
  it('shares each department’s active people who used the feature in the range, from the raw events', async () => {
    const feature = uniqueEvent('tr_feature')
    const other = uniqueEvent('tr_other')
    const [wide, narrow, tiny] = [uid('Dept'), uid('Dept'), uid('Dept')]
    const a = users(20)
    const b = users(15)
    const c = users(6)
    await insertAnalyticsEvents([
      // wide: 20 active on two days; 12 of them used the feature, some on both days (still 12 people).
      ...a.flatMap((user) => ['2031-01-15', '2031-01-16'].map((d) => ({ at: `${d}T08:00:00Z`, user, event: other, department: wide }))),
      ...a.slice(0, 12).flatMap((user) => ['2031-01-15', '2031-01-16'].map((d) => ({ at: `${d}T09:00:00Z`, user, event: feature, department: wide }))),
      // narrow: 15 active, 4 users of the feature (hidden); one more used it before the range.
      ...b.map((user) => ({ at: '2031-01-17T08:00:00Z', user, event: other, department: narrow })),
      ...b.slice(0, 4).map((user) => ({ at: '2031-01-17T09:00:00Z', user, event: feature, department: narrow })),
      { at: '2031-01-10T09:00:00Z', user: b[5]!, event: feature, department: narrow },
      // tiny: 6 active: the whole row hidden.
      ...c.map((user) => ({ at: '2031-01-18T08:00:00Z', user, event: feature, department: tiny })),
    ])
    const adoption = await getAdoption(feature, 7, now, 11)
    expect(adoption.from).toBe('2031-01-14T00:00:00.000Z')
    const mine = adoption.departments.filter((d) => [wide, narrow, tiny].includes(d.department))
    expect(mine).toEqual([
      { department: wide, label: wide, active: 20, adopters: 12, rate: 0.6 },
      { department: narrow, label: narrow, active: 15, adopters: null, rate: null },
      { department: tiny, label: tiny, active: null, adopters: null, rate: null },
    ])
  })
})
