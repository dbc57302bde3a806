import { beforeEach, describe, expect, it, vi } from 'vitest'
import { db } from '@/lib/db'
import type { Severity } from '@/lib/generated/prisma/enums'
import { createUser, uid } from '@/test/factories'
import { incidentEscalation } from '@/lib/jobs/incident-escalation'
import { logger } from '@/lib/logger'
import { subscribeIncidentChanges } from '@/lib/live'
import { firstEscalationAt } from '@/lib/oncall/escalation-policy'
import { onCallNow } from '@/lib/oncall/schedules'
import { describeEvent } from '@/components/incidents/timeline-text'
import { runEscalations } from './escalation'
import { isPagingChannel } from './paging'

// Observe the notification hook without touching the shared channel table (other tests count its rows).
const enqueued = vi.hoisted(() => [] as { incidentId: string; kind: string; level: number | undefined }[])
vi.mock('@/lib/notifications/outbox', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/notifications/outbox')>()
  return {
    ...real,
    enqueueIncidentNotifications: async (...args: Parameters<typeof real.enqueueIncidentNotifications>) => {
      enqueued.push({ incidentId: args[1].id, kind: args[2], level: args[3]?.level })
      return real.enqueueIncidentNotifications(...args)
    },
  }
})

const MIN = 60_000
let T: Date
const at = (minutes: number) => new Date(T.getTime() + minutes * MIN)

beforeEach(() => {
  // Near the real clock: runEscalations sees every due incident in the shared database, so tests must not
  // run it far in the future (that would escalate other tests' incidents early).
  T = new Date()
  enqueued.length = 0
})

async function policyWith(levels: unknown, severityDelays: Record<string, number> = { critical: 0, high: 5, medium: 15 }) {
  return db.escalationPolicy.create({ data: { name: uid('policy'), levels: levels as object, severityDelays } })
}

async function openIncident(opts: { policyId: string | null; serviceId?: string; severity?: Severity; muted?: boolean; triggeredAt?: Date }) {
  const severity = opts.severity ?? 'high'
  const triggeredAt = opts.triggeredAt ?? T
  const policy = opts.policyId ? await db.escalationPolicy.findUnique({ where: { id: opts.policyId } }) : null
  return db.incident.create({
    data: {
      title: 'Response time SLA violated',
      severity,
      dedupKey: uid('dedup'),
      escalationPolicyId: opts.policyId,
      serviceId: opts.serviceId ?? null,
      triggeredAt,
      muted: opts.muted ?? false,
      nextEscalationAt: opts.muted ? null : firstEscalationAt(policy, severity, triggeredAt),
    },
  })
}

const eventsOf = (incidentId: string) => db.incidentEvent.findMany({ where: { incidentId, type: 'escalation' }, orderBy: { id: 'asc' } })

