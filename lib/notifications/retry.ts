/**
 * When to try a failed notification again: about 1 min, 5 min, 30 min, 2 h, 6 h, then every 6 h, until
 * 24 h after the message was created; one last attempt lands exactly at that limit, then the message is dead.
 * Pure, so the schedule is tested with a fake clock.
 */
const MINUTE = 60_000
const HOUR = 60 * MINUTE

export const RETRY_DELAYS_MS: readonly number[] = [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 6 * HOUR]
export const RETRY_WINDOW_MS = 24 * HOUR

export function retryDelayMs(attempts: number): number {
  const last = RETRY_DELAYS_MS[RETRY_DELAYS_MS.length - 1]!
  return RETRY_DELAYS_MS[Math.max(0, attempts - 1)] ?? last
}

/**
 * `attempts` is the number of attempts made so far, including the one that just failed at `now`.
 * Returns the time of the next attempt, or null when the message should be given up ('dead').
 */
export function nextAttemptAt(createdAt: Date, attempts: number, now: Date): Date | null {
  const deadline = createdAt.getTime() + RETRY_WINDOW_MS
  if (now.getTime() >= deadline) return null
  return new Date(Math.min(now.getTime() + retryDelayMs(attempts), deadline))
}
