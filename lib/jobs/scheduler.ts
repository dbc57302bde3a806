/**
 * The in-process scheduler: one croner timer per job, in WARDROOM_TIMEZONE. With several instances every
 * instance schedules every job; the lease in runJob lets one of them run each tick (the lease is kept for
 * a moment after a scheduled run, so the others record a skipped run). WARDROOM_SCHEDULER=off leaves
 * scheduling to an external cron calling /api/cron/<job>. WARDROOM_JOB_SCHEDULES overrides schedules
 * (schedules.ts); an invalid value stops the start with an error naming the problem.
 */
import { Cron } from 'croner'
import { env } from '../env'
import { logger } from '../logger'
import { jobs } from './registry'
import { runJob } from './runner'
import { effectiveSchedule, scheduleOverrides } from './schedules'
import type { JobDefinition } from './types'

interface SchedulerState {
  crons: Cron[]
}

// `next dev` evaluates modules several times, and instrumentation and pages are bundled apart: one per process.
const g = globalThis as unknown as { wardroomScheduler?: SchedulerState }

const SETTLE_MAX_MS = 60_000

/**
 * How long a scheduled run keeps its lease after it ends: long enough for every instance's timer to have
 * fired the same tick (clocks and timers drift by well under a minute), never into the next tick.
 */
export function settleUntil(tick: Date, next: Date | null): Date {
  const gap = next ? next.getTime() - tick.getTime() : SETTLE_MAX_MS * 2
  return new Date(tick.getTime() + Math.max(0, Math.min(SETTLE_MAX_MS, gap / 2)))
}

/**
 * Starts the timers unless WARDROOM_SCHEDULER=off, each job on its effective schedule. Idempotent; returns
 * whether the scheduler runs. Throws when WARDROOM_JOB_SCHEDULES is invalid.
 */
export function startScheduler(list: readonly JobDefinition[] = jobs): boolean {
  if (g.wardroomScheduler) return true
  if (!env.WARDROOM_SCHEDULER) return false
  const overrides = scheduleOverrides()
  if (Object.keys(overrides).length) logger.info({ overrides }, 'job schedules overridden by WARDROOM_JOB_SCHEDULES')
  const crons = list.map(
    (job) =>
      new Cron(
        effectiveSchedule(job, overrides),
        {
          name: `wardroom:${job.name}`,
          // Within this process a slow run is never overlapped by its next tick; the lease covers other processes.
          protect: (c) => logger.warn({ job: job.name, cron: c.name }, 'job still running at its next tick; tick skipped'),
          timezone: env.WARDROOM_TIMEZONE,
          unref: true,
          catch: (err) => logger.error({ job: job.name, err: { message: String(err) } }, 'scheduled job threw'),
        },
        async (self) => {
          await runJob(job, 'schedule', { settleUntil: settleUntil(new Date(), self.nextRun()) })
        },
      ),
  )
  g.wardroomScheduler = { crons }
  return true
}

/** Stops every timer (runs in progress finish). Idempotent. */
export function stopScheduler(): void {
  g.wardroomScheduler?.crons.forEach((c) => c.stop())
  g.wardroomScheduler = undefined
}

export function isSchedulerRunning(): boolean {
  return Boolean(g.wardroomScheduler)
}

/**
 * The next time a schedule fires after `from`, in WARDROOM_TIMEZONE; null if it never does. Pass the
 * effective schedule (schedules.ts) to answer for this deployment.
 */
export function nextRunAt(job: Pick<JobDefinition, 'schedule'>, from: Date = new Date()): Date | null {
  try {
    // A Cron without a callback starts no timer: it only evaluates the pattern.
    return new Cron(job.schedule, { timezone: env.WARDROOM_TIMEZONE }).nextRun(from)
  } catch {
    return null
  }
}
