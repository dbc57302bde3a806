/**
 * When a notification is due, and when to try a failed one again. Pure, so both are tested with worked
 * times (retry.test.ts).
 *
 * Backoff: 30 s, 1 min, 2 min, 4 min, then every 5 min while the message is under an hour old, then every
 * 15 min, until 24 h after it was created; one last attempt lands exactly at that limit, then it is dead.
 * Each step is shortened by up to 20 % at random (jitter), so messages that failed together do not all
 * come back in the same second. A receiver that recovers does not wait for these steps: the first message
 * it accepts releases the channel's other waiting messages at once (delivery.ts).
 */
const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

export const RETRY_BASE_MS = 30 * SECOND
/** The longest step while a message is under an hour old, and after that. */
export const RETRY_CAP_FIRST_HOUR_MS = 5 * MINUTE
export const RETRY_CAP_LATER_MS = 15 * MINUTE
export const RETRY_WINDOW_MS = 24 * HOUR
/** A step is shortened by up to this share of itself. */
export const RETRY_JITTER = 0.2

/**
 * How far past a pass's `now` a due time may lie and still count as due in that pass. A scheduled run starts
 * a little after its tick (timer lateness, the lease claim; an external cron adds its own seconds), by a
 * different amount each time: a retry computed from one run's start would otherwise be missed by the next
 * run if that one starts a few milliseconds earlier in its minute, and wait a whole extra minute. Sending a
 * few seconds early is harmless beside steps of 30 s and more (which is also why it must stay below 30 s:
 * a message that fails in a pass is never due again in that same pass).
 */
export const DUE_TOLERANCE_MS = 5 * SECOND

/** The latest due time that a pass starting at `now` sends. */
export function dueBy(now: Date): Date {
  return new Date(now.getTime() + DUE_TOLERANCE_MS)
}

/** The step before jitter after `attempts` failed attempts (1 = the first failed), for a message `ageMs` old. */
export function backoffMs(attempts: number, ageMs: number): number {
  const cap = ageMs < HOUR ? RETRY_CAP_FIRST_HOUR_MS : RETRY_CAP_LATER_MS
  // 2^20 steps of 30 s are far past either cap; the bound keeps the power finite.
  const doublings = Math.min(Math.max(attempts - 1, 0), 20)
  return Math.min(cap, RETRY_BASE_MS * 2 ** doublings)
}

/** The step after jitter. `jitter` in [0, 1]: 0 keeps the whole step, 1 shortens it by RETRY_JITTER. */
export function retryDelayMs(attempts: number, ageMs: number, jitter = 0): number {
  const j = Math.min(Math.max(jitter, 0), 1)
  return Math.round(backoffMs(attempts, ageMs) * (1 - RETRY_JITTER * j))
}

/**
 * `attempts` is the number of attempts made so far, including the one that just failed at `now`; `jitter`
 * as for retryDelayMs (delivery passes Math.random()). Returns the time of the next attempt, or null when the
 * message should be given up ('dead').
 */
export function nextAttemptAt(createdAt: Date, attempts: number, now: Date, jitter = 0): Date | null {
  const deadline = createdAt.getTime() + RETRY_WINDOW_MS
  if (now.getTime() >= deadline) return null
  const delay = retryDelayMs(attempts, now.getTime() - createdAt.getTime(), jitter)
  return new Date(Math.min(now.getTime() + delay, deadline))
}
