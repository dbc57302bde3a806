/**
 * `runJob` is the single way a job runs, whoever starts it (scheduler, cron route, admin page, CLI):
 * take the lease → record a JobRun → run (lease renewed, timeout armed) → record the outcome → raise or
 * resolve the job's incident → release → metrics. A manual run's `job.run` audit entry is written in the
 * transaction that records its outcome (`RunOptions.actor`). It never throws for a job's own failure; only an
 * unknown job name is an error (404).
 *
 * A run cannot wedge its job: at its timeout (or when its lease was taken over) the signal handed to the
 * job aborts, the runner stops waiting for the handler, records the run as failed and lets the lease go.
 */
import { db, Prisma } from '../db'
import { logger } from '../logger'
import { metrics } from '../metrics'
import { notFound } from '@/lib/errors'
import { recordAudit } from '@/lib/audit'
import { inTransaction, type Tx } from '@/lib/tx'
import type { Actor } from '@/lib/auth/actor'
import { getJob, jobNames } from './registry'
import { claimLease, DEFAULT_LEASE_SECONDS, newHolder, releaseLease, renewEveryMs, renewLease, settleLease } from './lease'
import { errorMessage, toResultJson } from './format'
import { trackJobHealth } from './failure-incident'
import { JobFailure, type JobDefinition, type JobResult, type JobTrigger } from './types'

export type JobOutcomeStatus = 'ok' | 'failed' | 'skipped'

/** How long a run may take unless its definition says otherwise. */
export const DEFAULT_TIMEOUT_SECONDS = 300

export interface JobOutcome {
  job: string
  status: JobOutcomeStatus
  trigger: JobTrigger
  startedAt: Date
  durationMs: number
  /** The job's summary; for a skipped run, who holds the lease and since when ({ heldBy, since }). */
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
  else if (outcome.status === 'skipped') logger.info({ ...line, ...outcome.result }, 'job skipped: another run holds the lease')
  else logger.info(line, 'job finished')
  return outcome
}

/**
 * The handler's promise, or the signal's reason as soon as it aborts: a handler that ignores the signal
 * keeps running on its own, but nobody waits for it any more.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  // Its late failure, after the race is decided, must not become an unhandled rejection.
  work.catch(() => undefined)
  return new Promise<T>((resolvePromise, reject) => {
    const onAbort = () => reject(signal.reason)
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    void work.then(resolvePromise, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/**
 * Renews the lease every third of its length while the run goes on; aborts the run when the lease turns
 * out to be someone else's (it expired, e.g. after a long event-loop stall, and another process took over).
 * A failed renewal (database hiccup) is retried at the next beat; the lease survives two misses.
 */
function startHeartbeat(job: string, holder: string, leaseSeconds: number, controller: AbortController): NodeJS.Timeout {
  let renewing = false
  const timer = setInterval(() => {
    if (renewing || controller.signal.aborted) return
    renewing = true
    renewLease(job, holder, leaseSeconds)
      .then((mine) => {
        if (!mine) controller.abort(new Error('lease lost: the lease expired before it was renewed and another run took the job over'))
      })
      .catch((err: unknown) => logger.warn({ job, error: errorMessage(err) }, 'job lease not renewed; retrying at the next beat'))
      .finally(() => {
        renewing = false
      })
  }, renewEveryMs(leaseSeconds))
  // The heartbeat alone must not keep a process alive.
  timer.unref()
  return timer
}

export interface RunOptions {
  /**
   * Scheduled runs: keep the lease (settled) until then after the run, so that other instances firing the
   * same tick a moment later skip it instead of running the job again.
   */
  settleUntil?: Date
  /**
   * Who started a manual run ("Run now"): the run's outcome row and its `job.run` audit entry are written
   * in one transaction, so the audit says exactly what was recorded.
   */
  actor?: Actor
}

