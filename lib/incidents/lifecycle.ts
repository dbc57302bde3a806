/**
 * The incident lifecycle: acknowledge, move, resolve, reopen, assign, change severity, notes, postmortem.
 * Each function reads the same way: validate → one transaction (lock the incident row, write, timeline
 * event(s), audit, hooks: escalation timing and notification outbox) → after commit, publish the change.
 *
 * Timeline rows (IncidentEvent.type → data), read by the incident page:
 *   status      { from, to, note?, reason?, auto? }      alert          { alertId, source, severity, message, opened?|joined?|repeated? }
 *   severity    { from, to, reason }                     alert_resolved { count, remaining, fingerprints? }
 *   assignment  { from, to, toName }                     note           { text }
 *   postmortem  { created, fields }                      maintenance    { windowId, endsAt, reason }
 * Free text (notes, reasons, postmortem) is PHI-redacted before storage; audit summaries carry no free text.
 */
import { randomUUID } from 'node:crypto'
import { type IncidentStatus, type Severity } from '@/lib/severity'
import { Prisma } from '../db'
import { inTransaction, type Tx } from '@/lib/tx'
import { recordAudit, type Actor } from '../audit'
import { conflict, notFound, parseOrThrow, unprocessable } from '@/lib/errors'
import { redact } from '../phi/redact'
import type { Incident, IncidentEvent, Postmortem, Service } from '../generated/prisma/client'
import { firstEscalationAt } from '../oncall/escalation'
import { enqueueIncidentNotifications } from '../notifications/outbox'
import { publishIncidentChange } from './live'
import { countTransition } from './metrics'
import { canMoveIncident, IncidentStatusSchema, NoteText, PostmortemInput, SeverityReason, SeveritySchema } from './schema'
import { z } from 'zod'

export type IncidentWithService = Incident & { service: Service | null }

const IncidentId = z.uuid()

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

export async function timeline(tx: Tx, incidentId: string, actor: Actor, at: Date, type: string, data: Record<string, unknown>) {
  return tx.incidentEvent.create({ data: { incidentId, at, type, actorLabel: actor.label, data: data as Prisma.InputJsonValue } })
}

async function policyOf(tx: Tx, incident: Incident) {
  if (!incident.escalationPolicyId) return null
  return tx.escalationPolicy.findUnique({ where: { id: incident.escalationPolicyId }, select: { levels: true, severityDelays: true } })
}

async function notify(tx: Tx, incident: IncidentWithService, kind: 'trigger' | 'acknowledge' | 'resolve') {
  // Incidents opened during a maintenance window are recorded but page nobody, now or later.
  if (incident.muted) return
  await enqueueIncidentNotifications(tx, incident, kind)
}

const withService = (incident: Incident, service: Service | null): IncidentWithService => ({ ...incident, service })

function audit(tx: Tx, actor: Actor, action: string, incident: Incident, summary: Record<string, unknown>) {
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
  await audit(tx, actor, 'incident.acknowledge', incident, { from: incident.status, to })
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
  await audit(tx, actor, 'incident.resolve', incident, { from: incident.status, to: 'resolved', auto: Boolean(opts.auto) })
  await notify(tx, withService(updated, incident.service), 'resolve')
  return updated
}

