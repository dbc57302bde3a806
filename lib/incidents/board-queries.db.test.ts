/** The board and incident page reads, against a real database (tests share it: filter by this test's service). */
import { beforeAll, describe, expect, it } from 'vitest'
import { type IncidentStatus, type Severity } from '@/lib/severity'
import { db } from '@/lib/db'
import { recordAudit, SYSTEM_ACTOR } from '@/lib/audit'
import { createUser, uid } from '@/test/factories'
import type { SessionUser } from '@/lib/auth/session'
import { getIncidentDetail, listResponders } from './board-queries'
import { getBoard } from './board-reads'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

let service: { id: string; key: string }
let other: { id: string; key: string }
let ops: SessionUser
const now = new Date()
const ago = (ms: number) => new Date(now.getTime() - ms)

async function incident(over: {
  severity?: Severity
  status?: IncidentStatus
  triggeredAt?: Date
  acknowledgedAt?: Date | null
  resolvedAt?: Date | null
  assigneeId?: string | null
  serviceId?: string
  muted?: boolean
}) {
  return db.incident.create({
    data: {
      title: uid('Queue depth high'),
      severity: over.severity ?? 'medium',
      status: over.status ?? 'triggered',
      dedupKey: uid('board'),
      serviceId: over.serviceId ?? service.id,
      workflows: ['emergency_triage'],
      triggeredAt: over.triggeredAt ?? ago(HOUR),
      acknowledgedAt: over.acknowledgedAt ?? null,
      resolvedAt: over.resolvedAt ?? null,
      assigneeId: over.assigneeId ?? null,
      alertCount: 2,
      openAlertCount: 1,
      muted: over.muted ?? false,
    },
  })
}

beforeAll(async () => {
  ops = await createUser('ops', { name: 'Olu Ops' })
  service = await db.service.create({ data: { key: uid('svc'), name: 'Board svc', workflows: ['emergency_triage'] } })
  other = await db.service.create({ data: { key: uid('svc'), name: 'Other svc', workflows: ['diagnosis'] } })
})

