/**
 * The shape of a periodic job. Each job is one file in lib/jobs and one line in registry.ts; the scheduler,
 * the cron route, the admin "Run now" button and the CLI all run it through `runJob` (runner.ts).
 */
import type { Logger } from 'pino'
import type { Actor } from '../auth/actor'

/** What started a run, stored in JobRun.trigger. */
export const JOB_TRIGGERS = ['schedule', 'http', 'cli', 'manual'] as const
export type JobTrigger = (typeof JOB_TRIGGERS)[number]

/** JobRun.status: `running` until the run ends; `skipped` when another run held the lease. */
export const JOB_STATUSES = ['running', 'ok', 'failed', 'skipped'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]

/** A small, PHI-free summary of what a run did (counts, ids, flags), stored in JobRun.result. */
export type JobResult = Record<string, unknown>

export interface JobContext {
  /** When the run started; use it instead of `new Date()` so a run works on one consistent instant. */
  now: Date
  log: Logger
  /**
   * Aborted when the run times out or loses its lease. Check it between batches (`signal.throwIfAborted()`)
   * or hand it to fetch: from that moment the runner no longer waits for the handler, records the run as
   * failed and lets the lease go, so work done after it may overlap the next run.
   */
  signal: AbortSignal
  /** What started the run (absent in tests that call a job directly). */
  trigger?: JobTrigger
  /** Who started a manual run ("Run now", a drill from Admin → Backups), for jobs that record it. */
  actor?: Actor
}

export interface JobDefinition {
  /** kebab-case, unique; the URL segment of /api/cron/<name>. */
  name: string
  /**
   * Cron expression in croner syntax (5 fields, or 6 with seconds), read in WARDROOM_TIMEZONE.
   * WARDROOM_JOB_SCHEDULES may override it per deployment (schedules.ts).
   */
  schedule: string
  description: string
  /**
   * How long a run may take before it is aborted and recorded as failed (default 300 s). A per-minute job
   * that must not overlap work with its next run (claims, budgets) sets this below that work's expiry.
   */
  timeoutSeconds?: number
  /**
   * Length of the job's lease (default 60 s). The runner renews it every third of this while the run goes
   * on, so it bounds how long a crashed holder blocks the job, not how long a run may take.
   */
  leaseSeconds?: number
  run(ctx: JobContext): Promise<JobResult>
}

/**
 * Thrown by a job whose work completed but whose outcome is a failure (e.g. a broken audit chain):
 * the run is recorded as failed with this message and still keeps its result summary.
 */
export class JobFailure extends Error {
  constructor(
    message: string,
    readonly result: JobResult,
  ) {
    super(message)
    this.name = 'JobFailure'
  }
}
