/** PagerDuty Events API v2: trigger → acknowledge → resolve by dedup_key, PagerDuty's own answers and errors. */
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { createApiKey, request, uid } from '@/test/factories'
import { POST } from './route'

let routingKey: string
beforeAll(async () => {
  routingKey = (await createApiKey(['alerts:write'])).key
})

const send = (body: unknown, init: { raw?: string; headers?: Record<string, string> } = {}) =>
  POST(request('/api/alerts/events/v2', { method: 'POST', ...(init.raw !== undefined ? { raw: init.raw } : { body }), headers: { 'content-type': 'application/json', ...init.headers } }))

const trigger = (dedup_key?: string, over: Record<string, unknown> = {}) => ({
  routing_key: routingKey,
  event_action: 'trigger',
  ...(dedup_key ? { dedup_key } : {}),
  payload: {
    summary: 'DB connection pool exhausted on ehr-bridge',
    source: 'ehr-bridge-db-1',
    severity: 'error',
    timestamp: '2026-11-24T19:11:44.000+00:00',
    component: 'postgres',
    group: 'ehr',
    class: 'saturation',
    custom_details: { pool: '100/100', caller: 'patient MRN 00482913 lookup' },
  },
  links: [{ href: 'https://runbooks.example/db-pool', text: 'Runbook' }],
  images: [{ src: 'https://grafana.example/render/pool.png', alt: 'pool' }],
  ...over,
})

