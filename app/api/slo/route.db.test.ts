/** GET /api/slo: access (session with slo:read or key with scope read) and the exact shape the issue names. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createApiKey, createUser, request } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { createSlo, insertRollups, minutes } from '@/test/slo-factories'
import type { Slo } from '@/lib/generated/prisma/client'
import type { SloSummary } from '@/lib/slo/types'
import { GET } from './route'

const MIN = 60_000
let readKey: string
let writeKey: string
let slo: Slo

beforeAll(async () => {
  readKey = (await createApiKey(['read'])).key
  writeKey = (await createApiKey(['sli:write'])).key
  slo = await createSlo({ target: 0.99, workflow: 'emergency_triage' })
  const now = Date.now()
  await insertRollups(slo.id, minutes(new Date(now - 2 * 3_600_000), new Date(now + MIN), 99, 100))
})

afterEach(() => signOut())

const get = (headers: Record<string, string> = {}) => GET(request('/api/slo', { headers }))

describe('GET /api/slo', () => {
  it('declares session-or-apikey access: slo:read or scope read', () => {
    expect(GET.meta).toEqual({ route: '/api/slo', access: { kind: 'session-or-apikey', permission: 'slo:read', scope: 'read' } })
  })

  it('answers {"slos":[…]} with the fields of the issue for an API key with scope read', async () => {
    const res = await get({ authorization: `Bearer ${readKey}` })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { slos: SloSummary[] }
    expect(Object.keys(body)).toEqual(['slos'])
    const s = body.slos.find((x) => x.key === slo.key)!
    for (const field of ['key', 'service', 'target', 'window', 'compliance', 'budgetRemaining', 'burnRates', 'status', 'alerts']) expect(s).toHaveProperty(field)
    expect(Object.keys(s.burnRates)).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d'])
    expect(s).toMatchObject({ service: slo.service, workflow: 'emergency_triage', target: 0.99, window: '30d', status: 'at_risk', alerts: [] })
    expect(s.compliance).toBeCloseTo(0.99, 9)
    expect(s.budgetRemaining).toBeCloseTo(0, 9)
    expect(s.burnRates['1h']).toBeCloseTo(1, 9)
    expect(['ok', 'at_risk', 'breached']).toContain(s.status)
  })

  it('answers a signed-in executive and a clinician (their workflows\' SLOs, read-only)', async () => {
    signInAs(await createUser('executive'))
    expect((await get()).status).toBe(200)
    signInAs(await createUser('clinician'))
    expect((await get()).status).toBe(200)
  })

  it('refuses the anonymous and keys without scope read', async () => {
    expect((await get()).status).toBe(401)
    expect((await get({ authorization: `Bearer ${writeKey}` })).status).toBe(403)
  })
})
