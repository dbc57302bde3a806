'use server'
/** Server action of the admin jobs page: adapts the "Run now" form to `runJobNow` (./commands.ts). */
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { defineAction, type FormState } from '../auth/guard'
import { runJobNow as runJobNowCommand } from './commands'
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
