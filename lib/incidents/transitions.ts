/**
 * The building blocks of incident changes, run inside the caller's transaction: lock the row, write a
 * timeline event, and the three status transitions that carry hooks (acknowledge, resolve, reopen: the
 * escalation clock and the notification outbox) with their audit rows. The commands (commands.ts), alert
 * ingest (ingest.ts, alert-lifecycle.ts) and the escalation runner (escalation.ts) build on these; the
 * timeline event shapes are documented in commands.ts.
 */
import type { Prisma } from '@/lib/db'
import type { Actor } from '@/lib/auth/actor'
import { recordAudit } from '@/lib/audit'
import { conflict, notFound } from '@/lib/errors'
import type { Incident, Service } from '@/lib/generated/prisma/client'
import { enqueueIncidentNotifications } from '@/lib/notifications/outbox'
import { firstEscalationAt } from '@/lib/oncall/escalation-policy'
import type { Tx } from '@/lib/tx'
import { z } from 'zod'

export type IncidentWithService = Incident & { service: Service | null }

const IncidentId = z.uuid()

/** An incident id from a URL or form: anything but a UUID cannot name an incident (404). */
export function requireIncidentId(id: string): string {
  const parsed = IncidentId.safeParse(id)
  if (!parsed.success) throw notFound('No such incident')
  return parsed.data
}

/** Locks the incident row for the rest of the transaction, so concurrent moves apply one after another. */
export async function lockIncident(tx: Tx, id: string): Promise<IncidentWithService> {
  await tx.$executeRaw`SELECT 1 FROM "Incident" WHERE id = ${id}::uuid FOR UPDATE`
  const incident = await tx.incident.findUnique({ where: { id }, include: { service: true } })
  if (!incident) throw notFound('No such incident')
  return incident
}

