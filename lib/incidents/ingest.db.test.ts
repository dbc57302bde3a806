/** Ingest against the database: open, dedup (also under concurrency), reopen, impact, hooks, audit, redaction. */
import { beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '@/lib/audit-verify'
import { db } from '@/lib/db'
import { systemActor, type Actor } from '@/lib/auth/actor'
import { containsPhi } from '@/lib/phi/redact'
import { createApiKey, uid } from '@/test/factories'
import { resolveAlertsByKey } from './alert-lifecycle'
import { resolveIncident } from './commands'
import { ingestAlert } from './ingest'
import type { NormalizedAlert } from './schema'

let actor: Actor
let channelId: string

beforeAll(async () => {
  const key = await createApiKey(['alerts:write'])
  actor = { type: 'apikey', id: key.id, label: `key:${uid('ingest')}`, scopes: ['alerts:write'], environment: 'production' }
  // A channel of our own, so outbox rows for our incidents can be told apart from other tests' channels.
  channelId = (await db.notificationChannel.create({ data: { name: uid('console'), type: 'console', minSeverity: 'info', config: {} } })).id
})

const alert = (over: Partial<NormalizedAlert> = {}): NormalizedAlert => ({
  source: 'api',
  severity: 'medium',
  system: 'sla_monitoring',
  message: 'Response time SLA violated',
  occurredAt: new Date('2025-11-04T11:10:29Z'),
  dedupKey: uid('key'),
  ...over,
})

async function policy(delays: Record<string, number>) {
  return db.escalationPolicy.create({
    data: { name: uid('policy'), severityDelays: delays, levels: [{ delayMinutes: 0, targets: [{ type: 'user', id: '00000000-0000-4000-8000-000000000000' }] }] },
  })
}

async function service(workflows: string[], over: { autoResolve?: boolean; escalationPolicyId?: string } = {}) {
  return db.service.create({ data: { key: uid('svc'), name: 'Test service', workflows, ...over } })
}

describe('ingestAlert', () => {
  it('opens an incident with its alert, timeline entry, notification rows and one audit row', async () => {
    const requestId = uid('req')
    const r = await ingestAlert(actor, alert({ severity: 'high' }), { requestId, ip: '10.0.0.1' })
    expect(r.deduplicated).toBe(false)
    const incident = await db.incident.findUniqueOrThrow({ where: { id: r.incidentId }, include: { alerts: true, events: true } })
    expect(incident).toMatchObject({ status: 'triggered', severity: 'high', alertCount: 1, openAlertCount: 1, title: 'Response time SLA violated' })
    expect(incident.alerts.map((a) => a.id)).toEqual([r.alertId])
    expect(incident.events.map((e) => e.type)).toEqual(['alert'])
    expect(incident.events[0]!.data).toMatchObject({ alertId: r.alertId, opened: true, source: 'api' })
    const audit = await db.auditLog.findMany({ where: { requestId } })
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'alert.ingest', targetId: r.incidentId, count: 1, actorType: 'apikey', ip: '10.0.0.1' })
    const outbox = await db.notificationOutbox.findMany({ where: { incidentId: r.incidentId, channelId } })
    expect(outbox.map((o) => o.kind)).toEqual(['trigger'])
  })

  it('joins the open incident for a duplicate, without notifying again', async () => {
    const a = alert()
    const first = await ingestAlert(actor, a)
    const second = await ingestAlert(actor, { ...a, message: 'Response time SLA violated', severity: 'critical' })
    expect(second).toMatchObject({ incidentId: first.incidentId, deduplicated: true })
    expect(second.alertId).not.toBe(first.alertId)
    const incident = await db.incident.findUniqueOrThrow({ where: { id: first.incidentId } })
    // A repeat does not change severity: a person's later severity decision must stand against repeats.
    expect(incident).toMatchObject({ alertCount: 2, openAlertCount: 2, severity: 'medium' })
    expect(await db.notificationOutbox.count({ where: { incidentId: first.incidentId, channelId } })).toBe(1)
    // Repeats within minutes do not flood the timeline; the alert rows keep every one.
    expect(await db.incidentEvent.count({ where: { incidentId: first.incidentId, type: 'alert' } })).toBe(1)
  })

  it('groups alerts without a key by service, system and message', async () => {
    const svc = await service(['diagnosis'])
    const a = alert({ dedupKey: undefined, serviceKey: svc.key, message: `Queue depth high ${uid()}` })
    const first = await ingestAlert(actor, a)
    const second = await ingestAlert(actor, { ...a, message: `  ${a.message.toUpperCase()} ` })
    expect(second.incidentId).toBe(first.incidentId)
    const other = await ingestAlert(actor, { ...a, system: 'other_system' })
    expect(other.incidentId).not.toBe(first.incidentId)
  })

  it('opens exactly one incident for 50 concurrent duplicates', async () => {
    // Ends in a letter: a key whose uid part is all digits would read as PHI and be stored hashed (dedup.ts safeKey).
    const key = `${uid('storm')}k`
    const results = await Promise.all(Array.from({ length: 50 }, () => ingestAlert(actor, alert({ dedupKey: key }))))
    const incidents = new Set(results.map((r) => r.incidentId))
    expect(incidents.size).toBe(1)
    expect(results.filter((r) => !r.deduplicated)).toHaveLength(1)
    expect(await db.incident.count({ where: { dedupKey: key } })).toBe(1)
    const incident = await db.incident.findFirstOrThrow({ where: { dedupKey: key } })
    expect(incident.alertCount).toBe(50)
    expect(await db.alert.count({ where: { incidentId: incident.id } })).toBe(50)
    // One audit row per request, chained: the batched writes keep the chain intact.
    expect(await db.auditLog.count({ where: { action: 'alert.ingest', targetId: incident.id } })).toBe(50)
    expect((await verifyAuditChain()).ok).toBe(true)
  })

  it('an alert storm of new keys opens one incident each, written together, numbered once each, with their services and windows', async () => {
    const p = await policy({ critical: 0, high: 5 })
    const quiet = await service(['diagnosis'], { escalationPolicyId: p.id })
    const loud = await service(['emergency_triage'], { escalationPolicyId: p.id })
    await db.maintenanceWindow.create({ data: { serviceId: quiet.id, startsAt: new Date(Date.now() - 60_000), endsAt: new Date(Date.now() + 3_600_000), reason: 'upgrade' } })
    const storm = `${uid('storm')}k`
    const inputs = Array.from({ length: 40 }, (_, i) =>
      alert({ dedupKey: `${storm}-${i % 30}x`, serviceKey: i % 3 === 0 ? quiet.key : loud.key, severity: 'high', fingerprint: `fp-${i}` }),
    )
    // Sent together, so that group commit writes them in batches that open several incidents at once.
    const results = await Promise.all(inputs.map((a) => ingestAlert(actor, a)))
    expect(results.filter((r) => !r.deduplicated)).toHaveLength(30)
    const incidents = await db.incident.findMany({ where: { dedupKey: { startsWith: storm } }, include: { events: true }, orderBy: { number: 'asc' } })
    expect(incidents).toHaveLength(30)
    // Keys 0–9 got a second alert with another fingerprint: it joined (and widened nothing new).
    expect(incidents.reduce((n, i) => n + i.alertCount, 0)).toBe(40)
    expect(await db.alert.count({ where: { dedupKey: { startsWith: storm } } })).toBe(40)
    for (const i of incidents) {
      const svc = i.serviceId === quiet.id ? 'quiet' : 'loud'
      if (svc === 'quiet') expect(i).toMatchObject({ muted: true, nextEscalationAt: null, workflows: ['diagnosis'] })
      // emergency triage raises high to critical, which pages at once
      else expect(i).toMatchObject({ muted: false, severity: 'critical', workflows: ['emergency_triage'], escalationPolicyId: p.id })
      expect(i.events.filter((e) => e.type === 'alert' && (e.data as { opened?: boolean }).opened)).toHaveLength(1)
      const outbox = await db.notificationOutbox.count({ where: { incidentId: i.id, channelId } })
      expect(outbox, `${svc} incident's trigger messages`).toBe(svc === 'quiet' ? 0 : 1)
    }
    // Every new incident has its own number. (Two batches in flight may interleave their inserts, so only
    // alerts that did not arrive together are numbered in arrival order: see the next test.)
    const opened = results.filter((r) => !r.deduplicated).map((r) => r.incidentId)
    const byId = new Map(incidents.map((i) => [i.id, i.number]))
    expect(new Set(opened.map((id) => byId.get(id)!)).size).toBe(30)
    const [first, second] = [await ingestAlert(actor, alert({ dedupKey: `${storm}-after-1` })), await ingestAlert(actor, alert({ dedupKey: `${storm}-after-2` }))]
    const [n1, n2] = await Promise.all([first, second].map(async (r) => (await db.incident.findUniqueOrThrow({ where: { id: r.incidentId } })).number))
    expect(n2).toBeGreaterThan(n1!)
    expect(n1).toBeGreaterThan(Math.max(...byId.values()))
    expect(await db.auditLog.count({ where: { action: 'alert.ingest', targetId: { in: incidents.map((i) => i.id) } } })).toBe(40)
    expect((await verifyAuditChain()).ok).toBe(true)
  })

  it('opens a new incident for a trigger after the incident resolved', async () => {
    const a = alert()
    const first = await ingestAlert(actor, a)
    await resolveIncident(systemActor('test'), first.incidentId, 'fixed')
    const again = await ingestAlert(actor, a)
    expect(again.deduplicated).toBe(false)
    expect(again.incidentId).not.toBe(first.incidentId)
    expect(await db.alert.findUniqueOrThrow({ where: { id: first.alertId } })).toMatchObject({ status: 'resolved' })
  })

  it('raises severity when emergency triage is affected, and times the first page from the policy', async () => {
    const p = await policy({ critical: 0, high: 5, medium: 15 })
    const svc = await service(['emergency_triage'], { escalationPolicyId: p.id })
    const before = Date.now()
    const medium = await ingestAlert(actor, alert({ serviceKey: svc.key, severity: 'medium' }))
    const high = await ingestAlert(actor, alert({ serviceKey: svc.key, severity: 'high' }))
    const m = await db.incident.findUniqueOrThrow({ where: { id: medium.incidentId }, include: { events: { orderBy: { id: 'asc' } } } })
    const h = await db.incident.findUniqueOrThrow({ where: { id: high.incidentId } })
    expect(m).toMatchObject({ severity: 'high', workflows: ['emergency_triage'], serviceId: svc.id, escalationPolicyId: p.id })
    expect(h.severity).toBe('critical')
    expect(m.events.map((e) => e.type)).toEqual(['alert', 'severity'])
    expect(m.events[1]!.data).toMatchObject({ from: 'medium', to: 'high' })
    // high pages after 5 minutes, critical at once
    expect(m.nextEscalationAt!.getTime() - before).toBeGreaterThanOrEqual(5 * 60_000 - 1000)
    expect(m.nextEscalationAt!.getTime() - before).toBeLessThan(5 * 60_000 + 5000)
    expect(Math.abs(h.nextEscalationAt!.getTime() - h.triggeredAt.getTime())).toBeLessThan(1000)
  })

  it('records but mutes incidents during a maintenance window: no notifications, no escalation', async () => {
    const p = await policy({ critical: 0 })
    const svc = await service(['diagnosis'], { escalationPolicyId: p.id })
    await db.maintenanceWindow.create({ data: { serviceId: svc.id, startsAt: new Date(Date.now() - 60_000), endsAt: new Date(Date.now() + 3_600_000), reason: 'upgrade' } })
    const r = await ingestAlert(actor, alert({ serviceKey: svc.key, severity: 'critical' }))
    const incident = await db.incident.findUniqueOrThrow({ where: { id: r.incidentId }, include: { events: true } })
    expect(incident).toMatchObject({ muted: true, nextEscalationAt: null })
    expect(incident.events.map((e) => e.type).sort()).toEqual(['alert', 'maintenance'])
    expect(await db.notificationOutbox.count({ where: { incidentId: r.incidentId } })).toBe(0)
  })

  it('stores no PHI from message or details', async () => {
    const r = await ingestAlert(
      actor,
      alert({
        message: 'Scoring failed for patient John Smith, MRN: 00482913, DOB 1985-03-12, phone 555-123-4567, SSN 123-45-6789, jane.doe@stmary.org',
        details: { mrn: '00482913', reason: 'pt id 99812345 missing vitals', contact: 'jane.doe@stmary.org' },
      }),
    )
    const stored = await db.alert.findUniqueOrThrow({ where: { id: r.alertId } })
    const incident = await db.incident.findUniqueOrThrow({ where: { id: r.incidentId }, include: { events: true } })
    const texts = [stored.message, incident.title, JSON.stringify(stored.details), JSON.stringify(incident.events.map((e) => e.data))]
    for (const text of texts) expect(text).not.toMatch(/00482913|John Smith|1985-03-12|555-123-4567|123-45-6789|jane\.doe|99812345/)
    // Free text only: ids (uuids) elsewhere in the JSON can look like long numbers to the detector.
    for (const text of [stored.message, incident.title, (stored.details as { reason: string }).reason]) expect(containsPhi(text)).toBe(false)
  })

  it('refuses invalid input with a 422', async () => {
    await expect(ingestAlert(actor, alert({ message: '' }))).rejects.toMatchObject({ status: 422 })
  })
})

