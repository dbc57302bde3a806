/**
 * Undoing a resolution, pure: who may, and until when. The board and the incident page offer "Undo" for
 * RESOLVE_UNDO_SECONDS after a person resolves an incident; the server accepts it a little longer, so a
 * click in the last second still lands over a slow connection. After that (or for someone else, or for a
 * resolution the system made) reopening is the way back: it pages again, an undo does not.
 * Client-safe: no server imports.
 */
import type { IncidentStatus } from '@/lib/severity'

/** How long the person who resolved an incident is offered "Undo". */
export const RESOLVE_UNDO_SECONDS = 10
/** How long after the resolution the server still accepts the undo (the offer plus network slack). */
export const RESOLVE_UNDO_GRACE_MS = (RESOLVE_UNDO_SECONDS + 5) * 1000

const OPEN_STATES = ['triggered', 'acknowledged', 'investigating'] as const
export type OpenStatus = (typeof OPEN_STATES)[number]

/** The incident's latest status entry on the timeline (IncidentEvent of type 'status'). */
export interface LastStatusEvent {
  actorLabel: string
  data: unknown
}

export type UndoCheck =
  | { ok: true; from: OpenStatus; nextEscalationAt: Date | null }
  | { ok: false; reason: 'not_resolved' | 'not_by_hand' | 'someone_else' | 'too_late' }

export const UNDO_REFUSALS: Record<Extract<UndoCheck, { ok: false }>['reason'], string> = {
  not_resolved: 'is not resolved, so there is nothing to undo',
  not_by_hand: 'was not resolved by hand, so the resolution cannot be undone; reopen it instead',
  someone_else: 'was resolved by someone else: only they can undo it; reopen it instead',
  too_late: 'was resolved more than a few seconds ago: reopen it instead',
}

/** Whether `actorLabel` may undo the resolution at `now`, and the state to go back to. */
export function checkUndoResolve(
  incident: { status: IncidentStatus; resolvedAt: Date | null },
  last: LastStatusEvent | null,
  actorLabel: string,
  now: Date,
): UndoCheck {
  if (incident.status !== 'resolved' || !incident.resolvedAt) return { ok: false, reason: 'not_resolved' }
  const data = (last?.data ?? {}) as Record<string, unknown>
  const from = OPEN_STATES.find((s) => s === data.from)
  if (!last || data.to !== 'resolved' || data.auto || !from) return { ok: false, reason: 'not_by_hand' }
  if (last.actorLabel !== actorLabel) return { ok: false, reason: 'someone_else' }
  const elapsed = now.getTime() - incident.resolvedAt.getTime()
  if (elapsed > RESOLVE_UNDO_GRACE_MS) return { ok: false, reason: 'too_late' }
  const next = typeof data.nextEscalationAt === 'string' ? new Date(data.nextEscalationAt) : null
  return { ok: true, from, nextEscalationAt: next && !Number.isNaN(next.getTime()) ? next : null }
}
