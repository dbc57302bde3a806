/**
 * Sessions by the operations guide's rules: a session ends after `idleTimeout` (5 minutes) without events
 * or `sessionTimeout` (1 hour) after it began, whichever comes first. Precisely, for one user's events in
 * time order, an event starts a new session when
 * - it comes `idleTimeoutMs` or more after the previous event, or
 * - it comes `sessionTimeoutMs` or more after the first event of the current session.
 * A session spans its first to its last event. Pure; the analytics-sessions job (session-job.ts) applies it.
 *
 * The split is deterministic going forward from any session start: recomputing from a stored session's
 * start with more (late) events gives the right answer without looking further back.
 */
export const IDLE_TIMEOUT_MS = 300_000
export const SESSION_TIMEOUT_MS = 3_600_000

export interface SessionSpan {
  startedAt: number
  endedAt: number
  eventCount: number
}

/** `times`: one user's event times in ms, ascending (ties allowed). */
export function splitSessions(times: readonly number[], idleTimeoutMs = IDLE_TIMEOUT_MS, sessionTimeoutMs = SESSION_TIMEOUT_MS): SessionSpan[] {
  const out: SessionSpan[] = []
  let current: SessionSpan | null = null
  for (const t of times) {
    if (current && t - current.endedAt < idleTimeoutMs && t - current.startedAt < sessionTimeoutMs) {
      current.endedAt = t
      current.eventCount++
    } else {
      current = { startedAt: t, endedAt: t, eventCount: 1 }
      out.push(current)
    }
  }
  return out
}
