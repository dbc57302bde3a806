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
 * board and by PagerDuty `acknowledge` events. The caller holds the incident row lock.
 */
export async function applyAcknowledge(
  tx: Tx,
  incident: IncidentWithService,
  actor: Actor,
  now: Date,
  to: 'acknowledged' | 'investigating' = 'acknowledged',
  note?: string,
): Promise<Incident> {
  const updated = await tx.incident.update({
    where: { id: incident.id },
    data: { status: to, acknowledgedAt: incident.acknowledgedAt ?? now, nextEscalationAt: null },
  })
  await timeline(tx, incident.id, actor, now, 'status', { from: incident.status, to, ...(note ? { note } : {}) })
  await auditIncident(tx, actor, 'incident.acknowledge', incident, { from: incident.status, to })
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
  })
  await auditIncident(tx, actor, 'incident.resolve', incident, { from: incident.status, to: 'resolved', auto: Boolean(opts.auto) })
  await notify(tx, withService(updated, incident.service), 'resolve')
  return updated
}

/** resolved → triggered. Refused while another incident with the same dedup key is open (it owns the key). */
export async function applyReopen(tx: Tx, incident: IncidentWithService, actor: Actor, now: Date, note?: string): Promise<Incident> {
  await lockDedupKey(tx, incident.dedupKey)
  const other = await tx.incident.findFirst({
    where: { dedupKey: incident.dedupKey, status: { not: 'resolved' }, id: { not: incident.id } },
    select: { number: true },
  })
  if (other) throw conflict(`INC-${other.number} is open for the same alerts; work on that incident instead`)
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
