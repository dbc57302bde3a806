/** Daily rollups on PostgreSQL: hand-counted days, exact distinct users per series, idempotent re-rolls, late events. */
import { beforeAll, describe, expect, it } from 'vitest'
import { getPool } from '@/lib/db'
import { inRawTransaction } from '@/lib/tx'
import { runJob } from '@/lib/jobs/runner'
import { uid } from '@/test/factories'
import { insertAnalyticsEvents } from '@/test/analytics-factories'
import { rollUpAnalytics, rollUpDays } from './rollups'
import { utcDay } from './trends-dates'

const DAY = 86_400_000
const pool = () => getPool()

beforeAll(async () => {
  await pool().query(`SELECT analytics_create_partition('2031-01-01')`)
  // A day four days back may fall in last month.
  for (const back of [0, 5 * DAY]) await pool().query('SELECT analytics_create_partition($1::date)', [new Date(Date.now() - back).toISOString().slice(0, 10)])
})

const insert = insertAnalyticsEvents

const cells = async (event: string) =>
  (
    await pool().query<{ day: string; department: string; role: string; site: string; appVersion: string; events: number; users: number }>(
      `SELECT day::text, department, role, site, "appVersion", events, users FROM "AnalyticsDailyRollup" WHERE event = $1 ORDER BY 1, 2, 3, 4, 5`,
      [event],
    )
  ).rows

const series = async (event: string) =>
  (
    await pool().query<{ day: string; dimension: string; value: string; events: number; users: number }>(
      `SELECT day::text, dimension, value, events, users FROM "AnalyticsDailySeries" WHERE event = $1 ORDER BY 1, 2, 3`,
      [event],
    )
  ).rows