describe('getBoard', () => {
  it('groups into columns, filters by service, names assignees, flags maintenance, and computes MTTA/MTTR', async () => {
    const trig = await incident({ severity: 'critical', assigneeId: ops.id })
    const ack = await incident({ status: 'acknowledged', triggeredAt: ago(2 * DAY), acknowledgedAt: ago(2 * DAY - 10 * MIN) })
    const inv = await incident({ status: 'investigating', severity: 'high', triggeredAt: ago(HOUR), acknowledgedAt: ago(HOUR - 2 * MIN), muted: true })
    const res = await incident({ status: 'resolved', triggeredAt: ago(3 * HOUR), acknowledgedAt: ago(3 * HOUR - 4 * MIN), resolvedAt: ago(HOUR) })
    // Resolved more than 24 h ago: off the board, still in the statistics.
    const old = await incident({ status: 'resolved', triggeredAt: ago(3 * DAY), acknowledgedAt: ago(3 * DAY - 6 * MIN), resolvedAt: ago(3 * DAY - 60 * MIN) })
    await incident({ serviceId: other.id })
    await db.maintenanceWindow.create({ data: { serviceId: service.id, startsAt: ago(HOUR), endsAt: new Date(now.getTime() + HOUR), reason: 'upgrade' } })

    const board = await getBoard({ severity: [], service: service.key }, now)
    const ids = (s: IncidentStatus) => board.columns[s].map((c) => c.id)
    expect(ids('triggered')).toEqual([trig.id])
    expect(ids('acknowledged')).toEqual([ack.id])
    expect(ids('investigating')).toEqual([inv.id])
    expect(ids('resolved')).toEqual([res.id])
    expect(ids('resolved')).not.toContain(old.id)
    expect(board.counts).toEqual({ critical: 1, high: 1, medium: 1, low: 0, info: 0 })
    expect(board.openCount).toBe(3)
    expect(board.truncated).toBe(false)

    const card = board.columns.triggered[0]!
    expect(card).toMatchObject({ number: trig.number, assignee: { id: ops.id, name: 'Olu Ops' }, service: { key: service.key, name: 'Board svc' }, inMaintenance: true })
    expect(board.columns.investigating[0]!.muted).toBe(true)
    expect(typeof card.triggeredAt).toBe('string')

    // MTTA over 7 d: (10 + 2 + 4 + 6) / 4 = 5.5 min; MTTR: (120 + 60) / 2 = 90 min.
    expect(board.stats.d7).toMatchObject({ incidents: 5, acknowledged: 4, resolved: 2, mttaMs: 5.5 * MIN, mttrMs: 90 * MIN })
  })

  it('MTTA and MTTR per window: worked example over 7 and 30 days', async () => {
    const svc = await db.service.create({ data: { key: uid('svc'), name: 'Response svc', workflows: [] } })
    const done = (openedAgo: number, ackAfter: number | null, resolveAfter: number) =>
      incident({
        serviceId: svc.id,
        status: 'resolved',
        triggeredAt: ago(openedAgo),
        acknowledgedAt: ackAfter === null ? null : ago(openedAgo - ackAfter),
        resolvedAt: ago(openedAgo - resolveAfter),
      })
    await done(2 * DAY, 3 * MIN, 40 * MIN)
    await done(5 * DAY, 7 * MIN, 80 * MIN)
    await done(6 * DAY, null, 12 * MIN) // auto-resolved, never acknowledged
    await done(12 * DAY, 20 * MIN, 200 * MIN)
    await done(25 * DAY, 10 * MIN, 140 * MIN)
    await done(40 * DAY, MIN, 5 * MIN) // outside both windows
    await incident({ serviceId: svc.id, triggeredAt: ago(HOUR) }) // open: counted, not averaged

    const { stats } = await getBoard({ severity: [], service: svc.key }, now)
    // 7 d: MTTA (3 + 7) / 2 = 5 min, median 5; MTTR (40 + 80 + 12) / 3 = 44 min, median of 12, 40, 80 = 40.
    expect(stats.d7).toEqual({
      days: 7,
      incidents: 4,
      acknowledged: 2,
      resolved: 3,
      mttaMs: 5 * MIN,
      mttrMs: 44 * MIN,
      mttaMedianMs: 5 * MIN,
      mttrMedianMs: 40 * MIN,
    })
    // 30 d: MTTA (3 + 7 + 20 + 10) / 4 = 10 min, median (7 + 10) / 2 = 8.5; MTTR 472 / 5 = 94.4 min, median 80.
    expect(stats.d30).toEqual({
      days: 30,
      incidents: 6,
      acknowledged: 4,
      resolved: 5,
      mttaMs: 10 * MIN,
      mttrMs: 94.4 * MIN,
      mttaMedianMs: 8.5 * MIN,
      mttrMedianMs: 80 * MIN,
    })
  })

  it('filters by severity, assignee and time range', async () => {
    const svc = await db.service.create({ data: { key: uid('svc'), name: 'Filter svc', workflows: [] } })
    const a = await incident({ serviceId: svc.id, severity: 'low', assigneeId: ops.id, triggeredAt: ago(30 * MIN) })
    const b = await incident({ serviceId: svc.id, severity: 'critical', triggeredAt: ago(3 * DAY) })
    const open = async (f: Parameters<typeof getBoard>[0]) => (await getBoard({ ...f, service: svc.key }, now)).columns.triggered.map((c) => c.id).sort()

    expect(await open({ severity: [] })).toEqual([a.id, b.id].sort())
    expect(await open({ severity: ['critical'] })).toEqual([b.id])
    expect(await open({ severity: [], assignee: ops.id })).toEqual([a.id])
    expect(await open({ severity: [], assignee: 'unassigned' })).toEqual([b.id])
    expect(await open({ severity: [], range: '24h' })).toEqual([a.id])
  })

  it('says n/a (null) for response times when there is no data', async () => {
    const svc = await db.service.create({ data: { key: uid('svc'), name: 'Quiet svc', workflows: [] } })
    const board = await getBoard({ severity: [], service: svc.key }, now)
    expect(board.openCount).toBe(0)
    expect(board.stats.d30).toMatchObject({ incidents: 0, mttaMs: null, mttrMs: null })
  })
})

