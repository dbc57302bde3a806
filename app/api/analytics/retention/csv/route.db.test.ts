/** The retention page's CSV download: one row per cohort and week reached, k-anonymised, 422 on unknown values. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db, getPool } from '@/lib/db'
import { addDays, isoWeekLabel, isoWeekStart, lastWeeks, utcDay, weeksBetween } from '@/lib/analytics/trends-dates'
import { createUser, request } from '@/test/factories'
import { insertAnalyticsEvents, uniqueEvent, users } from '@/test/analytics-factories'
import { signInAs, signOut } from '@/test/session-state'
import { GET } from './route'

const today = utcDay(Date.now())
const started = addDays(today, -9)
const start = uniqueEvent('csv_start')
const back = uniqueEvent('csv_back')

beforeAll(async () => {
  for (const d of [today, started]) await getPool().query('SELECT analytics_create_partition($1::date)', [d])
  await db.analyticsEventType.createMany({ data: [start, back].map((name) => ({ name, status: 'registered' })) })
  // 12 people start nine days ago, all come back today; 3 more start today.
  const [cohort, late] = [users(12), users(3)]
  await insertAnalyticsEvents([
    ...cohort.map((user) => ({ at: `${started}T08:00:00Z`, user, event: start })),
    ...cohort.map((user) => ({ at: `${today}T00:00:01Z`, user, event: back })),
    ...late.map((user) => ({ at: `${today}T00:00:01Z`, user, event: start })),
  ])
})
afterEach(() => signOut())

describe('GET /api/analytics/retention/csv', () => {
  it('answers a reader with the cohorts, the week in progress marked, the small cohort hidden', async () => {
    signInAs(await createUser('viewer'))
    const res = await GET(request(`/api/analytics/retention/csv?weeks=4&cohort=first&start=${start}&return=${back}`))
    expect(res.status).toBe(200)
    const first = lastWeeks(new Date(), 4)[0]!
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="wardroom-retention-${first}-4-weeks.csv"`)
    const body = (await res.text()).replace(/^\uFEFF/, '').split('\r\n')
    expect(body[0]).toBe('cohort_week_start,iso_week,cohort_people,week,retained_people,retention_percent,status')
    const monday = isoWeekStart(started)
    const n = weeksBetween(monday, isoWeekStart(today))
    // Nine days ago is one or two weeks back: the cohort's first week had no return, today's week has all 12.
    expect(body).toContain(`${monday},${isoWeekLabel(monday)},12,0,0,0,shown`)
    expect(body).toContain(`${monday},${isoWeekLabel(monday)},12,${n},12,100,in progress`)
    expect(body).toContain(`${isoWeekStart(today)},${isoWeekLabel(today)},,0,,,hidden`)
  })

  it('422s for unknown values and 403s without analytics:read', async () => {
    signInAs(await createUser('viewer'))
    const res = await GET(request('/api/analytics/retention/csv?weeks=5&cohort=ever&start=nope'))
    expect(res.status).toBe(422)
    expect(Object.keys(((await res.json()) as { error: { fields: object } }).error.fields).sort()).toEqual(['cohort', 'start', 'weeks'])
    signInAs(await createUser('clinician'))
    expect((await GET(request('/api/analytics/retention/csv'))).status).toBe(403)
  })
})
