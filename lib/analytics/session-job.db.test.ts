/** The analytics-sessions job on PostgreSQL: sessions computed once per new event, late events merging and splitting them. */
import { beforeAll, describe, expect, it } from 'vitest'
import { db, getPool } from '@/lib/db'
import { runJob } from '@/lib/jobs/runner'
import { uid } from '@/test/factories'
import { computeSessions } from './session-job'

const min = 60_000

beforeAll(async () => {
  // This month's partition and last month's (a test day two days back may fall in it).
  for (const back of [0, 3 * 86_400_000]) await getPool().query('SELECT analytics_create_partition($1::date)', [new Date(Date.now() - back).toISOString().slice(0, 10)])
})

async function insertEvents(userKey: string, times: Date[]) {
  await getPool().query(
    `INSERT INTO "AnalyticsEvent" ("occurredAt", "userKey", type, event) SELECT t, $1, 'track', 'x' FROM unnest($2::timestamptz[]) t`,
    [userKey, times.map((t) => t.toISOString())],
  )
}

async function sessionsOf(userKey: string) {
  const rows = await db.analyticsSession.findMany({ where: { userKey }, orderBy: { startedAt: 'asc' } })
  return rows.map((r) => [r.startedAt.toISOString().slice(11, 16), r.endedAt.toISOString().slice(11, 16), r.eventCount])
}

describe('analytics-sessions', () => {
  it('splits by 5 minutes idle and 1 hour at most, and recomputes when late events arrive', async () => {
    const userKey = uid('u_sess')
    const day = new Date(Date.now() - 2 * 86_400_000)
    const at = (h: number, m: number) => new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), h, m))
    // 08:00, 08:03, 08:07 → one session; 08:20 → idle 13 min, a new one; 09:30, 09:34 → another.
    await insertEvents(userKey, [at(8, 0), at(8, 3), at(8, 7), at(8, 20), at(9, 30), at(9, 34)])
    await computeSessions(new Date())
    expect(await sessionsOf(userKey)).toEqual([
      ['08:00', '08:07', 3],
      ['08:20', '08:20', 1],
      ['09:30', '09:34', 2],
    ])
    // Late events at 08:11 and 08:15 extend the first session (gaps of 4 minutes); 08:15→08:20 is exactly 5 minutes, so 08:20 still starts its own.
    await insertEvents(userKey, [at(8, 11), at(8, 15)])
    await computeSessions(new Date())
    expect(await sessionsOf(userKey)).toEqual([
      ['08:00', '08:15', 5],
      ['08:20', '08:20', 1],
      ['09:30', '09:34', 2],
    ])
    // 08:19 joins everything from 08:00 to 08:20 into one session.
    await insertEvents(userKey, [at(8, 19)])
    await computeSessions(new Date())
    expect(await sessionsOf(userKey)).toEqual([
      ['08:00', '08:20', 7],
      ['09:30', '09:34', 2],
    ])
  })

  it('caps a session at one hour of continuous work, and runs as a registered job', async () => {
    const userKey = uid('u_sess')
    const start = new Date(Math.floor((Date.now() - 86_400_000) / 3_600_000) * 3_600_000)
    await insertEvents(userKey, Array.from({ length: 31 }, (_, i) => new Date(start.getTime() + i * 4 * min)))
    const run = await runJob('analytics-sessions', 'manual')
    expect(run.status).toBe('ok')
    const rows = await db.analyticsSession.findMany({ where: { userKey }, orderBy: { startedAt: 'asc' } })
    expect(rows.map((r) => [(r.startedAt.getTime() - start.getTime()) / min, (r.endedAt.getTime() - start.getTime()) / min, r.eventCount])).toEqual([
      [0, 56, 15],
      [60, 116, 15],
      [120, 120, 1],
    ])
  })
})
