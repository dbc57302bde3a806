/**
 * The widget's API from a browser's point of view: CORS only for the site key's origins (preflight and
 * answers), 429 per site key and per address, idempotent retries, a browser sees its own reports and no
 * one else's, signed identity tokens, and bad input answered 4xx in the one error shape.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.WARDROOM_SECRET = 'test-wardroom-secret-0123456789abcdef'
  process.env.WARDROOM_ANALYTICS_KEY = 'feedback-test-key-0123456789abcdef'
})

import { systemActor } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import { setFeedbackStatus } from '@/lib/feedback/status'
import { signIdentityToken } from '@/lib/feedback/identity-token'
import { createSiteKey, revokeSiteKey } from '@/lib/feedback/site-keys'
import { setRateLimiters, TokenBuckets } from '@/lib/http/rate-limit'
import { request, routeParams, uid } from '@/test/factories'
import { GET, OPTIONS, POST } from './route'

const HOST = 'http://127.0.0.1:4173'
let key: string
let secret: string
beforeAll(async () => {
  const created = await createSiteKey(systemActor('test'), { name: uid('ward-app'), origins: [HOST, 'https://*.wards.example.net'] })
  key = created.row.publicId
  secret = created.secret
})
afterEach(() => setRateLimiters({ api: new TokenBuckets(1000, 1000) }))

let n = 0
const address = () => `203.0.113.${(n++ % 250) + 1}`
const browserToken = () => randomBytes(24).toString('base64url')
const report = (extra: Record<string, unknown> = {}) => ({
  type: 'bug',
  description: `The discharge summary screen froze ${randomUUID().slice(0, 8)}`,
  idempotencyKey: randomUUID(),
  ...extra,
})
const call = (
  handler: typeof POST,
  opts: { method?: string; body?: unknown; raw?: string; origin?: string | null; headers?: Record<string, string>; siteKey?: string } = {},
) =>
  handler(
    request(`/api/feedback/widget/${opts.siteKey ?? key}`, {
      method: opts.method ?? 'POST',
      ...(opts.body !== undefined ? { body: opts.body } : {}),
      ...(opts.raw !== undefined ? { raw: opts.raw } : {}),
      headers: {
        'x-forwarded-for': address(),
        ...(opts.origin === null ? {} : { origin: opts.origin ?? HOST }),
        ...(opts.raw !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.headers ?? {}),
      },
    }),
    routeParams({ key: opts.siteKey ?? key }),
  )

describe('CORS', () => {
  it('answers the preflight of an allowed origin with its own origin, and a wildcard subdomain too', async () => {
    const res = await call(OPTIONS, { method: 'OPTIONS', headers: { 'access-control-request-method': 'POST' } })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe(HOST)
    expect(res.headers.get('access-control-allow-headers')).toMatch(/content-type/i)
    expect(res.headers.get('vary')).toBe('Origin')
    const sub = await call(OPTIONS, { method: 'OPTIONS', origin: 'https://icu.wards.example.net' })
    expect(sub.headers.get('access-control-allow-origin')).toBe('https://icu.wards.example.net')
  })

  it.each([['http://127.0.0.1:4174'], ['https://evil.example.com'], ['null'], [null]])('refuses the origin %s with 403 JSON and no CORS header', async (origin) => {
    for (const [handler, method] of [
      [OPTIONS, 'OPTIONS'],
      [POST, 'POST'],
      [GET, 'GET'],
    ] as const) {
      const res = await call(handler, { method, origin, ...(method === 'POST' ? { body: report() } : {}) })
      expect(res.status, method).toBe(403)
      expect(res.headers.get('access-control-allow-origin')).toBeNull()
      expect((await res.json()).error.code).toBe('forbidden')
    }
  })

  it('refuses an unknown, malformed or revoked key with 401', async () => {
    expect((await call(POST, { siteKey: 'wk_AAAAAAAAAAAAAAAA', body: report() })).status).toBe(401)
    expect((await call(POST, { siteKey: 'not-a-key', body: report() })).status).toBe(401)
    const other = await createSiteKey(systemActor('test'), { name: uid('revoked'), origins: [HOST] })
    expect((await call(POST, { siteKey: other.row.publicId, body: report() })).status).toBe(201)
    await revokeSiteKey(systemActor('test'), other.row.id)
    const res = await call(POST, { siteKey: other.row.publicId, body: report() })
    expect(res.status).toBe(401)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('POST', () => {
  it('stores a redacted, triaged report with the browser’s pseudonym, and answers 201 with CORS', async () => {
    const token = browserToken()
    const res = await call(POST, {
      body: report({ description: 'Wrong dose suggested for Harriet Okonkwo, MRN 77120934', type: 'clinical_safety', rating: 2, context: { screen: 'Orders', department: 'ICU' }, browserToken: token }),
    })
    expect(res.status).toBe(201)
    expect(res.headers.get('access-control-allow-origin')).toBe(HOST)
    const body = await res.json()
    expect(body).toEqual({ id: expect.any(String), number: expect.any(Number), status: 'received' })
    const row = await db.feedbackItem.findUniqueOrThrow({ where: { id: body.id } })
    expect(row).toMatchObject({ source: 'in_app', type: 'clinical_safety', priority: 'critical', rating: 2, screen: 'Orders', department: 'ICU', reporterKey: null })
    expect(row.description).not.toMatch(/Okonkwo|77120934/)
    expect(row.browserKey).toMatch(/^b_/)
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: body.id, action: 'feedback.submit' } })
    expect(audit.actorLabel).toContain(key)
  })

  it('answers a retry with the same idempotency key 200 with the first report, and stores one', async () => {
    const body = report()
    const first = await call(POST, { body })
    const again = await call(POST, { body })
    expect(first.status).toBe(201)
    expect(again.status).toBe(200)
    expect((await again.json()).id).toBe((await first.json()).id)
    expect(await db.feedbackItem.count({ where: { idempotencyKey: body.idempotencyKey } })).toBe(1)
    const clash = await call(POST, { body: { ...body, description: 'Another report under the same key' } })
    expect(clash.status).toBe(409)
    expect(clash.headers.get('access-control-allow-origin')).toBe(HOST)
  })

  it('turns a valid identity token into a reporter pseudonym', async () => {
    const identity = signIdentityToken(secret, 'nurse-4711', Math.floor(Date.now() / 1000) + 600)
    const res = await call(POST, { body: report({ identity }) })
    expect(res.status).toBe(201)
    const row = await db.feedbackItem.findUniqueOrThrow({ where: { id: (await res.json()).id } })
    expect(row.reporterKey).toMatch(/^r_/)
    expect(row.reporterKey).not.toContain('4711')
  })

  it('refuses a forged, expired or malformed identity token (401 / 400) and stores nothing', async () => {
    const now = Math.floor(Date.now() / 1000)
    const cases: [string, number, string][] = [
      [signIdentityToken('wks_not-the-site-secret-0123456789', 'nurse-4711', now + 600), 401, 'invalid_identity'],
      [signIdentityToken(secret, 'nurse-4711', now - 3600), 401, 'invalid_identity'],
      ['v1.garbage', 400, 'bad_request'],
    ]
    for (const [identity, status, code] of cases) {
      const body = report({ identity })
      const res = await call(POST, { body })
      expect(res.status, identity).toBe(status)
      expect((await res.json()).error.code).toBe(code)
      expect(res.headers.get('access-control-allow-origin')).toBe(HOST)
      expect(await db.feedbackItem.count({ where: { idempotencyKey: body.idempotencyKey } })).toBe(0)
    }
  })

  it.each([
    ['no type', { description: 'x', idempotencyKey: randomUUID() }, 422, 'type'],
    ['an empty description', { type: 'bug', description: ' ', idempotencyKey: randomUUID() }, 422, 'description'],
    ['a rating of 6', { type: 'bug', description: 'x', rating: 6, idempotencyKey: randomUUID() }, 422, 'rating'],
    ['no idempotency key', { type: 'bug', description: 'x' }, 422, 'idempotencyKey'],
    ['an unsigned userId', { type: 'bug', description: 'x', idempotencyKey: randomUUID(), userId: 'nurse-4711' }, 422, null],
    ['a short browser token', { type: 'bug', description: 'x', idempotencyKey: randomUUID(), browserToken: 'abc' }, 422, 'browserToken'],
    ['a bad flag key', { type: 'bug', description: 'x', idempotencyKey: randomUUID(), flagVariants: { 'bad key!': 'on' } }, 422, null],
  ])('answers %s with 4xx JSON and CORS', async (_, body, status, field) => {
    const res = await call(POST, { body })
    expect(res.status).toBe(status)
    expect(res.headers.get('access-control-allow-origin')).toBe(HOST)
    const error = (await res.json()).error
    expect(error.code).toBe('invalid')
    if (field) expect(Object.keys(error.fields ?? {})).toContain(field)
  })

  it('answers malformed JSON 400, another media type 415 and a huge body 413', async () => {
    expect((await call(POST, { raw: '{"type":' })).status).toBe(400)
    const text = await POST(
      request(`/api/feedback/widget/${key}`, { method: 'POST', raw: 'hello', headers: { origin: HOST, 'content-type': 'text/plain', 'x-forwarded-for': address() } }),
      routeParams({ key }),
    )
    expect(text.status).toBe(415)
    expect((await call(POST, { raw: JSON.stringify(report({ description: 'x'.repeat(70_000) })) })).status).toBe(413)
  })
})

describe('rate limits', () => {
  it('answers 429 with Retry-After (and CORS) once the site key has used its bucket', async () => {
    setRateLimiters({ api: new TokenBuckets(0.001, 2) })
    // Each call comes from a new address: only the key's bucket runs out (its third request).
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push(await call(GET, { method: 'GET', headers: { 'x-wardroom-browser': browserToken() } }))
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 429])
    expect(statuses[2]!.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(statuses[2]!.headers.get('access-control-allow-origin')).toBe(HOST)
    expect((await statuses[2]!.json()).error.code).toBe('too_many_requests')
  })

  it('answers 429 per address before looking at the key', async () => {
    setRateLimiters({ api: new TokenBuckets(0.001, 3) })
    const from = { 'x-forwarded-for': '198.51.100.77' }
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await call(OPTIONS, { method: 'OPTIONS', siteKey: `wk_${randomBytes(12).toString('base64url')}`, headers: from })).status)
    expect(statuses).toEqual([401, 401, 401])
    const limited = await call(OPTIONS, { method: 'OPTIONS', headers: from })
    // The address's fourth request: refused before the (valid) key is looked at, so without CORS headers.
    expect(limited.status).toBe(429)
    expect(limited.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('GET: your reports', () => {
  it('lists only this browser’s reports, newest first, with the status the clinician sees', async () => {
    const mine = browserToken()
    const theirs = browserToken()
    const a = await (await call(POST, { body: report({ browserToken: mine, description: `Slow lab results panel ${randomUUID()} ${randomUUID()}` }) })).json()
    const b = await (await call(POST, { body: report({ browserToken: mine, type: 'suggestion', description: `Bigger font on the ward list ${randomUUID()} ${randomUUID()}` }) })).json()
    await call(POST, { body: report({ browserToken: theirs }) })
    await setFeedbackStatus(systemActor('test'), { id: a.id, status: 'planned' })

    const res = await call(GET, { method: 'GET', headers: { 'x-wardroom-browser': mine } })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe(HOST)
    const { reports } = await res.json()
    expect(reports.map((r: { number: number }) => r.number)).toEqual([b.number, a.number])
    expect(reports[0]).toMatchObject({ type: 'suggestion', status: 'received', excerpt: expect.stringMatching(/^Bigger font/) })
    expect(reports[1]).toMatchObject({ type: 'bug', status: 'planned' })
    expect(Object.keys(reports[0]).sort()).toEqual(['createdAt', 'excerpt', 'number', 'status', 'type'])

    const empty = await (await call(GET, { method: 'GET', headers: { 'x-wardroom-browser': browserToken() } })).json()
    expect(empty.reports).toEqual([])
  })

  it('answers a missing or malformed browser token 400', async () => {
    expect((await call(GET, { method: 'GET' })).status).toBe(400)
    const res = await call(GET, { method: 'GET', headers: { 'x-wardroom-browser': 'short' } })
    expect(res.status).toBe(400)
    expect(res.headers.get('access-control-allow-origin')).toBe(HOST)
  })
})
