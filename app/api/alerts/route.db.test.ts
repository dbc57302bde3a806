/** POST /api/alerts: the own alert API over its route handler, including every kind of bad input. */
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { createApiKey, request, uid } from '@/test/factories'
import { POST } from './route'

let key: string
const seedAlert = { severity: 'critical', system: 'sla_monitoring', message: 'Response time SLA violated', timestamp: '2025-11-04T11:10:29Z' }

beforeAll(async () => {
  key = (await createApiKey(['alerts:write'])).key
})

const post = (body: unknown, headers: Record<string, string> = {}) =>
  POST(request('/api/alerts', { method: 'POST', body, headers: { authorization: `Bearer ${key}`, ...headers } }))

describe('POST /api/alerts', () => {
  it('declares API-key access with scope alerts:write', () => {
    expect(POST.meta).toEqual({ route: '/api/alerts', access: { kind: 'apikey', scope: 'alerts:write' } })
  })

  it('answers 202 with alertId, incidentId and deduplicated; a duplicate joins the incident', async () => {
    const dedupKey = uid('sla')
    const first = await post({ ...seedAlert, dedupKey, service: 'unknown-service', details: { p99: 2034 } })
    expect(first.status).toBe(202)
    const a = (await first.json()) as { alertId: string; incidentId: string; deduplicated: boolean }
    expect(Object.keys(a).sort()).toEqual(['alertId', 'deduplicated', 'incidentId'])
    expect(a.deduplicated).toBe(false)
    const second = await post({ ...seedAlert, dedupKey })
    expect(await second.json()).toMatchObject({ incidentId: a.incidentId, deduplicated: true })
    const incident = await db.incident.findUniqueOrThrow({ where: { id: a.incidentId }, include: { alerts: true } })
    // A service not in the catalogue: the incident lands on the default service; the alert keeps the name.
    const unassigned = await db.service.findUniqueOrThrow({ where: { key: 'unassigned' } })
    expect(incident).toMatchObject({ severity: 'critical', serviceId: unassigned.id, alertCount: 2 })
    expect(incident.alerts.find((x) => x.id === a.alertId)).toMatchObject({ source: 'api', serviceKey: 'unknown-service', details: { p99: 2034 } })
    expect(incident.alerts[0]!.occurredAt.toISOString()).toBe('2025-11-04T11:10:29.000Z')
  })

  it('audits each request once, with the key as actor and the request id', async () => {
    const res = await post({ ...seedAlert, dedupKey: uid('audit') }, { 'x-request-id': uid('req') })
    const requestId = res.headers.get('x-request-id')!
    const rows = await db.auditLog.findMany({ where: { requestId } })
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ action: 'alert.ingest', actorType: 'apikey', count: 1 })
  })

  it.each([
    ['malformed JSON', { raw: '{"severity":', headers: { 'content-type': 'application/json' } }, 400, null],
    ['wrong media type', { raw: 'severity=high', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, null],
    ['unknown severity', { body: { ...seedAlert, severity: 'urgent' } }, 422, 'severity'],
    ['missing message', { body: { ...seedAlert, message: undefined } }, 422, 'message'],
    ['bad timestamp', { body: { ...seedAlert, timestamp: '04/11/2025' } }, 422, 'timestamp'],
    ['details not an object', { body: { ...seedAlert, details: 'x' } }, 422, 'details'],
    ['body is an array', { body: [seedAlert] }, 422, null],
  ] as const)('%s → %i naming the field', async (_name, init, status, field) => {
    const res = await POST(
      request('/api/alerts', { method: 'POST', ...init, headers: { authorization: `Bearer ${key}`, ...('headers' in init ? init.headers : {}) } }),
    )
    expect(res.status).toBe(status)
    const body = (await res.json()) as { error: { code: string; message: string; fields?: Record<string, string[]> } }
    expect(body.error.message).toBeTruthy()
    if (field) {
      expect(body.error.fields).toHaveProperty(field)
      expect(body.error.message).toContain(field)
    }
  })

  it('answers 413 for a body over the limit', async () => {
    const res = await post({ ...seedAlert, details: { blob: 'x'.repeat(1024 * 1024 + 10) } })
    expect(res.status).toBe(413)
  })

  it('answers 401 without a key and 403 for a key without the scope', async () => {
    expect((await POST(request('/api/alerts', { method: 'POST', body: seedAlert }))).status).toBe(401)
    const other = (await createApiKey(['sli:write'])).key
    expect((await post(seedAlert, { authorization: `Bearer ${other}` })).status).toBe(403)
  })
})
