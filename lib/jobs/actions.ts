'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { defineAction, type FormState } from '../auth/guard'
import { recordAudit } from '../audit'
import { runJob, type JobOutcomeStatus } from './runner'

export interface RunJobNowResult {
  status: JobOutcomeStatus
  durationMs: number
  error?: string
}

/** "Run now" on the admin jobs page: runs the job in this request (trigger 'manual') and audits who did. */
export const runJobNow = defineAction('job:run', z.object({ name: z.string().min(1).max(100) }), async ({ name }, { actor }): Promise<FormState<RunJobNowResult>> => {
  const outcome = await runJob(name, 'manual')
  await recordAudit(actor, {
    action: 'job.run',
    targetType: 'job',
    targetId: name,
    summary: { status: outcome.status, runId: outcome.runId ?? null },
  })
  revalidatePath('/admin/jobs')
  const message =
    outcome.status === 'ok'
      ? `${name} finished in ${outcome.durationMs} ms.`
      : outcome.status === 'skipped'
        ? `${name} is already running elsewhere; this run was skipped.`
        : `${name} failed: ${outcome.error ?? 'unknown error'}`
  return {
    ok: outcome.status !== 'failed',
    message,
    data: { status: outcome.status, durationMs: outcome.durationMs, ...(outcome.error ? { error: outcome.error } : {}) },
  }
})
