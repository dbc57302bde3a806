import { Badge } from '@/components/ui/badge'
import type { JobOverview } from '@/lib/jobs/queries'

/**
 * A job's state in a word: failing (its last finished run failed), overdue (no run since well past its
 * schedule), running now (a run holds it), never run, or OK.
 */
export function JobStateBadge({ job }: { job: Pick<JobOverview, 'health' | 'leasedUntil'> }) {
  if (job.health === 'failing')
    return (
      <Badge tone="critical" icon="x-circle">
        Failing
      </Badge>
    )
  if (job.health === 'overdue')
    return (
      <Badge tone="medium" icon="clock">
        Overdue
      </Badge>
    )
  if (job.leasedUntil)
    return (
      <Badge tone="low" icon="spinner">
        Running now
      </Badge>
    )
  if (job.health === 'no runs')
    return (
      <Badge tone="neutral" icon="minus">
        Not run yet
      </Badge>
    )
  return (
    <Badge tone="ok" icon="check-circle">
      OK
    </Badge>
  )
}