describe('runEscalations', () => {
  it('escalates after the policy delay, level by level, then notes exhaustion', async () => {
    const [first, second] = [await createUser('ops', { name: 'First Responder' }), await createUser('ops', { name: 'Second Line' })]
    const policy = await policyWith([
      { delayMinutes: 0, targets: [{ type: 'user', id: first.id }] },
      { delayMinutes: 10, targets: [{ type: 'user', id: second.id }] },
    ])
    const incident = await openIncident({ policyId: policy.id, severity: 'high' })
    expect(incident.nextEscalationAt).toEqual(at(5))

    await runEscalations(at(4))
    expect(await eventsOf(incident.id)).toHaveLength(0)

    const published: string[] = []
    const unsubscribe = subscribeIncidentChanges((c) => published.push(c.id))
    await runEscalations(at(5))
    unsubscribe()
    expect(published).toContain(incident.id)
    let row = await db.incident.findUniqueOrThrow({ where: { id: incident.id } })
    expect(row).toMatchObject({ escalationLevel: 1, nextEscalationAt: at(15) })
    let events = await eventsOf(incident.id)
    expect(events).toHaveLength(1)
    expect(events[0]?.data).toMatchObject({ level: 1, policy: policy.name, targets: [{ type: 'user', name: 'First Responder', user: 'First Responder' }] })
    expect(JSON.stringify(events[0]?.data)).not.toContain('SLA violated')
    expect(enqueued).toContainEqual({ incidentId: incident.id, kind: 'escalate', level: 1 })

    // Running again in the same minute pages nobody twice.
    await runEscalations(at(5))
    expect(await eventsOf(incident.id)).toHaveLength(1)

    await runEscalations(at(15))
    row = await db.incident.findUniqueOrThrow({ where: { id: incident.id } })
    expect(row).toMatchObject({ escalationLevel: 2, nextEscalationAt: null })
    events = await eventsOf(incident.id)
    expect(events[1]?.data).toMatchObject({ level: 2, exhausted: true, targets: [{ name: 'Second Line' }] })

    const audits = await db.auditLog.findMany({ where: { action: 'incident.escalate', targetId: incident.id }, orderBy: { id: 'asc' } })
    expect(audits.map((a) => a.summary)).toEqual([
      { level: 1, targets: 1, paged: 1, exhausted: false },
      { level: 2, targets: 1, paged: 1, exhausted: true },
    ])
    expect(audits[0]?.actorType).toBe('system')
  })

  it('names the channels the notice went to and whether any of them pages a person', async () => {
    // Critical only and removed afterwards, so other tests' incidents and counts are not touched.
    const console_ = await db.notificationChannel.create({ data: { name: uid('Ops console'), type: 'console', minSeverity: 'critical', config: {} } })
    const off = await db.notificationChannel.create({ data: { name: uid('Old Slack'), type: 'slack', minSeverity: 'critical', enabled: false, config: {} } })
    try {
      const user = await createUser('ops', { name: 'Priya Raman' })
      const policy = await policyWith([{ delayMinutes: 0, targets: [{ type: 'user', id: user.id }] }])
      const incident = await openIncident({ policyId: policy.id, severity: 'critical' })
      await runEscalations(at(0))
      const [event] = await eventsOf(incident.id)
      const data = event!.data as { channels: { name: string; type: string }[]; paging: boolean }
      expect(data.channels).toContainEqual({ name: console_.name, type: 'console' })
      expect(data.channels.map((c) => c.name)).not.toContain(off.name)
      // Whatever else is enabled in the shared database: "paging" says whether one of them leaves the server.
      expect(data.paging).toBe(data.channels.some((c) => isPagingChannel(c.type)))
      const text = describeEvent('escalation', event!.data as Record<string, unknown>)
      expect(text.detail).toMatch(new RegExp(`^Notified Priya Raman via .*${console_.name}`))
      expect(text.detail).not.toMatch(/Paged/)
    } finally {
      await db.notificationChannel.deleteMany({ where: { id: { in: [console_.id, off.id] } } })
    }
  })

  it('stops at acknowledge and at resolve', async () => {
    const user = await createUser('ops')
    const policy = await policyWith([{ delayMinutes: 0, targets: [{ type: 'user', id: user.id }] }])
    const acked = await openIncident({ policyId: policy.id, severity: 'critical' })
    const resolved = await openIncident({ policyId: policy.id, severity: 'critical' })
    // nextEscalationAt deliberately left set: the status alone must stop the job.
    await db.incident.update({ where: { id: acked.id }, data: { status: 'acknowledged', acknowledgedAt: T } })
    await db.incident.update({ where: { id: resolved.id }, data: { status: 'resolved', resolvedAt: T } })
    await runEscalations(at(1))
    expect(await eventsOf(acked.id)).toHaveLength(0)
    expect(await eventsOf(resolved.id)).toHaveLength(0)
    expect(enqueued.filter((e) => e.incidentId === acked.id || e.incidentId === resolved.id)).toEqual([])
  })

  it('lets an acknowledgement that holds the row lock win', async () => {
    const user = await createUser('ops')
    const policy = await policyWith([{ delayMinutes: 0, targets: [{ type: 'user', id: user.id }] }])
    const incident = await openIncident({ policyId: policy.id, severity: 'critical' })
    let job: Promise<{ escalated: number }> | undefined
    await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Incident" WHERE id = ${incident.id}::uuid FOR UPDATE`
      job = runEscalations(at(1))
      await new Promise((r) => setTimeout(r, 150))
      await tx.incident.update({ where: { id: incident.id }, data: { status: 'acknowledged', acknowledgedAt: T, nextEscalationAt: null } })
    })
    await job
    expect(await eventsOf(incident.id)).toHaveLength(0)
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).escalationLevel).toBe(0)
  })

  it('pages whoever the schedule has on call at that moment', async () => {
    const [ann, bob] = [await createUser('ops', { name: 'Ann Oncall' }), await createUser('ops', { name: 'Bob Oncall' })]
    const schedule = await db.schedule.create({
      data: { name: uid('sched'), timezone: 'Europe/Berlin', rotation: 'daily', handoffTime: '09:00', startDate: '2026-01-01', participantIds: [ann.id, bob.id] },
    })
    const policy = await policyWith([{ delayMinutes: 0, targets: [{ type: 'schedule', id: schedule.id }] }])
    const incident = await openIncident({ policyId: policy.id, severity: 'critical' })
    const expected = await onCallNow(schedule.id, at(1))
    expect(expected).not.toBeNull()
    await runEscalations(at(1))
    const [event] = await eventsOf(incident.id)
    const name = expected?.userId === ann.id ? 'Ann Oncall' : 'Bob Oncall'
    expect(event?.data).toMatchObject({ level: 1, exhausted: true, targets: [{ type: 'schedule', name: schedule.name, user: name }] })
  })

  it('an override on the schedule is who gets paged', async () => {
    const [ann, cover] = [await createUser('ops', { name: 'Ann Regular' }), await createUser('ops', { name: 'Cover Person' })]
    const schedule = await db.schedule.create({
      data: { name: uid('sched'), timezone: 'America/New_York', rotation: 'weekly', handoffTime: '09:00', startDate: '2026-01-05', participantIds: [ann.id] },
    })
    await db.scheduleOverride.create({ data: { scheduleId: schedule.id, userId: cover.id, startsAt: at(-60), endsAt: at(60) } })
    const policy = await policyWith([{ delayMinutes: 0, targets: [{ type: 'schedule', id: schedule.id }] }])
    const incident = await openIncident({ policyId: policy.id, severity: 'critical' })
    await runEscalations(at(1))
    expect((await eventsOf(incident.id))[0]?.data).toMatchObject({ targets: [{ user: 'Cover Person' }] })
  })

  it('does not escalate muted incidents, nor incidents of a service in maintenance until the window ends', async () => {
    const user = await createUser('ops')
    const policy = await policyWith([{ delayMinutes: 0, targets: [{ type: 'user', id: user.id }] }])
    const muted = await openIncident({ policyId: policy.id, severity: 'critical', muted: true })
    await db.incident.update({ where: { id: muted.id }, data: { nextEscalationAt: T } })
    const service = await db.service.create({ data: { key: uid('svc'), name: uid('Service') } })
    const held = await openIncident({ policyId: policy.id, serviceId: service.id, severity: 'critical' })
    await db.maintenanceWindow.create({ data: { serviceId: service.id, startsAt: at(-10), endsAt: at(2) } })

    await runEscalations(at(1))
    expect(await eventsOf(muted.id)).toHaveLength(0)
    expect(await eventsOf(held.id)).toHaveLength(0)

    await runEscalations(at(2))
    expect(await eventsOf(muted.id)).toHaveLength(0)
    expect(await eventsOf(held.id)).toHaveLength(1)
  })

  it('uses the service’s policy when the incident has none, and pages zero-delay levels in the same run', async () => {
    const [a, b] = [await createUser('ops'), await createUser('ops')]
    const policy = await policyWith([
      { delayMinutes: 0, targets: [{ type: 'user', id: a.id }] },
      { delayMinutes: 0, targets: [{ type: 'user', id: b.id }] },
    ])
    const service = await db.service.create({ data: { key: uid('svc'), name: uid('Service'), escalationPolicyId: policy.id } })
    const incident = await openIncident({ policyId: null, serviceId: service.id, severity: 'critical' })
    await db.incident.update({ where: { id: incident.id }, data: { nextEscalationAt: T } })
    await runEscalations(at(0))
    expect((await eventsOf(incident.id)).map((e) => (e.data as { level: number }).level)).toEqual([1, 2])
    expect(await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).toMatchObject({ escalationLevel: 2, nextEscalationAt: null })
  })

  it('stops asking when the policy is gone, saying so on the timeline', async () => {
    const incident = await openIncident({ policyId: null, severity: 'critical' })
    await db.incident.update({ where: { id: incident.id }, data: { nextEscalationAt: T } })
    await runEscalations(at(0))
    expect(await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).toMatchObject({ nextEscalationAt: null, escalationLevel: 0 })
    expect((await eventsOf(incident.id))[0]?.data).toMatchObject({ exhausted: true, level: 0 })
  })

  it('runs as the incident-escalation job', async () => {
    const user = await createUser('ops')
    const policy = await policyWith([{ delayMinutes: 0, targets: [{ type: 'user', id: user.id }] }])
    const incident = await openIncident({ policyId: policy.id, severity: 'critical' })
    const result = await incidentEscalation.run({ now: at(0), log: logger, signal: new AbortController().signal })
    expect(result.escalated).toBeGreaterThanOrEqual(1)
    expect(await eventsOf(incident.id)).toHaveLength(1)
  })
})
