/** The trends page's CSV downloads: a trend and adoption per department, k-anonymised, 422 on unknown values, readers only. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db, getPool } from '@/lib/db'
import { inRawTransaction } from '@/lib/tx'
import { rollUpDays } from '@/lib/analytics/rollups'
import { addDays, utcDay } from '@/lib/analytics/trends-dates'
import { createApiKey, createUser, request, uid } from '@/test/factories'
import { insertAnalyticsEvents, uniqueEvent, users } from '@/test/analytics-factories'
import { signInAs, signOut } from '@/test/session-state'
import { GET as trendsCsv } from './route'
import { GET as adoptionCsv } from '../../adoption/csv/route'

const today = utcDay(Date.now())
const yesterday = addDays(today, -1)
const opened = uniqueEvent('csv_opened')
const dept = uid('Ward')

beforeAll(async () => {
  for (const d of [today, addDays(today, -3)]) await getPool().query('SELECT analytics_create_partition($1::date)', [d])
  await db.analyticsEventType.create({ data: { name: opened, status: 'registered' } })
  const [many, few] = [users(12), users(4)]
  await insertAnalyticsEvents([
    ...many.map((user) => ({ at: `${yesterday}T08:00:00Z`, user, event: opened, department: dept })),
    ...few.map((user) => ({ at: `${addDays(today, -3)}T08:00:00Z`, user, event: opened, department: dept })),
  ])
  for (const d of [yesterday, addDays(today, -3)]) await inRawTransaction((sql) => rollUpDays(sql, d))
})
afterEach(() => signOut())

const lines = async (res: Response) => (await res.text()).replace(/^\uFEFF/, '').split('\r\n')

describe('GET /api/analytics/trends/csv', () => {
  it('answers a reader with one row per day, the small day empty and marked hidden', async () => {
    signInAs(await createUser('executive'))
    const res = await trendsCsv(request(`/api/analytics/trends/csv?event=${opened}&measure=users&range=7`))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="wardroom-trends-${addDays(today, -6)}-${today}.csv"`)
    const body = await lines(res)
    expect(body[0]).toBe('day,event,breakdown,value,events,people,hidden')
    expect(body).toHaveLength(1 + 7 + 1)
    expect(body).toContain(`${yesterday},${opened},,,12,12,false`)
    expect(body).toContain(`${addDays(today, -3)},${opened},,,,,true`)
    expect(body).toContain(`${today},${opened},,,0,0,false`)
  })

  it('breaks down by department for an API key with the read scope', async () => {
    const { key } = await createApiKey(['read'])
    const res = await trendsCsv(request(`/api/analytics/trends/csv?event=${opened}&by=department&range=7`, { headers: { authorization: `Bearer ${key}` } }))
    expect(res.status).toBe(200)
    expect(await lines(res)).toContain(`${yesterday},${opened},Department,${dept},12,12,false`)
  })

  it('422s naming the values it does not know', async () => {
    signInAs(await createUser('viewer'))
    const res = await trendsCsv(request(`/api/analytics/trends/csv?event=no_such_event&measure=sum&range=365`))
    expect(res.status).toBe(422)
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string[]> } }
    expect(body.error.code).toBe('invalid')
    expect(Object.keys(body.error.fields).sort()).toEqual(['event', 'measure', 'range'])
  })

  it('401s signed out and 403s without analytics:read', async () => {
    expect((await trendsCsv(request(`/api/analytics/trends/csv?event=${opened}`))).status).toBe(401)
    signInAs(await createUser('clinician'))
    expect((await trendsCsv(request(`/api/analytics/trends/csv?event=${opened}`))).status).toBe(403)
  })
})

describe('GET /api/analytics/adoption/csv', () => {
  it('answers the department’s active people and how many used the feature', async () => {
    signInAs(await createUser('pm'))
    const res = await adoptionCsv(request(`/api/analytics/adoption/csv?feature=${opened}&range=7`))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain(`wardroom-adoption-${opened}-`)
    const body = await lines(res)
    expect(body[0]).toBe('department,active_people,feature,feature_people,adoption_percent,hidden')
    // 16 active in the ward (12 yesterday, 4 three days ago), all of them with the event.
    expect(body).toContain(`${dept},16,${opened},16,100,false`)
  })

  it('422s for a feature that is not a registered event', async () => {
    signInAs(await createUser('viewer'))
    expect((await adoptionCsv(request('/api/analytics/adoption/csv?feature=nope'))).status).toBe(422)
  })
})
