/**
 * GET /api/analytics/funnel and /api/analytics/funnel/dropoffs: access, bad input, and a hand-made day (a
 * day of its own: the dashboard test counts every session of its day) —
 * 30 people start (one every 30 minutes), 25 go on, 12 finish after 10 minutes; 20 in ICU, 10 in the ED.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { systemActor } from '@/lib/auth/actor'
import { getPool } from '@/lib/db'
import { saveWorkflow } from '@/lib/analytics/workflows'
import type { DropOffList, FunnelReport } from '@/lib/analytics/funnel-query'
import { shortPseudonym } from '@/lib/analytics/funnel-dropoffs'
import { createApiKey, createUser, request, uid } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { GET as dropoffs } from './dropoffs/route'
import { GET as funnel } from './route'

const FROM = '2030-05-13T00:00:00.000Z'
const TO = '2030-05-14T00:00:00.000Z'
const MIN = 60_000
const at = (m: number) => new Date(Date.parse(FROM) + m * MIN).toISOString()
let readKey: string
let writeKey: string
let workflow: string
let prefix: string
const user = (u: number) => `u_${prefix}_${u}`

beforeAll(async () => {
  readKey = (await createApiKey(['read'])).key
  writeKey = (await createApiKey(['events:write'])).key
  prefix = uid('fun').replace(/-/g, '_')
  workflow = `w_${prefix}`
  await saveWorkflow(systemActor(), { key: workflow, name: 'Funnel route test', conversionWindowMs: 3_600_000, steps: ['a', 'b', 'c'].map((s) => ({ event: `${prefix}_${s}`, filters: {} })) })
  await getPool().query(`SELECT analytics_create_partition('2030-05-01')`)
  const rows: [string, string, string, string][] = []
  for (let u = 0; u < 30; u++) {
    const dept = u < 20 ? 'Intensive Care' : 'Emergency'
    rows.push([user(u), `${prefix}_a`, at(u * 30), dept])
    if (u < 25) rows.push([user(u), `${prefix}_b`, at(u * 30 + 5), dept])
    if (u < 12) rows.push([user(u), `${prefix}_c`, at(u * 30 + 10), dept])
  }
  await getPool().query(
    `INSERT INTO "AnalyticsEvent" ("userKey", event, "occurredAt", department, type) SELECT u, e, t, d, 'track' FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[]) AS x(u, e, t, d)`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
  )
  await getPool().query(`INSERT INTO "AnalyticsSession" ("userKey", "startedAt", "endedAt", "eventCount") VALUES ($1, $2, $3, 2)`, [user(24), at(24 * 30 - 1), at(24 * 30 + 5)])
})

const call = (route: typeof funnel, path: string, k: string | null = readKey) => route(request(path, { headers: k ? { authorization: `Bearer ${k}` } : {} }))
const range = `from=${FROM}&to=${TO}`

describe('GET /api/analytics/funnel', () => {
  it("answers a workflow's funnel with small counts suppressed", async () => {
    const res = await call(funnel, `/api/analytics/funnel?workflow=${workflow}&${range}`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as FunnelReport
    expect(body.query).toMatchObject({ workflow, from: FROM, to: TO, conversionWindowMs: 3_600_000, orderMode: 'ordered', breakdown: { kind: 'none' } })
    expect(body.overall).toMatchObject({ key: 'all', started: 30, completed: 12 })
    expect(body.overall.steps.map((s) => [s.users, s.conversion, s.stepConversion, s.dropOff, s.medianFromPreviousMs])).toEqual([
      [30, 1, 1, 0, null],
      [25, 25 / 30, 25 / 30, null, 5 * MIN], // 5 lost: fewer than 11
      [12, 0.4, 12 / 25, 13, 5 * MIN],
    ])
    expect(body.timeToConvert).toEqual({
      buckets: [
        { fromMs: 0, toMs: MIN, users: 0 },
        { fromMs: MIN, toMs: 5 * MIN, users: 0 },
        { fromMs: 5 * MIN, toMs: 15 * MIN, users: 12 },
        { fromMs: 15 * MIN, toMs: 30 * MIN, users: 0 },
        { fromMs: 30 * MIN, toMs: 60 * MIN, users: 0 },
      ],
      medianMs: 10 * MIN,
      p90Ms: 10 * MIN,
    })
    expect([body.groups, body.hiddenGroups, body.minGroupSize]).toEqual([[], 0, 11])
  })

  it('breaks custom steps down by department, leaving out a group of fewer than 11', async () => {
    signInAs(await createUser('pm'))
    try {
      const steps = encodeURIComponent(JSON.stringify([`${prefix}_a`, `${prefix}_b`]))
      const res = await call(funnel, `/api/analytics/funnel?steps=${steps}&${range}&window=30m&breakdown=department`, null)
      expect(res.status).toBe(200)
      const body = (await res.json()) as FunnelReport
      expect(body.overall.steps.map((s) => s.users)).toEqual([30, 25])
      expect(body.groups.map((g) => [g.key, g.started, g.steps.map((s) => s.users)])).toEqual([['Intensive Care', 20, [20, 20]]])
      expect(body.hiddenGroups).toBe(1)
    } finally {
      signOut()
    }
  })

  it.each([
    ['no credentials', `workflow=W&${range}`, null, 401, 'unauthorized'],
    ['a key without read', `workflow=W&${range}`, 'write', 403, 'forbidden'],
    ['steps that are not JSON', `steps=[a&${range}`, 'read', 400, 'bad_request'],
    ['an unreadable window', `workflow=W&window=soon&${range}`, 'read', 400, 'bad_request'],
    ['an unknown workflow', `workflow=nope_${Date.now()}&${range}`, 'read', 404, 'not_found'],
    ['neither steps nor a workflow', range, 'read', 422, 'invalid'],
    ['one step', `steps=["a"]&${range}`, 'read', 422, 'invalid'],
    ['an unknown order', `workflow=W&order=sideways&${range}`, 'read', 422, 'invalid'],
    ['an unknown breakdown', `workflow=W&breakdown=ward&${range}`, 'read', 422, 'invalid'],
    ['an unknown experiment', `workflow=W&breakdown=flag:nope_${Date.now()}&${range}`, 'read', 422, 'invalid'],
    ['from after to', `workflow=W&from=${TO}&to=${FROM}`, 'read', 422, 'invalid'],
    ['more than 92 days', `workflow=W&from=2030-01-01T00:00:00Z&to=2030-06-01T00:00:00Z`, 'read', 422, 'invalid'],
  ])('refuses %s', async (_name, query, which, status, code) => {
    const res = await call(funnel, `/api/analytics/funnel?${query.replace('workflow=W', `workflow=${workflow}`)}`, which === null ? null : which === 'read' ? readKey : writeKey)
    expect(res.status).toBe(status)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe(code)
    expect(body.error.message).not.toBe('')
  })

  it('refuses a clinician session (403)', async () => {
    signInAs(await createUser('clinician'))
    try {
      expect((await call(funnel, `/api/analytics/funnel?workflow=${workflow}&${range}`, null)).status).toBe(403)
    } finally {
      signOut()
    }
  })
})

describe('GET /api/analytics/funnel/dropoffs', () => {
  it('lists the 13 lost at step 3, most recent first, with their sessions', async () => {
    const res = await call(dropoffs, `/api/analytics/funnel/dropoffs?workflow=${workflow}&${range}&step=3&limit=2`)
    expect(res.status).toBe(200)
    expect((await res.json()) as DropOffList).toEqual({
      step: 3,
      lost: 13,
      people: [
        { person: shortPseudonym(user(24)), reachedStep: 2, startedAt: at(24 * 30), sessions: [{ startedAt: at(24 * 30 - 1), endedAt: at(24 * 30 + 5), eventCount: 2, events: [`${prefix}_a`, `${prefix}_b`] }] },
        { person: shortPseudonym(user(23)), reachedStep: 2, startedAt: at(23 * 30), sessions: [] },
      ],
    })
  })

  it('names nobody when fewer than 11 were lost', async () => {
    const res = await call(dropoffs, `/api/analytics/funnel/dropoffs?workflow=${workflow}&${range}&step=2`)
    expect(await res.json()).toEqual({ step: 2, lost: null, people: [] })
  })

  it.each([
    ['no step', `workflow=W&${range}`, 'read', 422],
    ['step 1', `workflow=W&${range}&step=1`, 'read', 422],
    ['a step past the end', `workflow=W&${range}&step=4`, 'read', 422],
    ['a limit over 500', `workflow=W&${range}&step=2&limit=501`, 'read', 422],
    ['an unknown workflow', `workflow=nope_${Date.now()}&${range}&step=2`, 'read', 404],
    ['a key without read', `workflow=W&${range}&step=2`, 'write', 403],
  ])('refuses %s', async (_name, query, which, status) => {
    const res = await call(dropoffs, `/api/analytics/funnel/dropoffs?${query.replace('workflow=W', `workflow=${workflow}`)}`, which === 'read' ? readKey : writeKey)
    expect(res.status).toBe(status)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBeTruthy()
  })
})
