/** GET /api/slo/{key}: access, the definition with its hourly rollups, the range rules (400/422) and 404. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createApiKey, createUser, request, routeParams } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { createSlo, insertRollups, minutes } from '@/test/slo-factories'
import type { Slo } from '@/lib/generated/prisma/client'
import type { SloHistory } from '@/lib/slo/manage-reads'
import { GET } from './route'

const HOUR = 3_600_000
const DAY = 24 * HOUR
let readKey: string
let slo: Slo
// Whole hours, so the sums per hour are exact: two hours of 60 minutes, 99/100 then 90/100 each minute.
const h0 = new Date(Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR)

beforeAll(async () => {
  readKey = (await createApiKey(['read'])).key
  slo = await createSlo({ target: 0.99 })
  await insertRollups(slo.id, [...minutes(h0, new Date(h0.getTime() + HOUR), 99, 100), ...minutes(new Date(h0.getTime() + HOUR), new Date(h0.getTime() + 2 * HOUR), 90, 100)])
  // An old rollup, outside the default 7 days.
  await insertRollups(slo.id, [[new Date(h0.getTime() - 10 * DAY), 1, 1]])
})

afterEach(() => signOut())

const get = (key: string, query = '', headers: Record<string, string> = { authorization: `Bearer ${readKey}` }) =>
  GET(request(`/api/slo/${key}${query}`, { headers }), routeParams({ key }))

describe('GET /api/slo/{key}', () => {
  it('declares session-or-apikey access: slo:read or scope read', () => {
    expect(GET.meta).toEqual({ route: '/api/slo/[key]', access: { kind: 'session-or-apikey', permission: 'slo:read', scope: 'read' } })
  })

  it('answers the definition and the last 7 days of rollups summed per hour', async () => {
    const res = await get(slo.key)
    expect(res.status).toBe(200)
    const body = (await res.json()) as SloHistory
    expect(body.slo).toMatchObject({ key: slo.key, service: slo.service, target: 0.99, sliType: 'threshold', threshold: 2000, comparator: 'lte', pageEnabled: true, archivedAt: null })
    expect(new Date(body.to).getTime() - new Date(body.from).getTime()).toBe(7 * DAY)
    expect(body.hours).toEqual([
      { hour: h0.toISOString(), good: 5940, total: 6000, compliance: 0.99 },
      { hour: new Date(h0.getTime() + HOUR).toISOString(), good: 5400, total: 6000, compliance: 0.9 },
    ])
  })

  it('takes ?from=&to= (ISO), up to 90 days', async () => {
    const from = new Date(h0.getTime() - 11 * DAY).toISOString()
    const to = new Date(h0.getTime() + HOUR).toISOString()
    const body = (await (await get(slo.key, `?from=${from}&to=${to}`)).json()) as SloHistory
    expect(body.hours.map((h) => h.total)).toEqual([1, 6000])
  })

  it('400 for a time that is not ISO 8601, 422 for an empty or too long range, 404 for an unknown key', async () => {
    const bad = await get(slo.key, '?from=yesterday')
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { fields: Record<string, string[]> } }).error.fields.from).toBeDefined()
    expect((await get(slo.key, '?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z')).status).toBe(422)
    const long = await get(slo.key, '?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z')
    expect(long.status).toBe(422)
    expect(await long.json()).toMatchObject({ error: { code: 'invalid', fields: { from: ['Ask for at most 90 days at a time'] } } })
    const missing = await get('no_such_slo')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } })
  })

  it('401 without credentials, 403 for a key without scope read; a clinician session (slo:read) is answered', async () => {
    expect((await get(slo.key, '', {})).status).toBe(401)
    const writeKey = (await createApiKey(['sli:write'])).key
    expect((await get(slo.key, '', { authorization: `Bearer ${writeKey}` })).status).toBe(403)
    signInAs(await createUser('clinician'))
    expect((await get(slo.key, '', {})).status).toBe(200)
  })
})
