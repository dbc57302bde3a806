/**
 * The write layer of the jobs area: "Run now" from the admin jobs page. The job runs in this request
 * (trigger 'manual') through `runJob`, which records the run's outcome and its `job.run` audit entry in one
 * transaction (runner.ts). Unknown job names answer 404.
 */
import { authorize, type Actor } from '@/lib/auth/actor'
import { runJob, type JobOutcome } from './runner'

export async function runJobNow(actor: Actor, input: { name: string }): Promise<JobOutcome> {
  authorize(actor, 'job:run')
  return runJob(input.name, 'manual', { actor })
}
