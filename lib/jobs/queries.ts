import 'server-only'
import { db, Prisma } from '../db'
import { env } from '../env'
import { describeSchedule } from './describe-schedule'
import { byAttention, jobHealth } from './health'
import { DEFAULT_LEASE_SECONDS, SETTLED_SUFFIX } from './lease'
import { jobs } from './registry'
import { DEFAULT_TIMEOUT_SECONDS } from './runner'
import { isSchedulerRunning, nextRunAt } from './scheduler'
import { effectiveSchedule, scheduleOverrides } from './schedules'

const runSelect = {
  id: true,
  trigger: true,
  status: true,
  startedAt: true,
  finishedAt: true,
  durationMs: true,
  error: true,
  result: true,
} satisfies Prisma.JobRunSelect
export type JobRunRow = Prisma.JobRunGetPayload<{ select: typeof runSelect }>

export interface SchedulerInfo {
  /** WARDROOM_SCHEDULER: whether this deployment wants the in-process scheduler. */
  enabled: boolean
  /** Whether its timers run in this server process. */
  running: boolean
  timezone: string
}

export function getSchedulerInfo(): SchedulerInfo {
  return { enabled: env.WARDROOM_SCHEDULER, running: isSchedulerRunning(), timezone: env.WARDROOM_TIMEZONE }
}

const finishedStatuses = ['ok', 'failed']

/** Per job: the newest finished run, the newest failure, and the newest run that was not skipped. */
function lastRunsOf(job: string) {
  const newest = { orderBy: [{ startedAt: 'desc' as const }, { id: 'desc' as const }] }
  return Promise.all([
    db.jobRun.findFirst({ where: { job, status: { in: finishedStatuses } }, ...newest, select: { status: true } }),
    db.jobRun.findFirst({ where: { job, status: 'failed' }, ...newest, select: { error: true, startedAt: true } }),
    db.jobRun.findFirst({ where: { job, status: { not: 'skipped' } }, ...newest, select: { startedAt: true } }),
  ])
}

/**
 * Every registered job with its effective schedule in words, next run, health (failing, overdue), last
 * error, current lease and last runs (newest first); failing jobs first, then overdue ones, then the rest.
 */
export async function listJobs(runsPerJob = 5) {
  const now = new Date()
  const scheduled = env.WARDROOM_SCHEDULER
  const overrides = scheduleOverrides()
  const [runs, lasts, leases] = await Promise.all([
    Promise.all(jobs.map((j) => db.jobRun.findMany({ where: { job: j.name }, orderBy: { startedAt: 'desc' }, take: runsPerJob, select: runSelect }))),
    Promise.all(jobs.map((j) => lastRunsOf(j.name))),
    // A settled lease only marks a finished scheduled tick; no run is in progress.
    db.jobLease.findMany({
      where: { job: { in: jobs.map((j) => j.name) }, expiresAt: { gt: now }, NOT: { holder: { endsWith: SETTLED_SUFFIX } } },
    }),
  ])
  const list = jobs.map((job, i) => {
    const schedule = effectiveSchedule(job, overrides)
    const timeoutSeconds = job.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS
    const [lastFinished, lastFailure, lastRun] = lasts[i]!
    return {
      name: job.name,
      description: job.description,
      schedule,
      /** Whether WARDROOM_JOB_SCHEDULES replaced the schedule the job defines. */
      scheduleOverridden: schedule !== job.schedule,
      scheduleText: describeSchedule(schedule),
      leaseSeconds: job.leaseSeconds ?? DEFAULT_LEASE_SECONDS,
      timeoutSeconds,
      nextRunAt: nextRunAt({ schedule }, now),
      health: jobHealth({
        lastFinishedStatus: lastFinished?.status ?? null,
        lastRunAt: lastRun?.startedAt ?? null,
        scheduled,
        next: (from) => nextRunAt({ schedule }, from),
        timeoutSeconds,
        now,
      }),
      lastError: lastFailure?.error ? { message: lastFailure.error, at: lastFailure.startedAt } : null,
      /** Until when a run (here or in another instance) holds the job, if one does. */
      leasedUntil: leases.find((l) => l.job === job.name)?.expiresAt ?? null,
      runs: runs[i]!,
    }
  })
  return byAttention(list)
}
export type JobOverview = Awaited<ReturnType<typeof listJobs>>[number]
