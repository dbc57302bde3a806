/**
 * Runs a job now for an external cron (or a Kubernetes CronJob, systemd timer, Vercel Cron…), by GET or POST:
 * `curl -H "Authorization: Bearer $CRON_SECRET" https://…/api/cron/housekeeping`.
 */
import { defineRoute, json } from '@/lib/http/route'
import { notFound } from '@/lib/errors'
import { getJob, jobNames } from '@/lib/jobs/registry'
import { runJob } from '@/lib/jobs/runner'

const handler = defineRoute<{ job: string }>({ route: '/api/cron/[job]', access: { kind: 'cron' } }, async ({ params }) => {
  const job = getJob(params.job)
  if (!job) throw notFound(`Unknown job. Known jobs: ${jobNames().join(', ')}`)
  const outcome = await runJob(job, 'http')
  const body = {
    job: outcome.job,
    status: outcome.status,
    startedAt: outcome.startedAt.toISOString(),
    durationMs: outcome.durationMs,
    result: outcome.result,
    ...(outcome.error ? { error: outcome.error } : {}),
  }
  // A failed run answers 502 so that cron tools that only look at the HTTP status (curl -f, Kubernetes
  // CronJob, uptime checkers) alert on it; "skipped" (another instance is running it) is not a failure: 200,
  // with result { heldBy, since } naming the holder and when it took the lease: busy if recent, stuck if not.
  // Leases expire within a minute of a holder dying, so a stuck job shows up as failed runs, not endless skips.
  return json(body, { status: outcome.status === 'failed' ? 502 : 200 })
})

// GET runs the job too, on purpose: Vercel Cron and similar schedulers can only send GET (with the bearer
// secret), so a state-changing GET is the contract here, guarded by CRON_SECRET. Do not "fix" it to POST-only.
export const GET = handler
export const POST = handler
