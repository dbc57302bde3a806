/**
 * The incident write layer: acknowledge, move, resolve, reopen, assign, change severity, notes, postmortem.
 * Each command takes the actor and already-validated input (the actions validate with schema.ts) and reads
 * the same way: authorise (incident:ack to move on the board, incident:manage for the rest) → one
 * transaction (lock the incident row, write, timeline event(s), audit, hooks: escalation timing and
 * notification outbox; transitions.ts) → after commit, publish the change (lib/live.ts).
 *
 * Timeline rows (IncidentEvent.type → data), read by the incident page:
 *   status      { from, to, note?, reason?, auto?, reopened?, undone?, nextEscalationAt? }
 *   alert       { alertId, source, severity, message, opened?|joined?|repeated? }
 *   severity    { from, to, reason }                     alert_resolved { count, remaining, fingerprints? }
 *   assignment  { from, to, toName, acknowledged? }      note           { text }
 *   postmortem  { created, fields }                      maintenance    { windowId, endsAt, reason }
 *   escalation  { level, policy, targets?, channels?, paging?, nextEscalationAt?|exhausted? }   (escalation.ts)
 *   notification { channel, channelType, kind, outcome, attempt, status?, error?, nextAttemptAt? } (notifications/delivery.ts)
 * Free text (notes, reasons, postmortem) is PHI-redacted before storage; audit summaries carry no free text.
 */
import { randomUUID } from 'node:crypto'
import type { Prisma } from '@/lib/db'
import { authorize, type Actor } from '@/lib/auth/actor'
import { conflict, unprocessable } from '@/lib/errors'
import type { Incident, IncidentEvent, Postmortem } from '@/lib/generated/prisma/client'
import { publishIncidentChange } from '@/lib/live'
import { firstEscalationAt } from '@/lib/oncall/escalation-policy'
import { redact } from '@/lib/phi/redact'
import type { Permission } from '@/lib/rbac'
import type { IncidentStatus, Severity } from '@/lib/severity'
import { inTransaction, type Tx } from '@/lib/tx'
import { countTransition } from './metrics'
import { canMoveIncident, type PostmortemAction } from './schema'
import { checkUndoResolve, UNDO_REFUSALS } from './undo'
import {
  applyAcknowledge,
  applyReopen,
  applyResolve,
  applyUndoResolve,
  auditIncident,
  lockIncident,
  policyTiming,
  requireIncidentId,
  timeline,
  type IncidentWithService,
} from './transitions'

/** Authorises, then runs `work` on the locked incident in one transaction; publishes the change after commit. */
async function mutate<T>(
  actor: Actor,
  permission: Permission,
  id: string,
  work: (tx: Tx, incident: IncidentWithService, now: Date) => Promise<T>,
): Promise<T> {
  authorize(actor, permission)
  const incidentId = requireIncidentId(id)
  return inTransaction(async (tx) => work(tx, await lockIncident(tx, incidentId), new Date()), {
    afterCommit: () => publishIncidentChange(incidentId),
  })
}

/** Optional free text: blank is "none"; anything else is stored redacted. */
const redactedText = (text: string | undefined) => (text === undefined || text.trim() === '' ? undefined : redact(text))

/** Acknowledge a triggered incident. Already acknowledged or investigating: unchanged. Resolved: 409. */
export function acknowledgeIncident(actor: Actor, id: string): Promise<Incident> {
  return mutate(actor, 'incident:ack', id, async (tx, incident, now) => {
    if (incident.status === 'resolved') throw conflict(`INC-${incident.number} is already resolved`)
    if (incident.status !== 'triggered') return incident
    countTransition('acknowledged')
    return applyAcknowledge(tx, incident, actor, now)
  })
}

/**
 * Any allowed move on the board (schema.ts ALLOWED_MOVES), with an optional note on the timeline; moving
 * a resolved incident to triggered reopens it. Moving to the state it is already in changes nothing.
 */
export function setIncidentStatus(actor: Actor, id: string, to: IncidentStatus, note?: string): Promise<Incident> {
  const text = redactedText(note)
  return mutate(actor, 'incident:ack', id, async (tx, incident, now) => {
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
    await auditIncident(tx, actor, 'incident.status', incident, { from: incident.status, to })
    return updated
  })
}

