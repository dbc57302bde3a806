/** GET /api/analytics/dashboard and its CSV export: access, range validation, and figures with k-anonymity on a hand-made day. */
import { beforeAll, describe, expect, it } from 'vitest'
import { systemActor } from '@/lib/auth/actor'
import { getPool } from '@/lib/db'
import { saveWorkflow } from '@/lib/analytics/workflows'
import { createApiKey, request, uid } from '@/test/factories'
import { GET as EXPORT } from './export/route'
import { GET } from './route'

const FROM = '2030-03-04T00:00:00.000Z'
const TO = '2030-03-05T00:00:00.000Z'
const MIN = 60_000
let readKey: string
let writeKey: string
let key: string
let prefix: string

beforeAll(async () => {
  readKey = (await createApiKey(['read'])).key
  writeKey = (await createApiKey(['events:write'])).key
  prefix = uid('dash').replace(/-/g, '_')
  key = `w_${prefix}`
  await saveWorkflow(systemActor(), {
    key,
    name: 'Dashboard test',
    conversionWindowMs: 3_600_000,
    steps: [{ event: `${prefix}_a`, filters: {} }, { event: `${prefix}_b`, filters: {} }, { event: `${prefix}_c`, filters: {} }],
  })
  await getPool().query(`SELECT analytics_create_partition('2030-03-01')`)
  // 15 people start, 12 go on, 5 finish (after 10 minutes each); 11 of them have a session that day.
  const rows: [string, string, string][] = []
  for (let u = 0; u < 15; u++) {
    const user = `u_${prefix}_${u}`
    const at = (m: number) => new Date(Date.parse(FROM) + (u * 30 + m) * MIN).toISOString()
    rows.push([user, `${prefix}_a`, at(0)])
    if (u < 12) rows.push([user, `${prefix}_b`, at(5)])
    if (u < 5) rows.push([user, `${prefix}_c`, at(10)])
  }
  await getPool().query(
    `INSERT INTO "AnalyticsEvent" ("userKey", event, "occurredAt", type) SELECT u, e, t, 'track' FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS x(u, e, t)`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
  )
  await getPool().query(
    `INSERT INTO "AnalyticsSession" ("userKey", "startedAt", "endedAt", "eventCount") SELECT 'u_' || $1 || '_' || g, $2::timestamptz + g * interval '30 minutes', $2::timestamptz + g * interval '30 minutes', 1 FROM generate_series(0, 10) g`,
    [prefix, FROM],
  )
})

const get = (query: string, k: string | null = readKey) => GET(request(`/api/analytics/dashboard${query}`, { headers: k ? { authorization: `Bearer ${k}` } : {} }))

describe('GET /api/analytics/dashboard', () => {
  it('answers the day with small counts suppressed', async () => {
    const res = await get(`?from=${FROM}&to=${TO}`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { sessions: number; activeUsers: number | null; minGroupSize: number; workflows: { key: string }[]; topDropOffSteps: { workflow: string }[] }
    expect(body).toMatchObject({ range: { from: FROM, to: TO }, minGroupSize: 11, sessions: 11, activeUsers: 11 })
    expect(body.workflows.find((w) => w.key === key)).toEqual({
      key,
      name: 'Dashboard test',
      started: 15,
      completed: null, // 5 people
      completionRate: null,
      medianDurationMs: null,
      steps: [
        { step: 1, label: `${prefix}_a`, event: `${prefix}_a`, users: 15, conversion: 1, dropOff: 0 },
        { step: 2, label: `${prefix}_b`, event: `${prefix}_b`, users: 12, conversion: 0.8, dropOff: 3 },
        { step: 3, label: `${prefix}_c`, event: `${prefix}_c`, users: null, conversion: null, dropOff: null },
      ],
    })
    expect(body.topDropOffSteps.filter((d) => d.workflow === key)).toEqual([{ workflow: key, step: 2, label: `${prefix}_b`, dropOff: 3, dropOffRate: 0.2 }])
  })

  it.each([
    ['no credentials', '', null, 401],
    ['a key without read', '', 'write', 403],
    ['from after to', `?from=${TO}&to=${FROM}`, 'read', 422],
    ['more than 92 days', `?from=2030-01-01T00:00:00Z&to=2030-06-01T00:00:00Z`, 'read', 422],
    ['a malformed time', `?from=yesterday`, 'read', 422],
  ])('refuses %s → %i', async (_name, query, which, status) => {
    const res = await get(query, which === null ? null : which === 'read' ? readKey : writeKey)
    expect(res.status).toBe(status)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBeTruthy()
  })
})

describe('GET /api/analytics/dashboard/export', () => {
  const exportCsv = (query: string, k: string | null = readKey) => EXPORT(request(`/api/analytics/dashboard/export${query}`, { headers: k ? { authorization: `Bearer ${k}` } : {} }))

  it('writes one row per step, with the suppressed cells empty', async () => {
    const res = await exportCsv(`?from=${FROM}&to=${TO}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="wardroom-workflows-2030-03-04-2030-03-05.csv"')
    const lines = (await res.text()).replace(/^\uFEFF/, '').split('\r\n')
    expect(lines[0]).toBe('workflow,workflow_name,step,step_label,event,users,conversion_percent,drop_off,suppressed')
    expect(lines.filter((l) => l.startsWith(`${key},`))).toEqual([
      `${key},Dashboard test,1,${prefix}_a,${prefix}_a,15,100,0,false`,
      `${key},Dashboard test,2,${prefix}_b,${prefix}_b,12,80,3,false`,
      // 5 people finished: fewer than 11, so neither the count nor the rate nor the drop-off is written.
      `${key},Dashboard test,3,${prefix}_c,${prefix}_c,,,,true`,
    ])
  })

  it.each([
    ['no credentials', '', null, 401],
    ['a key without read', '', 'write', 403],
    ['from after to', `?from=${TO}&to=${FROM}`, 'read', 422],
  ])('refuses %s → %i with a JSON error', async (_name, query, which, status) => {
    const res = await exportCsv(query, which === null ? null : which === 'read' ? readKey : writeKey)
    expect(res.status).toBe(status)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBeTruthy()
  })
})
