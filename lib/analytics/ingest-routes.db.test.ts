/**
 * The analytics ingest endpoints end to end on PostgreSQL: the guide's track and batch, Segment's v1 API
 * (with the published @segment/analytics-node client against a local HTTP server in front of the handlers),
 * every refusal's shape, de-duplication by messageId, quarantine, and that every accepted event is stored.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Analytics } from '@segment/analytics-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db, getPool } from '@/lib/db'
import type { RouteHandler } from '@/lib/http/route'
import { createApiKey, request, uid } from '@/test/factories'
import { analyticsKey, pseudonymizer } from './pseudonym'
import { clearRegistryCache } from './registry'
import { batchRoute, segmentBatchRoute, segmentCallRoute, trackRoute } from './routes'

process.env.WARDROOM_ANALYTICS_KEY = 'analytics-test-key-0123456789abcdef'
const pseudonym = pseudonymizer(analyticsKey()!)
const segment = { track: segmentCallRoute('track'), identify: segmentCallRoute('identify'), page: segmentCallRoute('page') }

let key: string
let readKey: string
const registered = uid('diagnosis_completed')

beforeAll(async () => {
  key = (await createApiKey(['events:write'])).key
  readKey = (await createApiKey(['read'])).key
  await db.analyticsEventType.create({
    data: { name: registered, status: 'registered', owner: 'clinical-ai', properties: { duration: 'number', outcome: 'string' } },
  })
  clearRegistryCache()
})

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]> } }

const call = (handler: RouteHandler, path: string, init: { body?: unknown; raw?: string; headers?: Record<string, string> }, k: string | null = key) =>
  handler(request(path, { method: 'POST', ...init, headers: { ...(k ? { authorization: `Bearer ${k}` } : {}), ...init.headers } }))

async function eventsOf(userId: string, kind: 'user' | 'anonymous' = 'user') {
  const { rows } = await getPool().query<{ event: string; properties: Record<string, unknown>; type: string; occurredAt: Date; messageId: string | null; uaFamily: string | null }>(
    `SELECT event, properties, type, "occurredAt", "messageId", "uaFamily" FROM "AnalyticsEvent" WHERE "userKey" = $1 ORDER BY "occurredAt", id`,
    [pseudonym(kind, userId)],
  )
  return rows
}

describe('POST /api/analytics/track (the guide)', () => {
  it('stores the guide example under a pseudonym → 202 {"accepted":1}', async () => {
    const userId = uid('user')
    const res = await call(trackRoute, '/api/analytics/track', { body: { userId, sessionId: 'session456', event: registered, metadata: { duration: 300 } } })
    expect(res.status).toBe(202)
    expect(await res.json()).toEqual({ accepted: 1 })
    expect(await eventsOf(userId)).toEqual([expect.objectContaining({ event: registered, type: 'track', properties: { duration: 300 } })])
    const { rows } = await getPool().query(`SELECT count(*)::int AS n FROM "AnalyticsEvent" WHERE "userKey" = $1 OR "clientSessionKey" = $1`, [userId])
    expect(rows[0]).toEqual({ n: 0 })
  })

  it.each([
    ['no key', null, { userId: 'u', event: 'x' }, 401, 'unauthorized'],
    ['a key without events:write', 'read', { userId: 'u', event: 'x' }, 403, 'forbidden'],
    ['no event', 'write', { userId: 'u' }, 422, 'invalid'],
    ['a timestamp 10 minutes ahead', 'write', { userId: 'u', event: 'x', timestamp: new Date(Date.now() + 600_000).toISOString() }, 422, 'timestamp_in_future'],
    ['a timestamp 8 days back', 'write', { userId: 'u', event: 'x', timestamp: new Date(Date.now() - 8 * 86_400_000).toISOString() }, 422, 'timestamp_too_old'],
  ])('refuses %s → %i %s', async (_name, which, body, status, code) => {
    const k = which === null ? null : which === 'read' ? readKey : key
    const res = await call(trackRoute, '/api/analytics/track', { body }, k)
    expect(res.status).toBe(status)
    expect(((await res.json()) as ErrorBody).error.code).toBe(code)
  })

  it('refuses malformed JSON → 400 and a non-JSON type → 415', async () => {
    const bad = await call(trackRoute, '/api/analytics/track', { raw: '{"userId":', headers: { 'content-type': 'application/json' } })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as ErrorBody).error.code).toBe('bad_request')
    const type = await call(trackRoute, '/api/analytics/track', { raw: 'x', headers: { 'content-type': 'text/csv' } })
    expect(type.status).toBe(415)
  })

  it('names the field of an invalid event (422 fields)', async () => {
    const res = await call(trackRoute, '/api/analytics/track', { body: { userId: 'u', event: 'has spaces' } })
    expect(res.status).toBe(422)
    expect(Object.keys(((await res.json()) as ErrorBody).error.fields ?? {})).toEqual(['event'])
  })
})

describe('POST /api/analytics/batch (the guide)', () => {
  it('keeps the valid events and names each refused one by index → 202', async () => {
    const userId = uid('user')
    const t0 = Date.now() - 3_600_000
    const events = [
      { userId, event: registered, metadata: { duration: 10 }, timestamp: new Date(t0).toISOString() },
      { userId, event: 'bad name' },
      { userId, event: registered, timestamp: new Date(Date.now() + 3_600_000).toISOString() },
      { userId, event: registered, metadata: { duration: 20 }, timestamp: new Date(t0 + 1000).toISOString() },
    ]
    const res = await call(batchRoute, '/api/analytics/batch', { body: { events } })
    expect(res.status).toBe(202)
    const body = (await res.json()) as { accepted: number; rejected: { index: number; code: string; message: string }[] }
    expect(body.accepted).toBe(2)
    expect(body.rejected.map((r) => [r.index, r.code])).toEqual([
      [1, 'invalid'],
      [2, 'timestamp_in_future'],
    ])
    expect((await eventsOf(userId)).map((e) => e.properties)).toEqual([{ duration: 10 }, { duration: 20 }])
  })

  it('stores every accepted event of a 10,000-event batch and audits the batch once', async () => {
    const userId = uid('user')
    const base = Date.now() - 2 * 86_400_000
    const events = Array.from({ length: 10_000 }, (_, i) => ({ userId, event: registered, metadata: { duration: i }, timestamp: new Date(base + i * 1000).toISOString() }))
    const requestId = uid('req')
    const res = await call(batchRoute, '/api/analytics/batch', { body: events, headers: { 'x-request-id': requestId } })
    expect(await res.json()).toEqual({ accepted: 10_000, rejected: [] })
    expect(await eventsOf(userId)).toHaveLength(10_000)
    const audit = await db.auditLog.findMany({ where: { requestId } })
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'analytics.ingest', actorType: 'apikey', count: 10_000, summary: { dialect: 'guide', events: [registered], rejected: 0 } })
    expect(JSON.stringify(audit[0]!.summary)).not.toContain(userId)
  }, 60_000)

  it('refuses only the event with a NUL character in a kept string (no 500 for the batch)', async () => {
    const userId = uid('user')
    const events = [
      { userId, event: registered, metadata: { outcome: 'confirmed' } },
      { userId, event: registered, metadata: { outcome: 'a\u0000b' } },
      { userId, event: registered, site: 'North\u0000' },
    ]
    const res = await call(batchRoute, '/api/analytics/batch', { body: { events } })
    expect(res.status).toBe(202)
    const body = (await res.json()) as { accepted: number; rejected: { index: number; code: string }[] }
    expect(body).toMatchObject({ accepted: 1, rejected: [{ index: 1, code: 'invalid' }, { index: 2, code: 'invalid' }] })
    expect(await eventsOf(userId)).toHaveLength(1)
  })

  it('refuses 10,001 events → 413, and a body that is not a batch → 422', async () => {
    const many = Array.from({ length: 10_001 }, () => ({ userId: 'u', event: 'e' }))
    const res = await call(batchRoute, '/api/analytics/batch', { body: many })
    expect(res.status).toBe(413)
    expect(((await res.json()) as ErrorBody).error.code).toBe('payload_too_large')
    const shape = await call(batchRoute, '/api/analytics/batch', { body: { items: 'no' } })
    expect(shape.status).toBe(422)
  })

  it('quarantines an unknown event (no properties kept) and counts what it dropped', async () => {
    const userId = uid('user')
    const name = uid('new_event')
    const res = await call(batchRoute, '/api/analytics/batch', { body: [{ userId, event: name, metadata: { a: 1, patient: 'Jane Roe' } }] })
    expect(await res.json()).toEqual({ accepted: 1, rejected: [] })
    expect(await eventsOf(userId)).toEqual([expect.objectContaining({ event: name, properties: {} })])
    expect(await db.analyticsEventType.findUnique({ where: { name } })).toMatchObject({ status: 'quarantined', droppedProperties: 2n })
  })
})

describe('Segment HTTP Tracking API (v1)', () => {
  const basic = (k: string) => `Basic ${Buffer.from(`${k}:`).toString('base64')}`

  it('answers {"success":true} to each call type with the write key as Basic user', async () => {
    const userId = uid('user')
    const t = new Date(Date.now() - 60_000).toISOString()
    for (const [type, body] of [
      ['track', { userId, event: registered, properties: { duration: 5 }, timestamp: t, messageId: uid('m') }],
      ['identify', { userId, traits: { email: 'jane@example.org' }, timestamp: t, messageId: uid('m') }],
      ['page', { userId, name: 'Triage board', timestamp: t, messageId: uid('m') }],
    ] as const) {
      const res = await call(segment[type], `/api/analytics/v1/${type}`, { body, headers: { authorization: basic(key) } }, null)
      expect(res.status, type).toBe(200)
      expect(await res.json()).toEqual({ success: true })
    }
    expect((await eventsOf(userId)).map((e) => e.event).sort()).toEqual(['$identify', '$page', registered].sort())
  })

  it('refuses a bad write key → 401, and a call of the wrong type → 422', async () => {
    const res = await call(segment.track, '/api/analytics/v1/track', { body: { userId: 'u', event: 'e' }, headers: { authorization: basic('wr_nope') } }, null)
    expect(res.status).toBe(401)
    const wrong = await call(segment.page, '/api/analytics/v1/page', { body: { type: 'track', userId: 'u', event: 'e' } })
    expect(wrong.status).toBe(422)
  })

  it('de-duplicates a retried batch by messageId', async () => {
    const anonymousId = uid('anon')
    const timestamp = new Date(Date.now() - 5000).toISOString()
    const batch = [1, 2, 3].map((i) => ({ type: 'track', anonymousId, event: registered, properties: { duration: i }, timestamp, messageId: `${anonymousId}-${i}` }))
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await call(segmentBatchRoute, '/api/analytics/v1/batch', { body: { batch, sentAt: new Date().toISOString() } })
      expect(await res.json()).toEqual({ success: true })
    }
    expect(await eventsOf(anonymousId, 'anonymous')).toHaveLength(3)
  })

  describe('with the published @segment/analytics-node client', () => {
    let server: Server
    let host: string
    const routes: Record<string, RouteHandler> = { '/api/analytics/v1/batch': segmentBatchRoute }

    beforeAll(async () => {
      // A tiny HTTP server in front of the route handlers, as the production server puts them.
      server = createServer((req, res) => {
        const chunks: Buffer[] = []
        req.on('data', (c: Buffer) => chunks.push(c))
        req.on('end', () => {
          const handler = routes[req.url ?? '']
          if (!handler) return void res.writeHead(404).end()
          const headers = new Headers()
          for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
          void handler(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) })).then(async (r) => {
            res.writeHead(r.status, { 'content-type': 'application/json' }).end(await r.text())
          })
        })
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

    it('delivers track, identify and page calls, and a re-sent messageId is stored once', async () => {
      const userId = uid('user')
      const failures: unknown[] = []
      const analytics = new Analytics({ writeKey: key, host, path: '/api/analytics/v1/batch', flushAt: 50, maxRetries: 0 })
      analytics.on('error', (e) => failures.push(e))
      const responses: number[] = []
      analytics.on('http_request', () => responses.push(1))
      analytics.identify({ userId, traits: { name: 'Dr Jane Roe' } })
      // The same message twice (as a retry re-sends it): same messageId, user and time.
      const timestamp = new Date(Date.now() - 1000)
      analytics.track({ userId, event: registered, properties: { duration: 42, outcome: 'confirmed' }, messageId: `${userId}-a`, timestamp })
      analytics.track({ userId, event: registered, properties: { duration: 42, outcome: 'confirmed' }, messageId: `${userId}-a`, timestamp })
      analytics.page({ userId, name: 'Diagnosis', properties: { path: '/patients/123' } })
      await analytics.closeAndFlush({ timeout: 10_000 })
      expect(failures).toEqual([])
      expect(responses.length).toBeGreaterThan(0)
      const stored = await eventsOf(userId)
      expect(stored.map((e) => e.event).sort()).toEqual(['$identify', '$page', registered].sort())
      expect(stored.find((e) => e.event === registered)?.properties).toEqual({ duration: 42, outcome: 'confirmed' })
      expect(stored.find((e) => e.event === '$page')?.properties).toEqual({ name: 'Diagnosis' })
      expect(JSON.stringify(stored)).not.toMatch(/Jane|patients/)
    })
  })
})