/** Resolve an open incident (with an optional resolution note on the timeline). Already resolved: unchanged. */
export function resolveIncident(actor: Actor, id: string, reason?: string): Promise<Incident> {
  const text = redactedText(reason)
  return mutate(actor, 'incident:ack', id, async (tx, incident, now) => {
    if (incident.status === 'resolved') return incident
    countTransition('resolved')
    return applyResolve(tx, incident, actor, now, { reason: text })
  })
}

/**
 * Undo a resolution made seconds ago by the same person (undo.ts): back to the state before, without paging
 * again; "Resolution undone" on the timeline. Later, or for anyone else, it is 409: reopen instead.
 */
export function undoResolveIncident(actor: Actor, id: string): Promise<Incident> {
  return mutate(actor, 'incident:ack', id, async (tx, incident, now) => {
    const last = await tx.incidentEvent.findFirst({
      where: { incidentId: incident.id, type: 'status' },
      orderBy: { id: 'desc' },
      select: { actorLabel: true, data: true },
    })
    const check = checkUndoResolve(incident, last, actor.label, now)
    if (!check.ok) throw conflict(`INC-${incident.number} ${UNDO_REFUSALS[check.reason]}`)
    countTransition(check.from)
    return applyUndoResolve(tx, incident, actor, now, check)
  })
}

/** Assign to an active user, or unassign with null. */
export function assignIncident(actor: Actor, id: string, assigneeId: string | null): Promise<Incident> {
  return mutate(actor, 'incident:manage', id, async (tx, incident, now) => {
    if (incident.assigneeId === assigneeId) return incident
    let toName: string | null = null
    if (assigneeId) {
      const user = await tx.user.findUnique({ where: { id: assigneeId }, select: { name: true, disabledAt: true } })
      if (!user || user.disabledAt) throw unprocessable('The assignee is not an active user', { assigneeId: ['Choose an active user'] })
      toName = user.name
    }
    const updated = await tx.incident.update({ where: { id: incident.id }, data: { assigneeId } })
    await timeline(tx, incident.id, actor, now, 'assignment', { from: incident.assigneeId, to: assigneeId, toName })
    await auditIncident(tx, actor, 'incident.assign', incident, { from: incident.assigneeId, to: assigneeId })
    return updated
  })
}

/**
 * Change severity with a reason. While the incident still waits for its first page, the escalation
 * clock follows the new severity (e.g. medium → critical pages at once).
 */
export function changeSeverity(actor: Actor, id: string, severity: Severity, reason: string): Promise<Incident> {
  const why = redact(reason)
  return mutate(actor, 'incident:manage', id, async (tx, incident, now) => {
    if (incident.severity === severity) return incident
    const data: Prisma.IncidentUpdateInput = { severity }
    if (incident.status === 'triggered' && !incident.muted && incident.escalationLevel === 0) {
      data.nextEscalationAt = firstEscalationAt(await policyTiming(tx, incident.escalationPolicyId), severity, incident.triggeredAt)
    }
    const updated = await tx.incident.update({ where: { id: incident.id }, data })
    await timeline(tx, incident.id, actor, now, 'severity', { from: incident.severity, to: severity, reason: why })
    await auditIncident(tx, actor, 'incident.severity', incident, { from: incident.severity, to: severity })
    return updated
  })
}

export function addIncidentNote(actor: Actor, id: string, text: string): Promise<IncidentEvent> {
  const body = redact(text)
  return mutate(actor, 'incident:manage', id, async (tx, incident, now) => {
    const event = await timeline(tx, incident.id, actor, now, 'note', { text: body })
    // Touch the incident so other instances' board polling (by updatedAt) sees the note.
    await tx.incident.update({ where: { id: incident.id }, data: { updatedAt: now } })
    await auditIncident(tx, actor, 'incident.note', incident, { length: body.length })
    return event
  })
}

const POSTMORTEM_FIELDS = ['summary', 'rootCause', 'impact', 'actions'] as const

export interface PostmortemData {
  summary: string
  rootCause: string
  impact: string
  actions: PostmortemAction[]
}

/** Creates or replaces the postmortem. Action owners must be users; actions without an id get one. */
export function savePostmortem(actor: Actor, id: string, input: PostmortemData): Promise<Postmortem> {
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
  return mutate(actor, 'incident:manage', id, async (tx, incident, now) => {
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
    await auditIncident(tx, actor, 'incident.postmortem', incident, { created: !before, fields, actions: data.actions.length })
    return saved
  })
}
