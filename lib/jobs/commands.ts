/**
 * The write layer of the jobs area: "Run now" from the admin jobs page. The job runs in this request
 * (trigger 'manual') through `runJob`, which records the run's outcome and its `job.run` audit entry in one
 * transaction (runner.ts). Unknown job names answer 404.
 */
import { authorize, type Actor } from '@/lib/auth/actor'
import type { RunRestoreDrillInput } from '@/lib/backups/schema'
import { runJob, type JobOutcome } from './runner'

export async function runJobNow(actor: Actor, input: { name: string }): Promise<JobOutcome> {
  authorize(actor, 'job:run')
  return runJob(input.name, 'manual', { actor })
}

/** "Run a restore drill now" (Admin → Backups): the restore-drill job, run in this request, recorded as the person's. */
export async function runRestoreDrillNow(actor: Actor, _input: RunRestoreDrillInput): Promise<JobOutcome> {
  authorize(actor, 'backup:run')
  return runJob('restore-drill', 'manual', { actor })
}
