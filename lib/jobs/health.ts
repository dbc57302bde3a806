/**
 * Which jobs need an operator's eye on the admin page: failing (the last finished run failed) and overdue
 * (no run since well past the schedule's expected tick). Pure: the caller hands in the schedule as a
 * function, so the rules are tested without clocks or time zones.
 */

export type JobHealth = 'failing' | 'overdue' | 'ok' | 'no runs'

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS

/** The next tick of a schedule after a moment; null when it never fires again. */
export type NextTick = (from: Date) => Date | null

/**
 * The moment after which a job that last started at `lastRunAt` counts as overdue: the schedule's next tick
 * after that run, plus grace — the run's timeout (a slow run makes the scheduler skip ticks), or one more
 * interval (capped at an hour; a missed tick can be a restart), and never under two minutes.
 */
export function overdueAfter(lastRunAt: Date, next: NextTick, timeoutSeconds: number): Date | null {
  const expected = next(lastRunAt)
  if (!expected) return null
  const following = next(expected)
  const interval = following ? following.getTime() - expected.getTime() : 0
  const grace = Math.max(timeoutSeconds * 1000, Math.min(interval, HOUR_MS), 2 * MINUTE_MS)
  return new Date(expected.getTime() + grace)
}

export interface JobHealthInput {
  /** Status of the newest finished (ok or failed) run, if any. */
  lastFinishedStatus: string | null
  /** Start of the newest run that was not skipped, if any. */
  lastRunAt: Date | null
  /** Whether schedules drive the job here; with an external cron, "overdue" cannot be judged. */
  scheduled: boolean
  next: NextTick
  timeoutSeconds: number
  now: Date
}

export function jobHealth(j: JobHealthInput): JobHealth {
  if (j.lastFinishedStatus === 'failed') return 'failing'
  if (!j.lastRunAt) return 'no runs'
  const due = j.scheduled ? overdueAfter(j.lastRunAt, j.next, j.timeoutSeconds) : null
  if (due && due.getTime() < j.now.getTime()) return 'overdue'
  return 'ok'
}

const ATTENTION: Record<JobHealth, number> = { failing: 0, overdue: 1, ok: 2, 'no runs': 2 }

/** Failing jobs first, then overdue ones, then the rest; registry order within each group. */
export function byAttention<T extends { health: JobHealth }>(jobs: readonly T[]): T[] {
  return jobs
    .map((job, i) => ({ job, i }))
    .sort((a, b) => ATTENTION[a.job.health] - ATTENTION[b.job.health] || a.i - b.i)
    .map(({ job }) => job)
}
