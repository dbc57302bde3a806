import 'server-only'
import { db, Prisma } from '../db'
import { env } from '../env'
import { describeSchedule } from './describe-schedule'
import { DEFAULT_LEASE_SECONDS, SETTLED_SUFFIX } from './lease'
import { jobs } from './registry'
import { isSchedulerRunning, nextRunAt } from './scheduler'

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

/** Every registered job with its schedule in words, next run, current lease and last runs (newest first). */
export async function listJobs(runsPerJob = 5) {
  const now = new Date()
  const [runs, leases] = await Promise.all([
    Promise.all(jobs.map((j) => db.jobRun.findMany({ where: { job: j.name }, orderBy: { startedAt: 'desc' }, take: runsPerJob, select: runSelect }))),
    // A settled lease only marks a finished scheduled tick; no run is in progress.
    db.jobLease.findMany({
      where: { job: { in: jobs.map((j) => j.name) }, expiresAt: { gt: now }, NOT: { holder: { endsWith: SETTLED_SUFFIX } } },
    }),
  ])
  return jobs.map((job, i) => ({
    name: job.name,
    description: job.description,
    schedule: job.schedule,
    scheduleText: describeSchedule(job.schedule),
    leaseSeconds: job.leaseSeconds ?? DEFAULT_LEASE_SECONDS,
    nextRunAt: nextRunAt(job, now),
    /** Until when a run (here or in another instance) holds the job, if one does. */
    leasedUntil: leases.find((l) => l.job === job.name)?.expiresAt ?? null,
    runs: runs[i]!,
  }))
}
export type JobOverview = Awaited<ReturnType<typeof listJobs>>[number]
