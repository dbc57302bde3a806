/**
 * `runJob` is the single way a job runs, whoever starts it (scheduler, cron route, admin page, CLI):
 * take the lease → record a JobRun → run → record the outcome → release → metrics. It never throws for
 * a job's own failure; only an unknown job name is an error (404).
 */
import { db, Prisma } from '../db'
import { logger } from '../logger'
import { metrics } from '../metrics'
import { notFound } from '../http/errors'
import { getJob, jobNames } from './registry'
import { acquireLease, DEFAULT_LEASE_SECONDS, newHolder, releaseLease, settleLease } from './lease'
import { errorMessage, toResultJson } from './format'
import { JobFailure, type JobDefinition, type JobResult, type JobTrigger } from './types'

export type JobOutcomeStatus = 'ok' | 'failed' | 'skipped'

export interface JobOutcome {
  job: string
  status: JobOutcomeStatus
  trigger: JobTrigger
  startedAt: Date
  durationMs: number
  result: JobResult | null
  error?: string
  /** JobRun id, as a string (BigInt does not survive JSON). */
  runId?: string
}

function resolve(job: string | JobDefinition): JobDefinition {
  if (typeof job !== 'string') return job
  const found = getJob(job)
  if (!found) throw notFound(`Unknown job. Known jobs: ${jobNames().join(', ')}`)
  return found
}

const asJson = (result: JobResult | null) => (result === null ? Prisma.DbNull : (result as Prisma.InputJsonValue))

function observe(outcome: JobOutcome): JobOutcome {
  const labels = { job: outcome.job, status: outcome.status }
  metrics.jobRuns.inc(labels)
  metrics.jobDuration.observe(labels, outcome.durationMs / 1000)
  const line = { job: outcome.job, trigger: outcome.trigger, status: outcome.status, ms: outcome.durationMs, runId: outcome.runId }
  if (outcome.status === 'failed') logger.warn({ ...line, error: outcome.error }, 'job failed')
  else logger.info(line, outcome.status === 'skipped' ? 'job skipped: another run holds the lease' : 'job finished')
  return outcome
}

export interface RunOptions {
  /**
   * Scheduled runs: keep the lease (settled) until then after the run, so that other instances firing the
   * same tick a moment later skip it instead of running the job again.
   */
  settleUntil?: Date
}

/** Runs a job now. Pass a name from the registry, or a definition (tests use throwaway jobs this way). */
export async function runJob(job: string | JobDefinition, trigger: JobTrigger, options: RunOptions = {}): Promise<JobOutcome> {
  const def = resolve(job)
  const startedAt = new Date()
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  const holder = newHolder()
  let leased = false
  try {
    leased = await acquireLease(def.name, holder, def.leaseSeconds ?? DEFAULT_LEASE_SECONDS, { overrideSettled: trigger !== 'schedule' })
    if (!leased) {
      const row = await db.jobRun.create({
        data: { job: def.name, trigger, status: 'skipped', startedAt, finishedAt: new Date(), durationMs: elapsed() },
        select: { id: true },
      })
      return observe({ job: def.name, status: 'skipped', trigger, startedAt, durationMs: elapsed(), result: null, runId: row.id.toString() })
    }
    const run = await db.jobRun.create({ data: { job: def.name, trigger, status: 'running', startedAt }, select: { id: true } })
    const runId = run.id.toString()
    let status: JobOutcomeStatus = 'ok'
    let result: JobResult | null = null
    let error: string | undefined
    try {
      result = toResultJson(await def.run({ now: startedAt, log: logger.child({ job: def.name, runId }) }))
    } catch (err) {
      status = 'failed'
      error = errorMessage(err)
      if (err instanceof JobFailure) result = toResultJson(err.result)
    }
    const durationMs = elapsed()
    await db.jobRun.update({
      where: { id: run.id },
      data: { status, finishedAt: new Date(), durationMs, error: error ?? null, result: asJson(result) },
    })
    return observe({ job: def.name, status, trigger, startedAt, durationMs, result, runId, ...(error ? { error } : {}) })
  } catch (err) {
    // The database failed around the job (lease, JobRun row): report it as a failed run, nothing to record it in.
    return observe({ job: def.name, status: 'failed', trigger, startedAt, durationMs: elapsed(), result: null, error: errorMessage(err) })
  } finally {
    if (leased) {
      const done = options.settleUntil ? settleLease(def.name, holder, options.settleUntil) : releaseLease(def.name, holder)
      await done.catch((err: unknown) => logger.warn({ job: def.name, error: errorMessage(err) }, 'job lease not released; it will expire'))
    }
  }
}
