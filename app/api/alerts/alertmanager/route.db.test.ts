/** The Alertmanager webhook with real payloads captured from Alertmanager 0.25 (test/fixtures). */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { createApiKey, request, uid } from '@/test/factories'
import { POST } from './route'

type Payload = { groupKey: string; alerts: { labels: Record<string, string>; fingerprint: string; status: string }[]; commonLabels: Record<string, string> }
const fixture = (name: string): Payload =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../../test/fixtures', name), 'utf8')) as Payload

let key: string
beforeAll(async () => {
  key = (await createApiKey(['alerts:write'])).key
})

/** The fixture, made unique to this test (own group, fingerprints, service) so tests sharing the database do not meet. */
function unique(payload: Payload, tag: string, service: string): Payload {
  return {
    ...payload,
    groupKey: `${payload.groupKey}:${tag}`,
    commonLabels: { ...payload.commonLabels, service },
    alerts: payload.alerts.map((a) => ({ ...a, fingerprint: `${a.fingerprint}-${tag}`, labels: { ...a.labels, service } })),
  }
}

const send = (body: unknown) => POST(request('/api/alerts/alertmanager', { method: 'POST', body, headers: { authorization: `Bearer ${key}` } }))

async function serviceWith(autoResolve: boolean) {
  return db.service.create({ data: { key: uid('ai-engine'), name: 'AI engine', workflows: ['diagnosis', 'emergency_triage'], autoResolve } })
}

describe('POST /api/alerts/alertmanager', () => {
  it('declares API-key access with scope alerts:write', () => {
    expect(POST.meta.access).toEqual({ kind: 'apikey', scope: 'alerts:write' })
  })

  it('opens one incident for the firing group and auto-resolves it when the group resolves', async () => {
    const tag = uid('g')
    const svc = await serviceWith(true)
    const firing = unique(fixture('alertmanager-v4-firing.json'), tag, svc.key)
    const res = await send(firing)
    expect(res.status).toBe(202)
    const out = (await res.json()) as { incidentId: string; firing: number }
    expect(out).toMatchObject({ firing: 2, resolved: 0, incidentResolved: false })
    const incident = await db.incident.findUniqueOrThrow({ where: { id: out.incidentId }, include: { alerts: true, events: true } })
    expect(incident).toMatchObject({
      title: 'p95 triage response time above 2s',
      severity: 'critical',
      status: 'triggered',
      serviceId: svc.id,
      alertCount: 2,
      openAlertCount: 2,
    })
    expect(incident.workflows).toEqual(['diagnosis', 'emergency_triage'])
    expect(incident.alerts.map((a) => a.fingerprint).sort()).toEqual(firing.alerts.map((a) => a.fingerprint).sort())
    expect(incident.alerts.every((a) => a.source === 'alertmanager' && a.severity === 'critical' && a.system === 'TriageLatencyHigh')).toBe(true)
    // One audit row for the notification, counting its alerts.
    expect(await db.auditLog.findFirst({ where: { action: 'alert.ingest', targetId: incident.id } })).toMatchObject({ count: 2 })

    // Alertmanager re-sends the group (repeat_interval): joins, no second incident.
    const again = (await (await send(firing)).json()) as { incidentId: string }
    expect(again.incidentId).toBe(incident.id)

    const resolved = unique(fixture('alertmanager-v4-resolved.json'), tag, svc.key)
    const done = (await (await send(resolved)).json()) as Record<string, unknown>
    expect(done).toMatchObject({ incidentId: incident.id, resolved: 4, incidentResolved: true })
    const after = await db.incident.findUniqueOrThrow({ where: { id: incident.id }, include: { events: { orderBy: { id: 'asc' } } } })
    expect(after).toMatchObject({ status: 'resolved', openAlertCount: 0 })
    expect(after.events.map((e) => e.type)).toEqual(expect.arrayContaining(['alert', 'alert_resolved', 'status']))
    expect(after.events.at(-1)!.data).toMatchObject({ to: 'resolved', auto: true })
  })

  it('resolves only its part when one alert of the group resolves', async () => {
    const tag = uid('g')
    const svc = await serviceWith(true)
    const firing = unique(fixture('alertmanager-v4-firing.json'), tag, svc.key)
    const { incidentId } = (await (await send(firing)).json()) as { incidentId: string }
    const resolved = unique(fixture('alertmanager-v4-resolved.json'), tag, svc.key)
    const partial = { ...resolved, alerts: resolved.alerts.slice(0, 1) }
    const out = await (await send(partial)).json()
    expect(out).toMatchObject({ incidentId, resolved: 1, incidentResolved: false })
    expect(await db.incident.findUniqueOrThrow({ where: { id: incidentId } })).toMatchObject({ status: 'triggered', openAlertCount: 1 })
  })

  it('keeps the incident open when the service does not auto-resolve', async () => {
    const tag = uid('g')
    const svc = await serviceWith(false)
    const { incidentId } = (await (await send(unique(fixture('alertmanager-v4-firing.json'), tag, svc.key))).json()) as { incidentId: string }
    const out = await (await send(unique(fixture('alertmanager-v4-resolved.json'), tag, svc.key))).json()
    expect(out).toMatchObject({ resolved: 2, incidentResolved: false })
    expect(await db.incident.findUniqueOrThrow({ where: { id: incidentId } })).toMatchObject({ status: 'triggered', openAlertCount: 0 })
  })

  it('opens a new incident when the group fires again after it resolved', async () => {
    const tag = uid('g')
    const firing = unique(fixture('alertmanager-v4-firing.json'), tag, uid('nosvc'))
    const first = (await (await send(firing)).json()) as { incidentId: string }
    await send(unique(fixture('alertmanager-v4-resolved.json'), tag, firing.commonLabels.service!))
    const second = (await (await send(firing)).json()) as { incidentId: string }
    expect(second.incidentId).not.toBe(first.incidentId)
  })

  it('ignores resolved alerts it never saw firing', async () => {
    const out = await (await send(unique(fixture('alertmanager-v4-resolved.json'), uid('g'), 'x'))).json()
    expect(out).toEqual({ incidentId: null, firing: 0, resolved: 0, ignored: 2, incidentResolved: false })
  })

  it.each([
    ['version 3', (p: Record<string, unknown>) => ({ ...p, version: '3' }), 'version'],
    ['no alerts', (p: Record<string, unknown>) => ({ ...p, alerts: [] }), 'alerts'],
    ['alert without labels', (p: Record<string, unknown>) => ({ ...p, alerts: [{ status: 'firing', startsAt: '2026-11-24T19:11:44Z' }] }), 'alerts.0.labels'],
    ['bad startsAt', (p: Record<string, unknown>) => ({ ...p, alerts: [{ ...(p.alerts as object[])[0], startsAt: 'soon' }] }), 'alerts.0.startsAt'],
  ])('refuses %s with 422 naming the field', async (_name, mutate, field) => {
    const res = await send(mutate(fixture('alertmanager-v4-firing.json') as unknown as Record<string, unknown>))
    expect(res.status).toBe(422)
    const body = (await res.json()) as { error: { fields: Record<string, string[]> } }
    expect(body.error.fields).toHaveProperty(field)
  })
})
