/**
 * The shape of a periodic job. Each job is one file in lib/jobs and one line in registry.ts; the scheduler,
 * the cron route, the admin "Run now" button and the CLI all run it through `runJob` (runner.ts).
 */
import type { Logger } from 'pino'

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
}

export interface JobDefinition {
  /** kebab-case, unique; the URL segment of /api/cron/<name>. */
  name: string
  /** Cron expression in croner syntax (5 fields, or 6 with seconds), read in WARDROOM_TIMEZONE. */
  schedule: string
  description: string
  /**
   * How long a run may hold the job's lease before another instance may take it over (default 300 s).
   * Must exceed the longest run: the lease is not renewed while the job runs.
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
