import { Fragment } from 'react'
import Link from 'next/link'
import { formatDuration } from '@/lib/format'
import { displayStatus } from '@/lib/jobs/format'
import type { JobOverview } from '@/lib/jobs/queries'
import { RelativeTime } from '@/components/ui/relative-time'
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table'
import { JobError } from './job-error'
import { JobStateBadge } from './job-state'
import { RunJobButton } from './run-job-button'
import { RunStrip } from './run-strip'

export interface JobTableProps {
  /** In the order to show them: failing and overdue first (lib/jobs/health.ts byAttention). */
  jobs: readonly JobOverview[]
  canRun: boolean
  /** Whether this server schedules jobs itself; otherwise the next run is up to an external cron. */
  scheduled: boolean
  now: Date
}

/** The run-time limit past which a run still marked running was cut short (see displayStatus). */
export const maxRunSeconds = (job: Pick<JobOverview, 'timeoutSeconds' | 'leaseSeconds'>) => job.timeoutSeconds + job.leaseSeconds

/**
 * One row per job: its state, a strip of its last runs, when it last and next runs. A failing or overdue
 * job gets a second row saying what is wrong and what to do; each job's page has its whole history.
 */
export function JobTable({ jobs, canRun, scheduled, now }: JobTableProps) {
  const columns = canRun ? 6 : 5
  return (
    <Table caption="Scheduled jobs, failing and overdue first" captionHidden>
      <THead>
        <Tr>
          <Th>Job</Th>
          <Th>State</Th>
          <Th>Recent runs</Th>
          <Th>Last run</Th>
          <Th>Next run</Th>
          {canRun && (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          )}
        </Tr>
      </THead>
      <TBody>
        {jobs.map((job) => {
          const runs = job.runs.map((r) => ({ ...r, shown: displayStatus(r, maxRunSeconds(job), now) }))
          const last = job.runs[0]
          const problem = job.health === 'failing' && job.lastError ? 'failing' : job.health === 'overdue' ? 'overdue' : null
          return (
            <Fragment key={job.name}>
              <Tr className={problem ? 'border-b-0' : undefined}>
                <Td className="max-w-sm">
                  <Link href={`/admin/jobs/${encodeURIComponent(job.name)}`} className="font-mono text-[13px] font-medium text-accent-fg hover:underline">
                    {job.name}
                  </Link>
                  <span className="block truncate text-xs text-ink-muted" title={job.description}>
                    {job.description}
                  </span>
                </Td>
                <Td>
                  <JobStateBadge job={job} />
                </Td>
                <Td>
                  <RunStrip runs={runs} />
                </Td>
                <Td className="whitespace-nowrap">
                  {last ? (
                    <>
                      <RelativeTime date={last.startedAt} />
                      {last.durationMs !== null && <span className="block text-xs text-ink-muted">took {formatDuration(last.durationMs)}</span>}
                    </>
                  ) : (
                    <span className="text-ink-muted">never</span>
                  )}
                </Td>
                <Td className="whitespace-nowrap">
                  {!scheduled ? (
                    <span className="text-ink-muted">external cron</span>
                  ) : job.nextRunAt ? (
                    <RelativeTime date={job.nextRunAt} />
                  ) : (
                    <span className="text-ink-muted">none</span>
                  )}
                </Td>
                {canRun && (
                  <Td className="text-right">
                    <RunJobButton name={job.name} />
                  </Td>
                )}
              </Tr>
              {problem && (
                <Tr>
                  <Td colSpan={columns} className="pt-0 pb-3">
                    <div className={problem === 'failing' ? 'border-l-2 border-critical pl-3' : 'border-l-2 border-medium pl-3'}>
                      {problem === 'failing' && job.lastError ? (
                        <JobError error={job.lastError.message} at={job.lastError.at} />
                      ) : (
                        <OverdueNote job={job} />
                      )}
                    </div>
                  </Td>
                </Tr>
              )}
            </Fragment>
          )
        })}
      </TBody>
    </Table>
  )
}

/** Why an overdue job needs a look, and where to look. */
export function OverdueNote({ job }: { job: Pick<JobOverview, 'lastRunAt'> }) {
  return (
    <p className="text-sm text-ink">
      {job.lastRunAt ? (
        <>
          The last run started <RelativeTime date={job.lastRunAt} />, and the schedule expected another since.
        </>
      ) : (
        'The schedule expected a run by now.'
      )}{' '}
      The scheduler may be stopped or another instance may hold the job: check the scheduler status and the server log, or start a run with “Run now”.
    </p>
  )
}