/** Serialises work on one dedup key (ingest, resolve by key, reopen) until the transaction ends. */
export const lockDedupKey = (tx: Tx, key: string) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`

export async function timeline(tx: Tx, incidentId: string, actor: Actor, at: Date, type: string, data: Record<string, unknown>) {
  return tx.incidentEvent.create({ data: { incidentId, at, type, actorLabel: actor.label, data: data as Prisma.InputJsonValue } })
}

/** The timing of an incident's escalation policy (for firstEscalationAt), or null without one. */
export async function policyTiming(tx: Tx, policyId: string | null) {
  if (!policyId) return null
  return tx.escalationPolicy.findUnique({ where: { id: policyId }, select: { levels: true, severityDelays: true } })
}

async function notify(tx: Tx, incident: IncidentWithService, kind: 'trigger' | 'acknowledge' | 'resolve') {
  // Incidents opened during a maintenance window are recorded but page nobody, now or later.
  if (incident.muted) return
  await enqueueIncidentNotifications(tx, incident, kind)
}

const withService = (incident: Incident, service: Service | null): IncidentWithService => ({ ...incident, service })

/** The audit row of an incident change: the incident's number and what changed, never free text. */
export function auditIncident(tx: Tx, actor: Actor, action: string, incident: Incident, summary: Record<string, unknown>) {
  return recordAudit(actor, { action, targetType: 'incident', targetId: incident.id, summary: { number: incident.number, ...summary } }, tx)
}

/**
 * triggered → acknowledged|investigating: escalation stops, the acknowledgement is notified. Used by the
 * board and by PagerDuty `acknowledge` events. The caller holds the incident row lock. A person who
 * acknowledges an unassigned incident takes it (an assignment entry on the timeline): "acknowledged" then
 * says who is on it. A key or the system acknowledging (a PagerDuty event) assigns nobody.
 */
export async function applyAcknowledge(
  tx: Tx,
  incident: IncidentWithService,
  actor: Actor,
  now: Date,
  to: 'acknowledged' | 'investigating' = 'acknowledged',
  note?: string,
): Promise<Incident> {
  const assignTo = actor.type === 'user' && !incident.assigneeId ? actor.id : null
  const updated = await tx.incident.update({
    where: { id: incident.id },
    data: { status: to, acknowledgedAt: incident.acknowledgedAt ?? now, nextEscalationAt: null, ...(assignTo ? { assigneeId: assignTo } : {}) },
  })
  await timeline(tx, incident.id, actor, now, 'status', { from: incident.status, to, ...(note ? { note } : {}) })
  if (assignTo) {
    const person = await tx.user.findUnique({ where: { id: assignTo }, select: { name: true } })
    await timeline(tx, incident.id, actor, now, 'assignment', { from: null, to: assignTo, toName: person?.name ?? actor.label, acknowledged: true })
  }
  await auditIncident(tx, actor, 'incident.acknowledge', incident, { from: incident.status, to, ...(assignTo ? { assignedTo: assignTo } : {}) })
  if (!incident.acknowledgedAt) await notify(tx, withService(updated, incident.service), 'acknowledge')
  return updated
}

/** Any open state → resolved: escalation stops, open alerts resolve with it, the resolution is notified. */
export async function applyResolve(
  tx: Tx,
  incident: IncidentWithService,
  actor: Actor,
  now: Date,
  opts: { reason?: string; auto?: boolean } = {},
): Promise<Incident> {
  await tx.alert.updateMany({ where: { incidentId: incident.id, status: 'firing' }, data: { status: 'resolved', resolvedAt: now } })
  const updated = await tx.incident.update({
    where: { id: incident.id },
    data: { status: 'resolved', resolvedAt: now, nextEscalationAt: null, openAlertCount: 0 },
  })
  await timeline(tx, incident.id, actor, now, 'status', {
    from: incident.status,
    to: 'resolved',
    ...(opts.reason ? { reason: opts.reason } : {}),
    ...(opts.auto ? { auto: true } : {}),
    // Kept so that undoing the resolution (applyUndoResolve) can pick the escalation clock up where it was.
    ...(incident.nextEscalationAt ? { nextEscalationAt: incident.nextEscalationAt.toISOString() } : {}),
  })
  await auditIncident(tx, actor, 'incident.resolve', incident, { from: incident.status, to: 'resolved', auto: Boolean(opts.auto) })
  await notify(tx, withService(updated, incident.service), 'resolve')
  return updated
}

/** Refuses (409) while another incident with the same dedup key is open: it owns the key's alerts. */
async function requireDedupKeyFree(tx: Tx, incident: Incident): Promise<void> {
  await lockDedupKey(tx, incident.dedupKey)
  const other = await tx.incident.findFirst({
    where: { dedupKey: incident.dedupKey, status: { not: 'resolved' }, id: { not: incident.id } },
    select: { number: true },
  })
  if (other) throw conflict(`INC-${other.number} is open for the same alerts; work on that incident instead`)
}

/** resolved → triggered. Refused while another incident with the same dedup key is open (it owns the key). */
export async function applyReopen(tx: Tx, incident: IncidentWithService, actor: Actor, now: Date, note?: string): Promise<Incident> {
  await requireDedupKeyFree(tx, incident)
  const policy = await policyTiming(tx, incident.escalationPolicyId)
  const updated = await tx.incident.update({
    where: { id: incident.id },
    data: {
      status: 'triggered',
      resolvedAt: null,
      acknowledgedAt: null,
      escalationLevel: 0,
      nextEscalationAt: incident.muted ? null : firstEscalationAt(policy, incident.severity, now),
      // Part of the notification idempotency keys: the reopened incident pages again.
      reopenCount: { increment: 1 },
    },
  })
  await timeline(tx, incident.id, actor, now, 'status', { from: 'resolved', to: 'triggered', reopened: true, ...(note ? { note } : {}) })
  await auditIncident(tx, actor, 'incident.reopen', incident, { from: 'resolved', to: 'triggered' })
  await notify(tx, withService(updated, incident.service), 'trigger')
  return updated
}

/**
 * Undoes a resolution made seconds ago (the caller checked undoRefusal): back to the state it was resolved
 * from, with the alerts that the resolution closed firing again and, if nobody had acknowledged it, the
 * escalation clock where it stood. Unlike a reopen it pages nobody again. Notices of the resolution that
 * were already delivered are not recalled; a new notification cycle means the next resolution is
 * announced again.
 */
export async function applyUndoResolve(
  tx: Tx,
  incident: IncidentWithService,
  actor: Actor,
  now: Date,
  resolved: { from: 'triggered' | 'acknowledged' | 'investigating'; nextEscalationAt: Date | null },
): Promise<Incident> {
  await requireDedupKeyFree(tx, incident)
  const reopened = incident.resolvedAt
    ? await tx.alert.updateMany({
        where: { incidentId: incident.id, status: 'resolved', resolvedAt: incident.resolvedAt },
        data: { status: 'firing', resolvedAt: null },
      })
    : { count: 0 }
  const updated = await tx.incident.update({
    where: { id: incident.id },
    data: {
      status: resolved.from,
      resolvedAt: null,
      openAlertCount: reopened.count,
      nextEscalationAt: resolved.from === 'triggered' && !incident.muted ? resolved.nextEscalationAt : null,
      reopenCount: { increment: 1 },
    },
  })
  await timeline(tx, incident.id, actor, now, 'status', { from: 'resolved', to: resolved.from, undone: true })
  await auditIncident(tx, actor, 'incident.resolve_undo', incident, { from: 'resolved', to: resolved.from, alerts: reopened.count })
  return updated
}
