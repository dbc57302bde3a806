/**
 * The escalation runner (the incident-escalation job's body): pages the due, unacknowledged incidents.
 * The policy itself (first page, next level, exhaustion) is pure and lives in on-call
 * (lib/oncall/escalation-policy.ts); who a level pages is read there too (lib/oncall/schedules.ts).
 *
 * Order of work per incident, in one transaction: lock the row and re-read it (an acknowledgement
 * committed meanwhile wins), hold back a service in maintenance, then for every level due: resolve its
 * targets, an 'escalation' timeline event, the 'escalate' notifications and an `incident.escalate` audit
 * row; finally the new level and next time on the incident. After the commit the change is published live.
 *
 * The timeline entry names the channels the notice went to and whether any of them pages a person
 * (paging.ts): with only console and file channels enabled, "paged" would be untrue.
 */
import { db } from '@/lib/db'
import { recordAudit, SYSTEM_ACTOR } from '@/lib/audit'
import { logger } from '@/lib/logger'
import { publishIncidentChange } from '@/lib/live'
import { inTransaction, type Tx } from '@/lib/tx'
import { enqueueIncidentNotifications } from '@/lib/notifications/outbox'
import { emergencyIntervalFor, nextLevelAt, parseLevels } from '@/lib/oncall/escalation-policy'
import { activeMaintenance } from '@/lib/oncall/schedules'
import { pagedTargets } from '@/lib/oncall/schedules'
import type { Severity } from '@/lib/severity'
import { channelsFor, isPagingChannel, type ChannelRef } from './paging'
import { timeline } from './transitions'

/** Incidents escalated per run at most; the rest wait a minute, oldest due first. */
const BATCH = 200

function isDue(i: { status: string; muted: boolean; acknowledgedAt: Date | null; resolvedAt: Date | null; nextEscalationAt: Date | null }, now: Date) {
  return i.status === 'triggered' && !i.muted && !i.acknowledgedAt && !i.resolvedAt && i.nextEscalationAt !== null && i.nextEscalationAt <= now
}

/** The channels an 'escalate' notice for an incident of `severity` goes to (as enqueueIncidentNotifications picks them). */
async function channelsNotified(tx: Tx, severity: Severity): Promise<ChannelRef[]> {
  const channels = await tx.notificationChannel.findMany({ where: { enabled: true }, select: { name: true, type: true, minSeverity: true, enabled: true } })
  return channelsFor(channels, severity)
}

/**
 * Escalates one incident as far as is due at `now`, inside `tx`. Returns the levels paged, or null when
 * nothing was written (no longer due).
 */
async function escalateIncident(tx: Tx, incidentId: string, now: Date): Promise<number | null> {
  await tx.$queryRaw`SELECT id FROM "Incident" WHERE id = ${incidentId}::uuid FOR UPDATE`
  const incident = await tx.incident.findUnique({
    where: { id: incidentId },
    include: { service: { include: { escalationPolicy: true } }, escalationPolicy: true },
  })
  if (!incident || !isDue(incident, now)) return null
  if (incident.serviceId && (await activeMaintenance(tx, incident.serviceId, now))) return null

  const policy = incident.escalationPolicy ?? incident.service?.escalationPolicy ?? null
  const levels = policy ? parseLevels(policy.levels) : []
  let paged = incident.escalationLevel
  let dueAt: Date | null = incident.nextEscalationAt
  let steps = 0
  // Read per run: a severity raised to critical mid-climb climbs at the emergency interval from then on.
  const cap = emergencyIntervalFor(policy, incident.severity)
  const channels = levels[paged] ? await channelsNotified(tx, incident.severity) : []
  // Levels with a zero delay page in the same run as the level before them.
  for (let level = levels[paged]; level && dueAt && dueAt <= now; level = levels[paged]) {
    const targets = await pagedTargets(tx, level.targets, now)
    paged += 1
    dueAt = nextLevelAt(levels, paged, now, cap)
    steps += 1
    await timeline(tx, incidentId, SYSTEM_ACTOR, now, 'escalation', {
      level: paged,
      policy: policy?.name ?? null,
      targets: targets.map((t) => ({ type: t.type, name: t.name, user: t.userName })),
      channels,
      paging: channels.some((c) => isPagingChannel(c.type)),
      ...(dueAt ? { nextEscalationAt: dueAt.toISOString() } : { exhausted: true }),
    })
    await enqueueIncidentNotifications(tx, { ...incident, escalationLevel: paged }, 'escalate', { level: paged })
    await recordAudit(
      SYSTEM_ACTOR,
      {
        action: 'incident.escalate',
        targetType: 'incident',
        targetId: incidentId,
        summary: { level: paged, targets: targets.length, paged: targets.filter((t) => t.userId).length, exhausted: dueAt === null },
      },
      tx,
    )
  }
  if (steps === 0) {
    // Due but nothing left to page (policy removed or shortened): stop asking, and say so on the timeline.
    await timeline(tx, incidentId, SYSTEM_ACTOR, now, 'escalation', { level: paged, exhausted: true, policy: policy?.name ?? null })
  }
  await tx.incident.update({ where: { id: incidentId }, data: { escalationLevel: paged, nextEscalationAt: paged < levels.length ? dueAt : null } })
  return steps
}

/**
 * The job body: escalates every due, unacknowledged, unresolved, unmuted incident. An incident whose
 * service is in a maintenance window waits (it escalates once the window ends, if still unacknowledged).
 */
export async function runEscalations(now: Date, opts: { signal?: AbortSignal } = {}): Promise<{ escalated: number }> {
  const due = await db.incident.findMany({
    where: {
      status: 'triggered',
      muted: false,
      acknowledgedAt: null,
      resolvedAt: null,
      nextEscalationAt: { lte: now },
      OR: [{ serviceId: null }, { service: { maintenanceWindows: { none: { startsAt: { lte: now }, endsAt: { gt: now } } } } }],
    },
    select: { id: true },
    orderBy: { nextEscalationAt: 'asc' },
    take: BATCH,
  })
  let escalated = 0
  for (const { id } of due) {
    opts.signal?.throwIfAborted()
    try {
      // After commit: open boards show the new timeline entry without a reload.
      const paged = await inTransaction((tx) => escalateIncident(tx, id, now))
      if (paged === null) continue
      if (paged > 0) escalated += 1
      publishIncidentChange(id)
    } catch (err) {
      // One broken incident must not hold up the others; it is retried next minute.
      logger.error({ err, incidentId: id }, 'escalation failed')
    }
  }
  return { escalated }
}