/** Writes a run's outcome row and, for a run someone started, its audit entry, in one transaction. */
async function recordRun<T>(def: JobDefinition, options: RunOptions, write: (tx: Tx) => Promise<T>, summary: (row: T) => { status: JobOutcomeStatus; runId: string }): Promise<T> {
  const actor = options.actor
  return inTransaction(async (tx) => {
    const row = await write(tx)
    if (actor) await recordAudit(actor, { action: 'job.run', targetType: 'job', targetId: def.name, summary: summary(row) }, tx)
    return row
  })
}

/** Runs a job now. Pass a name from the registry, or a definition (tests use throwaway jobs this way). */
export async function runJob(job: string | JobDefinition, trigger: JobTrigger, options: RunOptions = {}): Promise<JobOutcome> {
  const def = resolve(job)
  const startedAt = new Date()
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  const holder = newHolder()
  const leaseSeconds = def.leaseSeconds ?? DEFAULT_LEASE_SECONDS
  const timeoutSeconds = def.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS
  let leased = false
  let heartbeat: NodeJS.Timeout | undefined
  let deadline: NodeJS.Timeout | undefined
  const stopTimers = () => {
    clearInterval(heartbeat)
    clearTimeout(deadline)
  }
  try {
    const claim = await claimLease(def.name, holder, leaseSeconds, { overrideSettled: trigger !== 'schedule' })
    if (!claim.acquired) {
      // Tells an external cron a busy job (a recent `since`) from a stuck one.
      const result: JobResult = { heldBy: claim.heldBy, since: claim.since?.toISOString() ?? null }
      const row = await recordRun(
        def,
        options,
        (tx) =>
          tx.jobRun.create({
            data: { job: def.name, trigger, status: 'skipped', startedAt, finishedAt: new Date(), durationMs: elapsed(), result: asJson(result) },
            select: { id: true },
          }),
        (r) => ({ status: 'skipped', runId: r.id.toString() }),
      )
      return observe({ job: def.name, status: 'skipped', trigger, startedAt, durationMs: elapsed(), result, runId: row.id.toString() })
    }
    leased = true
    const run = await db.jobRun.create({ data: { job: def.name, trigger, status: 'running', startedAt }, select: { id: true } })
    const runId = run.id.toString()
    const controller = new AbortController()
    // Not unref'd: a run in progress keeps the process up until its outcome is recorded (cleared right after).
    deadline = setTimeout(() => controller.abort(new Error(`timeout: the run exceeded ${timeoutSeconds} s`)), timeoutSeconds * 1000)
    heartbeat = startHeartbeat(def.name, holder, leaseSeconds, controller)
    let status: 'ok' | 'failed' = 'ok'
    let result: JobResult | null = null
    let error: string | undefined
    try {
      const ctx = { now: startedAt, log: logger.child({ job: def.name, runId }), signal: controller.signal, trigger, actor: options.actor }
      result = toResultJson(await untilAborted((async () => def.run(ctx))(), controller.signal))
    } catch (err) {
      status = 'failed'
      // Once aborted, the abort is the story, whatever the handler threw on its way out.
      error = errorMessage(controller.signal.aborted ? controller.signal.reason : err)
      if (!controller.signal.aborted && err instanceof JobFailure) result = toResultJson(err.result)
    }
    stopTimers()
    const durationMs = elapsed()
    await recordRun(
      def,
      options,
      (tx) => tx.jobRun.update({ where: { id: run.id }, data: { status, finishedAt: new Date(), durationMs, error: error ?? null, result: asJson(result) } }),
      () => ({ status, runId }),
    )
    await trackJobHealth(def.name, status, error)
    return observe({ job: def.name, status, trigger, startedAt, durationMs, result, runId, ...(error ? { error } : {}) })
  } catch (err) {
    // The database failed around the job (lease, JobRun row): report it as a failed run, nothing to record it in.
    return observe({ job: def.name, status: 'failed', trigger, startedAt, durationMs: elapsed(), result: null, error: errorMessage(err) })
  } finally {
    stopTimers()
    if (leased) {
      const done = options.settleUntil ? settleLease(def.name, holder, options.settleUntil) : releaseLease(def.name, holder)
      await done.catch((err: unknown) => logger.warn({ job: def.name, error: errorMessage(err) }, 'job lease not released; it will expire'))
    }
  }
}