describe('resolveAlertsByKey', () => {
  it('resolves the alerts of a key and auto-resolves the incident (probe recovery)', async () => {
    const key = `probe:${uid()}`
    const r = await ingestAlert(actor, alert({ dedupKey: key, source: 'probe' }))
    const out = await resolveAlertsByKey(actor, key, new Date(), { source: 'probe' })
    expect(out).toEqual({ incidentId: r.incidentId, resolvedAlerts: 1, incidentResolved: true })
    const incident = await db.incident.findUniqueOrThrow({ where: { id: r.incidentId }, include: { events: { orderBy: { id: 'asc' } } } })
    expect(incident).toMatchObject({ status: 'resolved', openAlertCount: 0 })
    expect(incident.events.map((e) => e.type)).toEqual(['alert', 'alert_resolved', 'status'])
    expect(incident.events[2]!.data).toMatchObject({ to: 'resolved', auto: true })
    expect(await db.notificationOutbox.count({ where: { incidentId: r.incidentId, channelId, kind: 'resolve' } })).toBe(1)
    expect(await db.auditLog.count({ where: { targetId: r.incidentId, action: { in: ['alert.resolve', 'incident.resolve'] } } })).toBe(2)
  })

  it('leaves the incident open when its service does not auto-resolve', async () => {
    const svc = await service(['diagnosis'], { autoResolve: false })
    const key = uid('manual')
    const r = await ingestAlert(actor, alert({ dedupKey: key, serviceKey: svc.key }))
    const out = await resolveAlertsByKey(actor, key)
    expect(out).toMatchObject({ resolvedAlerts: 1, incidentResolved: false })
    expect(await db.incident.findUniqueOrThrow({ where: { id: r.incidentId } })).toMatchObject({ status: 'triggered', openAlertCount: 0 })
  })

  it('does nothing, and audits nothing, for a key without an open incident', async () => {
    const key = uid('nothing')
    expect(await resolveAlertsByKey(actor, key)).toEqual({ incidentId: null, resolvedAlerts: 0, incidentResolved: false })
  })
})
