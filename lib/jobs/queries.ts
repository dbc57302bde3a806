import 'server-only'
import { db, Prisma } from '../db'
import { env } from '../env'
import { describeSchedule } from './describe-schedule'
import { byAttention, jobHealth } from './health'
import { DEFAULT_LEASE_SECONDS, SETTLED_SUFFIX } from './lease'
import { getJob, jobs } from './registry'
import { DEFAULT_TIMEOUT_SECONDS } from './runner'
import { isSchedulerRunning, nextRunAt } from './scheduler'
import { effectiveSchedule, scheduleOverrides } from './schedules'
import type { JobDefinition } from './types'

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

/** Runs per job on the overview (its strip of recent runs) and per page of one job's history. */
export const RECENT_RUNS = 10
export const RUNS_PAGE_SIZE = 25

const newest = { orderBy: [{ startedAt: 'desc' as const }, { id: 'desc' as const }] }

/** Per job: the newest finished run, the newest failure, and the newest run that was not skipped. */
function lastRunsOf(job: string) {
  return Promise.all([
    db.jobRun.findFirst({ where: { job, status: { in: finishedStatuses } }, ...newest, select: { status: true } }),
    db.jobRun.findFirst({ where: { job, status: 'failed' }, ...newest, select: { error: true, startedAt: true } }),
    db.jobRun.findFirst({ where: { job, status: { not: 'skipped' } }, ...newest, select: { startedAt: true } }),
  ])
}

/** Leases held by a run in progress (a settled lease only marks a finished scheduled tick). */
function liveLeases(names: string[], now: Date) {
  return db.jobLease.findMany({ where: { job: { in: names }, expiresAt: { gt: now }, NOT: { holder: { endsWith: SETTLED_SUFFIX } } } })
}

/**
 * One job with its effective schedule in words, next run, health (failing, overdue), last error, current
 * lease and its newest runs (newest first).
 */
async function overviewOf(job: JobDefinition, now: Date, runsPerJob: number, leasedUntil: Date | null) {
  const scheduled = env.WARDROOM_SCHEDULER
  const schedule = effectiveSchedule(job, scheduleOverrides())
  const timeoutSeconds = job.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS
  const [runs, [lastFinished, lastFailure, lastRun]] = await Promise.all([
    db.jobRun.findMany({ where: { job: job.name }, ...newest, take: runsPerJob, select: runSelect }),
    lastRunsOf(job.name),
  ])
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
    /** Start of the newest run that was not skipped. */
    lastRunAt: lastRun?.startedAt ?? null,
    lastError: lastFailure?.error ? { message: lastFailure.error, at: lastFailure.startedAt } : null,
    /** Until when a run (here or in another instance) holds the job, if one does. */
    leasedUntil,
    runs,
  }
}
export type JobOverview = Awaited<ReturnType<typeof overviewOf>>

/** Every registered job (see overviewOf): failing jobs first, then overdue ones, then the rest. */
export async function listJobs(runsPerJob = RECENT_RUNS, now = new Date()): Promise<JobOverview[]> {
  const leases = await liveLeases(
    jobs.map((j) => j.name),
    now,
  )
  const list = await Promise.all(jobs.map((job) => overviewOf(job, now, runsPerJob, leases.find((l) => l.job === job.name)?.expiresAt ?? null)))
  return byAttention(list)
}

/** One job (see overviewOf), or null when no job has this name. */
export async function getJobOverview(name: string, now = new Date()): Promise<JobOverview | null> {
  const job = getJob(name)
  if (!job) return null
  const [lease] = await liveLeases([name], now)
  return overviewOf(job, now, 0, lease?.expiresAt ?? null)
}

/** Whether a job has this name: the page gate's 404 check. */
export async function jobExists(name: string): Promise<boolean> {
  return getJob(name) !== undefined
}

export interface JobRunsPage {
  runs: JobRunRow[]
  total: number
  /** 1-based, clamped to the pages there are. */
  page: number
  pageCount: number
}

/** One page of a job's runs, newest first. */
export async function listJobRuns(name: string, page: number, pageSize = RUNS_PAGE_SIZE): Promise<JobRunsPage> {
  const total = await db.jobRun.count({ where: { job: name } })
  const pageCount = Math.max(1, Math.ceil(total / pageSize))
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount)
  const runs = await db.jobRun.findMany({ where: { job: name }, ...newest, skip: (current - 1) * pageSize, take: pageSize, select: runSelect })
  return { runs, total, page: current, pageCount }
}