/** resolved → triggered. Refused while another incident with the same dedup key is open (it owns the key). */
async function applyReopen(tx: Tx, incident: IncidentWithService, actor: Actor, now: Date, note?: string): Promise<Incident> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${incident.dedupKey}))`
  const other = await tx.incident.findFirst({
    where: { dedupKey: incident.dedupKey, status: { not: 'resolved' }, id: { not: incident.id } },
    select: { number: true },
  })
  if (other) throw conflict(`INC-${other.number} is open for the same alerts; work on that incident instead`)
  const policy = await policyOf(tx, incident)
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
  await audit(tx, actor, 'incident.reopen', incident, { from: 'resolved', to: 'triggered' })
  await notify(tx, withService(updated, incident.service), 'trigger')
  return updated
}

async function mutate<T>(id: string, work: (tx: Tx, incident: IncidentWithService, now: Date) => Promise<T>): Promise<T> {
  const incidentId = requireIncidentId(id)
  const result = await inTransaction(async (tx) => work(tx, await lockIncident(tx, incidentId), new Date()))
  publishIncidentChange(incidentId)
  return result
}

/** Acknowledge a triggered incident. Already acknowledged or investigating: unchanged. Resolved: 409. */
export async function acknowledgeIncident(id: string, actor: Actor): Promise<Incident> {
  return mutate(id, async (tx, incident, now) => {
    if (incident.status === 'resolved') throw conflict(`INC-${incident.number} is already resolved`)
    if (incident.status !== 'triggered') return incident
    countTransition('acknowledged')
    return applyAcknowledge(tx, incident, actor, now)
  })
}

/**
 * Any allowed move on the board (schema.ts ALLOWED_MOVES), with an optional note on the timeline.
 * Moving to the state it is already in changes nothing.
 */
export async function setIncidentStatus(id: string, status: IncidentStatus, actor: Actor, note?: string): Promise<Incident> {
  const to = parseOrThrow(IncidentStatusSchema, status)
  const text = note === undefined || note.trim() === '' ? undefined : redact(parseOrThrow(NoteText, note))
  return mutate(id, async (tx, incident, now) => {
    if (incident.status === to) return incident
    if (!canMoveIncident(incident.status, to)) {
      throw conflict(`INC-${incident.number} cannot move from ${incident.status} to ${to}`, { status: [`Not allowed from ${incident.status}`] })
    }
    countTransition(to)
    if (to === 'resolved') return applyResolve(tx, incident, actor, now, { reason: text })
    if (to === 'triggered') return applyReopen(tx, incident, actor, now, text)
    if (incident.status === 'triggered') return applyAcknowledge(tx, incident, actor, now, to, text)
    // acknowledged ⇄ investigating: a change of phase only; escalation has already stopped.
    const updated = await tx.incident.update({ where: { id: incident.id }, data: { status: to } })
    await timeline(tx, incident.id, actor, now, 'status', { from: incident.status, to, ...(text ? { note: text } : {}) })
    await audit(tx, actor, 'incident.status', incident, { from: incident.status, to })
    return updated
  })
}

/** Resolve an open incident (with an optional reason on the timeline). Already resolved: unchanged. */
export async function resolveIncident(id: string, actor: Actor, reason?: string): Promise<Incident> {
  const text = reason === undefined || reason.trim() === '' ? undefined : redact(parseOrThrow(NoteText, reason))
  return mutate(id, async (tx, incident, now) => {
    if (incident.status === 'resolved') return incident
    countTransition('resolved')
    return applyResolve(tx, incident, actor, now, { reason: text })
  })
}

/** Assign to an active user, or unassign with null. */
export async function assignIncident(id: string, assigneeId: string | null, actor: Actor): Promise<Incident> {
  const target = assigneeId === null ? null : parseOrThrow(z.object({ assigneeId: z.uuid('Choose a user') }), { assigneeId }).assigneeId
  return mutate(id, async (tx, incident, now) => {
    if (incident.assigneeId === target) return incident
    let toName: string | null = null
    if (target) {
      const user = await tx.user.findUnique({ where: { id: target }, select: { name: true, disabledAt: true } })
      if (!user || user.disabledAt) throw unprocessable('The assignee is not an active user', { assigneeId: ['Choose an active user'] })
      toName = user.name
    }
    const updated = await tx.incident.update({ where: { id: incident.id }, data: { assigneeId: target } })
    await timeline(tx, incident.id, actor, now, 'assignment', { from: incident.assigneeId, to: target, toName })
    await audit(tx, actor, 'incident.assign', incident, { from: incident.assigneeId, to: target })
    return updated
  })
}

/**
 * Change severity with a reason. While the incident still waits for its first page, the escalation
 * clock follows the new severity (e.g. medium → critical pages at once).
 */
export async function changeSeverity(id: string, severity: Severity, reason: string, actor: Actor): Promise<Incident> {
  const input = parseOrThrow(z.object({ severity: SeveritySchema, reason: SeverityReason }), { severity, reason })
  const why = redact(input.reason)
  return mutate(id, async (tx, incident, now) => {
    if (incident.severity === input.severity) return incident
    const data: Prisma.IncidentUpdateInput = { severity: input.severity }
    if (incident.status === 'triggered' && !incident.muted && incident.escalationLevel === 0) {
      data.nextEscalationAt = firstEscalationAt(await policyOf(tx, incident), input.severity, incident.triggeredAt)
    }
    const updated = await tx.incident.update({ where: { id: incident.id }, data })
    await timeline(tx, incident.id, actor, now, 'severity', { from: incident.severity, to: input.severity, reason: why })
    await audit(tx, actor, 'incident.severity', incident, { from: incident.severity, to: input.severity })
    return updated
  })
}

export async function addIncidentNote(id: string, text: string, actor: Actor): Promise<IncidentEvent> {
  const body = redact(parseOrThrow(NoteText, text))
  return mutate(id, async (tx, incident, now) => {
    const event = await timeline(tx, incident.id, actor, now, 'note', { text: body })
    // Touch the incident so other instances' board polling (by updatedAt) sees the note.
    await tx.incident.update({ where: { id: incident.id }, data: { updatedAt: now } })
    await audit(tx, actor, 'incident.note', incident, { length: body.length })
    return event
  })
}

const POSTMORTEM_FIELDS = ['summary', 'rootCause', 'impact', 'actions'] as const

/** Creates or replaces the postmortem. Action owners must be users; actions without an id get one. */
export async function savePostmortem(id: string, raw: PostmortemInput, actor: Actor): Promise<Postmortem> {
  const input = parseOrThrow(PostmortemInput, raw)
  const data = {
    summary: redact(input.summary),
    rootCause: redact(input.rootCause),
    impact: redact(input.impact),
    actions: input.actions.map((a) => ({
      id: a.id ?? randomUUID(),
      text: redact(a.text),
      ownerId: a.ownerId ?? null,
      dueDate: a.dueDate ?? null,
      done: a.done,
    })),
  }
  const owners = [...new Set(data.actions.map((a) => a.ownerId).filter((o): o is string => Boolean(o)))]
  return mutate(id, async (tx, incident, now) => {
    if (owners.length) {
      const found = await tx.user.count({ where: { id: { in: owners } } })
      if (found !== owners.length) throw unprocessable('An action owner is not a user', { actions: ['Choose owners from the user list'] })
    }
    const before = await tx.postmortem.findUnique({ where: { incidentId: incident.id } })
    const fields = POSTMORTEM_FIELDS.filter((f) => JSON.stringify(before?.[f] ?? null) !== JSON.stringify(data[f]))
    const saved = await tx.postmortem.upsert({
      where: { incidentId: incident.id },
      create: { incidentId: incident.id, ...data },
      update: data,
    })
    if (fields.length === 0) return saved
    await tx.incident.update({ where: { id: incident.id }, data: { updatedAt: now } })
    await timeline(tx, incident.id, actor, now, 'postmortem', { created: !before, fields })
    await audit(tx, actor, 'incident.postmortem', incident, { created: !before, fields, actions: data.actions.length })
    return saved
  })
}