describe('getIncidentDetail', () => {
  it('returns null for unknown and malformed ids', async () => {
    expect(await getIncidentDetail('not-a-uuid')).toBeNull()
    expect(await getIncidentDetail('00000000-0000-4000-8000-000000000000')).toBeNull()
  })

  it('loads the timeline in order, grouped alerts, postmortem owners, maintenance and what changed before', async () => {
    const svc = await db.service.create({ data: { key: uid('svc'), name: 'Detail svc', workflows: ['diagnosis'] } })
    const triggeredAt = ago(10 * MIN)
    const inc = await incident({ serviceId: svc.id, triggeredAt, assigneeId: ops.id })
    await db.alert.createMany({
      data: [
        { incidentId: inc.id, source: 'api', severity: 'medium', system: 'sla', message: 'Slow', dedupKey: inc.dedupKey, occurredAt: ago(10 * MIN), receivedAt: ago(10 * MIN) },
        { incidentId: inc.id, source: 'api', severity: 'medium', system: 'sla', message: 'Slow', dedupKey: inc.dedupKey, occurredAt: ago(5 * MIN), receivedAt: ago(5 * MIN) },
        { incidentId: inc.id, source: 'alertmanager', severity: 'high', system: 'prom', message: 'Down', dedupKey: inc.dedupKey, occurredAt: ago(MIN), receivedAt: ago(MIN), fingerprint: 'fp1' },
      ],
    })
    await db.incidentEvent.createMany({
      data: [
        { incidentId: inc.id, at: ago(MIN), type: 'note', actorLabel: ops.email, data: { text: 'second' } },
        { incidentId: inc.id, at: triggeredAt, type: 'alert', actorLabel: 'key:x', data: { opened: true } },
      ],
    })
    await db.postmortem.create({
      data: { incidentId: inc.id, summary: 'S', actions: [{ id: 'a1', text: 'Add a check', ownerId: ops.id, dueDate: '2026-04-01', done: false }] },
    })
    const window = await db.maintenanceWindow.create({ data: { serviceId: svc.id, startsAt: ago(HOUR), endsAt: new Date(now.getTime() + HOUR) } })
    // Changes: one linked by the window id, one by summary.service, one of another service, one too early.
    await recordAudit(SYSTEM_ACTOR, { action: 'maintenance.create', targetType: 'maintenance_window', targetId: window.id, summary: { service: svc.key } })
    await recordAudit(SYSTEM_ACTOR, { action: 'flag.update', targetType: 'flag', targetId: uid('flag'), summary: { service: svc.key } })
    await recordAudit(SYSTEM_ACTOR, { action: 'flag.update', targetType: 'flag', targetId: uid('flag'), summary: { service: other.key } })
    await recordAudit(SYSTEM_ACTOR, { action: 'service.update', targetType: 'service', targetId: svc.id })

    const detail = await getIncidentDetail(inc.id, now)
    expect(detail).not.toBeNull()
    const d = detail!
    expect(d.incident).toMatchObject({ number: inc.number, assignee: { id: ops.id, name: 'Olu Ops' } })
    expect(d.service).toMatchObject({ key: svc.key })
    expect(d.maintenance?.id).toBe(window.id)
    expect(d.events.map((e) => e.type)).toEqual(['alert', 'note'])
    expect(d.alerts).toHaveLength(2)
    expect(d.alerts[0]).toMatchObject({ source: 'alertmanager', count: 1, fingerprint: 'fp1' })
    expect(d.alerts[1]).toMatchObject({ source: 'api', count: 2 })
    expect(d.alerts[1]!.firstSeen.getTime()).toBe(ago(10 * MIN).getTime())
    expect(d.alerts[1]!.lastSeen.getTime()).toBe(ago(5 * MIN).getTime())
    expect(d.postmortem?.actions).toEqual([{ id: 'a1', text: 'Add a check', ownerId: ops.id, ownerName: 'Olu Ops', dueDate: '2026-04-01', done: false }])
    // Audit rows written after the trigger are not "before" it.
    expect(d.changes).toEqual([])
  })

  it('lists changes to the service in the two hours before the trigger, and only those', async () => {
    const svc = await db.service.create({ data: { key: uid('svc'), name: 'Changed svc', workflows: [] } })
    const start = new Date()
    await recordAudit(SYSTEM_ACTOR, { action: 'service.update', targetType: 'service', targetId: svc.id })
    await recordAudit(SYSTEM_ACTOR, { action: 'flag.update', targetType: 'flag', targetId: uid('flag'), summary: { service: svc.key } })
    await recordAudit(SYSTEM_ACTOR, { action: 'flag.update', targetType: 'flag', targetId: uid('flag'), summary: { service: other.key } })
    await recordAudit(SYSTEM_ACTOR, { action: 'user.create', targetType: 'user', targetId: svc.id })
    const inc = await incident({ serviceId: svc.id, triggeredAt: new Date(Date.now() + 1000) })
    const d = (await getIncidentDetail(inc.id))!
    expect(d.changes.map((c) => c.action).sort()).toEqual(['flag.update', 'service.update'])
    expect(d.changes.every((c) => c.at >= start)).toBe(true)

    // A flag guarding one of the service's SLOs counts, as the real flag commands audit it (no service in the summary).
    const slo = await db.slo.create({ data: { key: uid('slo'), name: 'Changed svc availability', sli: uid('sli'), sliType: 'ratio', service: svc.key, target: 0.99 } })
    const guard = await db.flag.create({ data: { key: uid('flag'), name: 'Canary', type: 'boolean', variants: [], guardedSloKeys: [slo.key] } })
    const unrelated = await db.flag.create({ data: { key: uid('flag'), name: 'Elsewhere', type: 'boolean', variants: [], guardedSloKeys: [uid('slo')] } })
    await recordAudit(SYSTEM_ACTOR, { action: 'flag.rollout.advance', targetType: 'flag', targetId: guard.key, summary: { environment: 'production', percent: 25 } })
    await recordAudit(SYSTEM_ACTOR, { action: 'flag.rollout.advance', targetType: 'flag', targetId: unrelated.key, summary: { environment: 'production', percent: 25 } })
    const withFlag = await incident({ serviceId: svc.id, triggeredAt: new Date(Date.now() + 1000) })
    const flagChanges = (await getIncidentDetail(withFlag.id))!.changes.filter((c) => c.targetType === 'flag')
    // The guarding flag's rollout, and the flag whose summary names the service (above).
    expect(flagChanges.map((c) => c.action).sort()).toEqual(['flag.rollout.advance', 'flag.update'])
    expect(flagChanges.map((c) => c.targetId)).toContain(guard.key)
    expect(flagChanges.map((c) => c.targetId)).not.toContain(unrelated.key)

    // Two hours later nothing is "recent" any more.
    const later = await incident({ serviceId: svc.id, triggeredAt: new Date(Date.now() + 2 * HOUR + MIN) })
    expect((await getIncidentDetail(later.id))!.changes).toEqual([])
  })
})

describe('listResponders', () => {
  it('lists active people who can acknowledge incidents', async () => {
    const viewer = await createUser('viewer')
    const people = await listResponders()
    expect(people.map((p) => p.id)).toContain(ops.id)
    expect(people.map((p) => p.id)).not.toContain(viewer.id)
  })
})
