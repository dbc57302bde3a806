/**
 * Machine endpoints answer 429 with Retry-After in their own error shape once a key or an address has used
 * its bucket, and count it in wardroom_rate_limited_total{route}. Tiny buckets (burst 2, 1 per second) keep
 * the test short; the limits themselves come from RATE_LIMIT_* in production.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { createApiKey, request, routeParams } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { createUser } from '@/test/factories'
import { metrics } from '@/lib/metrics'
import { setRateLimiters, TokenBuckets } from './rate-limit'
import { POST as alerts } from '@/app/api/alerts/route'
import { POST as pagerDuty } from '@/app/api/alerts/events/v2/route'
import { POST as ofrepBulk } from '@/app/ofrep/v1/evaluate/flags/route'
import { GET as cron } from '@/app/api/cron/[job]/route'
import { GET as incidents } from '@/app/api/incidents/route'

beforeEach(() => {
  setRateLimiters({ ingest: new TokenBuckets(1, 2), api: new TokenBuckets(1, 2) })
})

let n = 0
const address = () => `198.51.100.${(n++ % 250) + 1}`

async function limitedCount(route: string): Promise<number> {
  const metric = (await metrics.rateLimited.get()).values.find((v) => v.labels.route === route)
  return metric?.value ?? 0
}

describe('rate limits on machine endpoints', () => {
  it('limit an API key across addresses: 429, Retry-After, the usual error shape, counted by route template', async () => {
    const { key } = await createApiKey(['alerts:write'])
    const before = await limitedCount('/api/alerts')
    const call = () => alerts(request('/api/alerts', { method: 'POST', body: {}, headers: { authorization: `Bearer ${key}`, 'x-forwarded-for': address() } }))
    expect((await call()).status).toBe(422)
    expect((await call()).status).toBe(422)
    const res = await call()
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect((await res.json()).error.code).toBe('too_many_requests')
    expect(await limitedCount('/api/alerts')).toBe(before + 1)
  })

  it('limit an address across keys, before the key is even checked', async () => {
    const ip = address()
    const call = (key: string) => alerts(request('/api/alerts', { method: 'POST', body: {}, headers: { authorization: `Bearer ${key}`, 'x-forwarded-for': ip } }))
    expect((await call('wr_bogus')).status).toBe(401)
    expect((await call('wr_bogus')).status).toBe(401)
    expect((await call('wr_bogus')).status).toBe(429)
  })

  it('answer OFREP clients in OFREP shape', async () => {
    const { key } = await createApiKey(['flags:evaluate'])
    const call = () =>
      ofrepBulk(request('/ofrep/v1/evaluate/flags', { method: 'POST', body: { context: {} }, headers: { authorization: `Bearer ${key}`, 'x-forwarded-for': address() } }))
    expect((await call()).status).toBe(200)
    expect((await call()).status).toBe(200)
    const res = await call()
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    const body = await res.json()
    expect(body).toEqual({ errorDetails: expect.any(String) })
  })

  it('answer PagerDuty senders in PagerDuty shape, per routing key and per address', async () => {
    const { key } = await createApiKey(['alerts:write'])
    const send = (ip: string) =>
      pagerDuty(request('/api/alerts/events/v2', { method: 'POST', body: { routing_key: key, event_action: 'nonsense' }, headers: { 'x-forwarded-for': ip } }))
    expect((await send(address())).status).toBe(400)
    expect((await send(address())).status).toBe(400)
    const byKey = await send(address())
    expect(byKey.status).toBe(429)
    expect(Number(byKey.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(await byKey.json()).toMatchObject({ status: 'throttle exceeded', errors: [expect.any(String)] })

    const ip = address()
    const { key: other } = await createApiKey(['alerts:write'])
    const fromIp = () =>
      pagerDuty(request('/api/alerts/events/v2', { method: 'POST', body: { routing_key: other, event_action: 'nonsense' }, headers: { 'x-forwarded-for': ip } }))
    await fromIp()
    await fromIp()
    const byIp = await fromIp()
    expect(byIp.status).toBe(429)
    expect(await byIp.json()).toMatchObject({ status: 'throttle exceeded' })
  })

  it('limit cron callers by address, wrong secrets included', async () => {
    const ip = address()
    const call = () => cron(request('/api/cron/nope', { headers: { authorization: 'Bearer wrong-secret-wrong-secret', 'x-forwarded-for': ip } }), routeParams({ job: 'nope' }))
    expect((await call()).status).toBe(401)
    expect((await call()).status).toBe(401)
    expect((await call()).status).toBe(429)
  })

  it('leave people in the cockpit alone (session callers of session-or-apikey routes)', async () => {
    signInAs(await createUser('ops'))
    try {
      const ip = address()
      for (let i = 0; i < 4; i++) {
        expect((await incidents(request('/api/incidents', { headers: { 'x-forwarded-for': ip } }))).status).toBe(200)
      }
    } finally {
      signOut()
    }
  })
})