describe('rollUpDays', () => {
  it('counts each day of a span by cell and by series, a user on two app versions being one user of the day', async () => {
    const ev = uid('roll_ev').replace(/-/g, '_')
    const [a, b, c] = [uid('u_a'), uid('u_b'), uid('u_c')]
    const icu = { department: 'ICU', role: 'nurse', site: 'North' }
    await insert([
      // a: three events on two app versions; b: one; c: no department, one event on the 15th and one on the 16th.
      { at: '2031-01-15T08:00:00Z', user: a, event: ev, ...icu, appVersion: '4.1' },
      { at: '2031-01-15T09:00:00Z', user: a, event: ev, ...icu, appVersion: '4.2' },
      { at: '2031-01-15T23:59:59.999Z', user: a, event: ev, ...icu, appVersion: '4.2' },
      { at: '2031-01-15T10:00:00Z', user: b, event: ev, ...icu, appVersion: '4.2' },
      { at: '2031-01-15T00:00:00Z', user: c, event: ev, role: 'physician', site: 'South', appVersion: '4.2' },
      { at: '2031-01-16T00:00:00Z', user: c, event: ev, role: 'physician', site: 'South', appVersion: '4.2' },
    ])
    await inRawTransaction((sql) => rollUpDays(sql, '2031-01-15', '2031-01-16'))

    expect(await cells(ev)).toEqual([
      { day: '2031-01-15', department: '', role: 'physician', site: 'South', appVersion: '4.2', events: 1, users: 1 },
      { day: '2031-01-15', department: 'ICU', role: 'nurse', site: 'North', appVersion: '4.1', events: 1, users: 1 },
      { day: '2031-01-15', department: 'ICU', role: 'nurse', site: 'North', appVersion: '4.2', events: 3, users: 2 },
      { day: '2031-01-16', department: '', role: 'physician', site: 'South', appVersion: '4.2', events: 1, users: 1 },
    ])
    // The cells' users add up to 4; the day had 3 people, which is what the series says.
    expect(await series(ev)).toEqual([
      { day: '2031-01-15', dimension: '', value: '', events: 5, users: 3 },
      { day: '2031-01-15', dimension: 'appVersion', value: '4.1', events: 1, users: 1 },
      { day: '2031-01-15', dimension: 'appVersion', value: '4.2', events: 4, users: 3 },
      { day: '2031-01-15', dimension: 'department', value: '', events: 1, users: 1 },
      { day: '2031-01-15', dimension: 'department', value: 'ICU', events: 4, users: 2 },
      { day: '2031-01-15', dimension: 'role', value: 'nurse', events: 4, users: 2 },
      { day: '2031-01-15', dimension: 'role', value: 'physician', events: 1, users: 1 },
      { day: '2031-01-15', dimension: 'site', value: 'North', events: 4, users: 2 },
      { day: '2031-01-15', dimension: 'site', value: 'South', events: 1, users: 1 },
      { day: '2031-01-16', dimension: '', value: '', events: 1, users: 1 },
      { day: '2031-01-16', dimension: 'appVersion', value: '4.2', events: 1, users: 1 },
      { day: '2031-01-16', dimension: 'department', value: '', events: 1, users: 1 },
      { day: '2031-01-16', dimension: 'role', value: 'physician', events: 1, users: 1 },
      { day: '2031-01-16', dimension: 'site', value: 'South', events: 1, users: 1 },
    ])
  })

  it('is idempotent, and a re-roll deletes a group the raw events no longer have', async () => {
    const ev = uid('roll_idem').replace(/-/g, '_')
    await insert([
      { at: '2031-01-20T12:00:00Z', user: uid('u'), event: ev, department: 'ED' },
      { at: '2031-01-20T13:00:00Z', user: uid('u'), event: ev, department: 'ED' },
    ])
    await inRawTransaction((sql) => rollUpDays(sql, '2031-01-20'))
    const stamp = async () => (await pool().query<{ u: Date }>(`SELECT max("updatedAt") AS u FROM "AnalyticsDailySeries" WHERE event = $1`, [ev])).rows[0]!.u
    const [before, first] = [await series(ev), await stamp()]
    // A group no event backs (as after a correction), in both tables.
    await pool().query(`INSERT INTO "AnalyticsDailySeries" (day, event, dimension, value, events, users) VALUES ('2031-01-20', $1, 'department', 'Ghost', 9, 9)`, [ev])
    await pool().query(`INSERT INTO "AnalyticsDailyRollup" (day, event, department, events, users) VALUES ('2031-01-20', $1, 'Ghost', 9, 9)`, [ev])
    await inRawTransaction((sql) => rollUpDays(sql, '2031-01-20'))
    expect(await series(ev)).toEqual(before)
    expect((await cells(ev)).map((c) => c.department)).toEqual(['ED'])
    // Unchanged rows are not rewritten.
    expect(await stamp()).toEqual(first)
    expect(before).toContainEqual({ day: '2031-01-20', dimension: '', value: '', events: 2, users: 2 })
  })

  it('matches the raw events for every series of a day', async () => {
    const ev = uid('roll_raw').replace(/-/g, '_')
    const users = Array.from({ length: 30 }, (_, i) => uid(`u${i}`))
    await insert(
      Array.from({ length: 200 }, (_, i) => ({
        at: new Date(Date.parse('2031-01-22T00:00:00Z') + i * 431_000).toISOString(),
        user: users[(i * 7) % 30]!,
        event: ev,
        department: ['ED', 'ICU', null][i % 3]!,
        role: ['nurse', 'physician'][i % 2]!,
        site: ['North', 'South', 'East'][(i >> 2) % 3]!,
        appVersion: ['4.1', '4.2'][(i >> 3) % 2]!,
      })),
    )
    await inRawTransaction((sql) => rollUpDays(sql, '2031-01-22'))
    const raw = await pool().query<{ dimension: string; value: string; events: number; users: number }>(
      `SELECT d.dimension, COALESCE(d.value, '') AS value, count(*)::int AS events, count(DISTINCT e."userKey")::int AS users
       FROM "AnalyticsEvent" e, LATERAL (VALUES ('', ''), ('department', e.department), ('role', e.role), ('site', e.site), ('appVersion', e."appVersion")) d(dimension, value)
       WHERE e.event = $1 AND e."occurredAt" >= '2031-01-22' AND e."occurredAt" < '2031-01-23' GROUP BY 1, 2 ORDER BY 1, 2`,
      [ev],
    )
    expect((await series(ev)).map(({ dimension, value, events, users }) => ({ dimension, value, events, users }))).toEqual(raw.rows)
    const sums = await pool().query<{ events: number }>(`SELECT sum(events)::int AS events FROM "AnalyticsDailyRollup" WHERE event = $1`, [ev])
    // 200 events at 431 s apart span 23.9 hours: all on the 22nd.
    expect(sums.rows[0]!.events).toBe(200)
  })
})

describe('the analytics-rollups job', () => {
  it('rolls today, yesterday and a day late events touched, and that day again when more arrive late', async () => {
    const ev = uid('roll_late').replace(/-/g, '_')
    const day = utcDay(Date.now() - 4 * DAY)
    await insert([{ at: `${day}T10:00:00Z`, user: uid('u'), event: ev, department: 'ED' }])
    const first = await rollUpAnalytics(new Date())
    expect(first.days).toEqual(expect.arrayContaining([day, utcDay(Date.now()), utcDay(Date.now() - DAY)]))
    expect(await series(ev)).toContainEqual({ day, dimension: '', value: '', events: 1, users: 1 })

    // Two more arrive late for that day, one from a second person.
    await insert([
      { at: `${day}T11:00:00Z`, user: uid('u'), event: ev, department: 'ED' },
      { at: `${day}T12:00:00Z`, user: uid('u'), event: ev, department: 'ICU' },
    ])
    const run = await runJob('analytics-rollups', 'manual')
    expect(run.status).toBe('ok')
    expect(run.result).toMatchObject({ days: expect.arrayContaining([day]) })
    expect((await series(ev)).filter((s) => s.dimension !== 'role' && s.dimension !== 'site' && s.dimension !== 'appVersion')).toEqual([
      { day, dimension: '', value: '', events: 3, users: 3 },
      { day, dimension: 'department', value: 'ED', events: 2, users: 2 },
      { day, dimension: 'department', value: 'ICU', events: 1, users: 1 },
    ])
  })
})
