'use server'
/** Server action of the admin jobs page: adapts the "Run now" form to `runJobNow` (./commands.ts). */
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { defineAction, type FormState } from '../auth/guard'
import { formatDuration } from '../format'
import { RunRestoreDrillInput } from '../backups/schema'
import { runJobNow as runJobNowCommand, runRestoreDrillNow as runRestoreDrillNowCommand } from './commands'
import { explainJobError } from './explain-error'
import type { JobOutcomeStatus } from './runner'

export interface RunJobNowResult {
  status: JobOutcomeStatus
  durationMs: number
  error?: string
}

/** "Run now": runs the job in this request (trigger 'manual'); the run and who started it are audited together. */
export const runJobNow = defineAction('job:run', z.object({ name: z.string().min(1).max(100) }), async ({ name }, { actor }): Promise<FormState<RunJobNowResult>> => {
  const outcome = await runJobNowCommand(actor, { name })
  // The list and the job's own page.
  revalidatePath('/admin/jobs', 'layout')
  const message =
    outcome.status === 'ok'
      ? `${name} finished in ${outcome.durationMs} ms.`
      : outcome.status === 'skipped'
        ? `${name} is already running elsewhere; this run was skipped.`
        : `${name} failed. ${explainJobError(outcome.error).sentence}`
  return {
    ok: outcome.status !== 'failed',
    message,
    data: { status: outcome.status, durationMs: outcome.durationMs, ...(outcome.error ? { error: outcome.error } : {}) },
  }
})

export interface RunRestoreDrillResult {
  status: JobOutcomeStatus
  durationMs: number
}

/** "Run a restore drill now" on Admin → Backups: the drill runs in this request; the page then shows its record. */
export const runRestoreDrillNow = defineAction('backup:run', RunRestoreDrillInput, async (input, { actor }): Promise<FormState<RunRestoreDrillResult>> => {
  const outcome = await runRestoreDrillNowCommand(actor, input)
  revalidatePath('/admin/backups')
  revalidatePath('/admin/jobs', 'layout')
  const measured = typeof outcome.result?.totalMs === 'number' ? formatDuration(outcome.result.totalMs) : formatDuration(outcome.durationMs)
  const message =
    outcome.status === 'skipped'
      ? 'A restore drill is already running; this one was skipped.'
      : outcome.status === 'failed'
        ? `${(outcome.error ?? 'The restore drill failed').replace(/\.?$/, '.')} A failed drill opens an incident; its record is below.`
        : outcome.result?.drilled === false
          ? 'There is no backup to drill yet: db-backup takes the first one within the hour.'
          : `Restore drill passed: the newest backup was restored and verified in ${measured}.`
  return { ok: outcome.status !== 'failed', message, data: { status: outcome.status, durationMs: outcome.durationMs } }
})
