/**
 * WARDROOM_JOB_SCHEDULES: per-deployment schedule overrides, for operators and the soak test. A JSON object
 * from job name (or "*" for every job) to a croner expression, 5 fields or 6 with seconds first (examples
 * below). A job's own entry wins over "*". Parsed with zod once per value; a bad value (not JSON, an unknown
 * job, a pattern croner cannot read) throws at scheduler start, naming every problem.
 */
// Every job every 15 seconds:        WARDROOM_JOB_SCHEDULES='{"*":"*/15 * * * * *"}'
// Housekeeping every 6 hours:        WARDROOM_JOB_SCHEDULES='{"housekeeping":"0 */6 * * *"}'
import { Cron } from 'croner'
import { z } from 'zod'
import { ConfigError } from '@/lib/config-error'
import { jobNames } from './registry'
import type { JobDefinition } from './types'

export const JOB_SCHEDULES_ENV = 'WARDROOM_JOB_SCHEDULES'
/** The key that overrides the schedule of every job without its own entry. */
export const EVERY_JOB = '*'

/** Job name (or "*") → croner expression. */
export type ScheduleOverrides = Readonly<Record<string, string>>

/** Why croner cannot use `expression` as a schedule, or null when it can. */
export function cronProblem(expression: string): string | null {
  const fields = expression.trim().split(/\s+/)
  if (!expression.trim().startsWith('@') && fields.length !== 5 && fields.length !== 6) {
    return `"${expression}" has ${fields.length} field${fields.length === 1 ? '' : 's'}; use 5, or 6 with seconds first`
  }
  try {
    // A Cron without a callback starts no timer: it only reads the pattern.
    return new Cron(expression).nextRun() ? null : `"${expression}" never fires`
  } catch (err) {
    return `"${expression}" is not a cron expression (${err instanceof Error ? err.message : 'unreadable'})`
  }
}

function scheduleOverridesSchema(knownJobs: readonly string[]) {
  return z
    .string()
    .transform((text, ctx): unknown => {
      try {
        return JSON.parse(text)
      } catch {
        ctx.addIssue({ code: 'custom', message: `not valid JSON; expected e.g. {"${EVERY_JOB}":"*/15 * * * * *"}` })
        return z.NEVER
      }
    })
    .pipe(
      z
        .record(z.string(), z.string({ message: 'the schedule must be a string' }).trim().min(1, 'the schedule is empty'), {
          message: `expected a JSON object of job name → cron expression, e.g. {"${EVERY_JOB}":"*/15 * * * * *"}`,
        })
        .superRefine((map, ctx) => {
          for (const [name, expression] of Object.entries(map)) {
            if (name !== EVERY_JOB && !knownJobs.includes(name)) {
              ctx.addIssue({ code: 'custom', path: [name], message: `unknown job; known jobs: ${knownJobs.join(', ')} (or "${EVERY_JOB}" for every job)` })
              continue
            }
            const problem = cronProblem(expression)
            if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem })
          }
        }),
    )
}

/**
 * Reads a WARDROOM_JOB_SCHEDULES value: blank or absent means no overrides. Throws one error listing every
 * problem, each prefixed with the job it concerns.
 */
export function parseScheduleOverrides(raw: string | undefined, knownJobs: readonly string[]): ScheduleOverrides {
  if (raw === undefined || raw.trim() === '') return {}
  const parsed = scheduleOverridesSchema(knownJobs).safeParse(raw)
  if (parsed.success) return parsed.data
  const lines = parsed.error.issues.map((i) => `  ${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`)
  throw new ConfigError(`Invalid ${JOB_SCHEDULES_ENV}:\n${lines.join('\n')}`)
}

let parsedOnce: { raw: string | undefined; overrides: ScheduleOverrides } | undefined

/** This process's overrides, from the environment; parsed once (again only if the value changes, as in tests). */
export function scheduleOverrides(): ScheduleOverrides {
  const raw = process.env[JOB_SCHEDULES_ENV]
  if (!parsedOnce || parsedOnce.raw !== raw) parsedOnce = { raw, overrides: parseScheduleOverrides(raw, jobNames()) }
  return parsedOnce.overrides
}

/** The schedule a job runs on here: its own override, else the "*" override, else its definition's. */
export function effectiveSchedule(job: Pick<JobDefinition, 'name' | 'schedule'>, overrides: ScheduleOverrides = scheduleOverrides()): string {
  return overrides[job.name] ?? overrides[EVERY_JOB] ?? job.schedule
}