describe('POST /api/alerts/events/v2', () => {
  it('is public (listed in the RBAC test) because it authenticates by the body routing_key', () => {
    expect(POST.meta).toEqual({ route: '/api/alerts/events/v2', access: { kind: 'public' } })
  })

  it('triggers, acknowledges and resolves by dedup_key, answering like PagerDuty', async () => {
    // Ends in a letter: a key whose uid part is all digits would read as PHI and be stored hashed (dedup.ts safeKey).
    const dedupKey = `${uid('pd')}k`
    const t = await send(trigger(dedupKey))
    expect(t.status).toBe(202)
    expect(await t.json()).toEqual({ status: 'success', message: 'Event processed', dedup_key: dedupKey })
    const incident = await db.incident.findFirstOrThrow({ where: { dedupKey }, include: { alerts: true } })
    expect(incident).toMatchObject({ status: 'triggered', severity: 'high', title: 'DB connection pool exhausted on ehr-bridge' })
    expect(incident.alerts[0]).toMatchObject({ source: 'pagerduty', system: 'ehr-bridge-db-1', fingerprint: dedupKey })
    expect(JSON.stringify(incident.alerts[0]!.details)).not.toContain('00482913')
    expect(incident.alerts[0]!.details).toMatchObject({ component: 'postgres', class: 'saturation', links: [{ text: 'Runbook' }] })

    const dup = await (await send(trigger(dedupKey))).json()
    expect(dup).toMatchObject({ dedup_key: dedupKey })
    // A key that looks like PHI is stored hashed, yet the sender's own key is answered and keeps working.
    const phiKey = `MRN 00482913 ${uid()}`
    expect(await (await send(trigger(phiKey))).json()).toMatchObject({ dedup_key: phiKey })
    expect(await db.incident.count({ where: { dedupKey: phiKey } })).toBe(0)
    expect((await send({ routing_key: routingKey, event_action: 'resolve', dedup_key: phiKey })).status).toBe(202)
    expect(await db.incident.count({ where: { dedupKey } })).toBe(1)

    const ack = await send({ routing_key: routingKey, event_action: 'acknowledge', dedup_key: dedupKey })
    expect(ack.status).toBe(202)
    expect(await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).toMatchObject({ status: 'acknowledged', nextEscalationAt: null })
    // A repeated acknowledge is accepted and changes nothing.
    expect((await send({ routing_key: routingKey, event_action: 'acknowledge', dedup_key: dedupKey })).status).toBe(202)

    const res = await send({ routing_key: routingKey, event_action: 'resolve', dedup_key: dedupKey })
    expect(await res.json()).toEqual({ status: 'success', message: 'Event processed', dedup_key: dedupKey })
    const done = await db.incident.findUniqueOrThrow({ where: { id: incident.id }, include: { events: { orderBy: { id: 'asc' } } } })
    expect(done).toMatchObject({ status: 'resolved', openAlertCount: 0 })
    expect(done.events.filter((e) => e.type === 'status').map((e) => (e.data as { to: string }).to)).toEqual(['acknowledged', 'resolved'])
    const audit = await db.auditLog.findMany({ where: { targetId: incident.id }, orderBy: { id: 'asc' } })
    // One row per request (trigger, trigger, ack, ack, resolve) plus one per state change (acknowledge, resolve).
    expect(audit.map((a) => a.action)).toEqual([
      'alert.ingest',
      'alert.ingest',
      'incident.acknowledge',
      'alert.ingest',
      'alert.ingest',
      'incident.resolve',
      'alert.resolve',
    ])

    // A trigger after the resolve opens a new incident with the same key.
    await send(trigger(dedupKey))
    expect(await db.incident.count({ where: { dedupKey } })).toBe(2)
  })

  it('matches a known service by component, group or source, and answers the generated key without dedup_key', async () => {
    const svc = await db.service.create({ data: { key: uid('ehr'), name: 'EHR bridge', workflows: ['medication_review'] } })
    const res = await send(trigger(undefined, { payload: { summary: `Sync lag ${uid()}`, source: 'somewhere', severity: 'warning', group: svc.key } }))
    expect(res.status).toBe(202)
    const body = (await res.json()) as { dedup_key: string }
    expect(body.dedup_key).toMatch(/^h:[0-9a-f]{64}$/)
    expect(await db.incident.findFirstOrThrow({ where: { dedupKey: body.dedup_key } })).toMatchObject({ serviceId: svc.id, severity: 'medium' })
  })

  it.each([
    ['missing routing_key', { event_action: 'trigger' }, "'routing_key' is missing or blank"],
    ['bad event_action', { event_action: 'snooze', dedup_key: 'x' }, 'event_action'],
    ['resolve without dedup_key', { event_action: 'resolve' }, 'dedup_key'],
    ['trigger without payload', { event_action: 'trigger' }, 'payload'],
    ['bad severity', { event_action: 'trigger', payload: { summary: 's', source: 'x', severity: 'high' } }, 'payload.severity'],
    ['missing summary', { event_action: 'trigger', payload: { source: 'x', severity: 'info' } }, 'payload.summary'],
  ])('%s → 400 invalid event naming the field', async (name, body, field) => {
    const res = await send(name === 'missing routing_key' ? body : { routing_key: routingKey, ...body })
    expect(res.status).toBe(400)
    const json = (await res.json()) as { status: string; message: string; errors: string[] }
    expect(json).toMatchObject({ status: 'invalid event', message: 'Event object is invalid' })
    expect(json.errors.join(' ')).toContain(field)
  })

  it('answers malformed JSON with 400, a wrong media type with 415 and a huge body with 413, in its shape', async () => {
    const bad = await send(undefined, { raw: '{"routing_key":' })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ status: 'invalid event' })
    const form = await send(undefined, { raw: 'a=b', headers: { 'content-type': 'text/plain' } })
    expect(form.status).toBe(415)
    expect(await form.json()).toMatchObject({ status: 'invalid event', errors: [expect.stringContaining('Content-Type')] })
    const huge = await send(trigger('x', { payload: { summary: 'x'.repeat(1024 * 1024 + 1), source: 's', severity: 'info' } }))
    expect(huge.status).toBe(413)
  })

  it('answers 401 for an unknown routing key and 403 for a key without alerts:write', async () => {
    const unknown = await send({ ...trigger('x'), routing_key: 'wr_notavalidkeyatall' })
    expect(unknown.status).toBe(401)
    expect(await unknown.json()).toMatchObject({ status: 'unauthorized' })
    const other = (await createApiKey(['sli:write'])).key
    const forbidden = await send({ ...trigger('x'), routing_key: other })
    expect(forbidden.status).toBe(403)
    expect(await forbidden.json()).toMatchObject({ status: 'forbidden' })
  })
})
