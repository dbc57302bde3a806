import { CardBody } from '@/components/ui/card'
import { SectionCard } from '@/components/ui/section-card'
import { Badge, type BadgeTone } from '@/components/ui/badge'
import { EmptyState } from '@/components/ui/empty-state'
import type { IconName } from '@/components/ui/icons'
import { RelativeTime } from '@/components/ui/relative-time'
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table'
import { formatDuration } from '@/lib/format'
import { displayStatus, formatResult } from '@/lib/jobs/format'
import type { JobHealth } from '@/lib/jobs/health'
import type { JobOverview } from '@/lib/jobs/queries'
import { JobRunStatus } from './job-run-status'
import { RunJobButton } from './run-job-button'

export interface JobCardProps {
  job: JobOverview
  canRun: boolean
  /** Whether this server schedules jobs itself; otherwise "next run" depends on an external cron. */
  scheduled: boolean
  timezone: string
  now: Date
}

const ATTENTION: Partial<Record<JobHealth, { label: string; tone: BadgeTone; icon: IconName }>> = {
  failing: { label: 'Failing', tone: 'critical', icon: 'x-circle' },
  overdue: { label: 'Overdue', tone: 'medium', icon: 'clock' },
}

/** "Failing" (the last finished run failed) or "Overdue" (no run since well past its schedule); nothing when well. */
export function JobHealthBadge({ health }: { health: JobHealth }) {
  const meta = ATTENTION[health]
  if (!meta) return null
  return (
    <Badge tone={meta.tone} icon={meta.icon} className="ml-2 align-middle">
      {meta.label}
    </Badge>
  )
}

export function JobCard({ job, canRun, scheduled, timezone, now }: JobCardProps) {
  const headingId = `job-${job.name}`
  return (
    <SectionCard
      headingId={headingId}
      title={
        <>
          <span className="font-mono">{job.name}</span>
          <JobHealthBadge health={job.health} />
          {job.leasedUntil && (
            <Badge tone="low" icon="clock" className="ml-2 align-middle">
              Running now
            </Badge>
          )}
        </>
      }
      description={job.description}
      actions={canRun ? <RunJobButton name={job.name} /> : undefined}
      bare
    >
      <CardBody>
        <dl className="grid gap-x-8 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-ink-muted">Schedule</dt>
            <dd className="text-ink">
              {job.scheduleText} <span className="text-ink-muted">({timezone})</span>{' '}
              <code className="ml-1 rounded bg-surface-muted px-1 py-0.5 text-xs text-ink-muted">{job.schedule}</code>
              {job.scheduleOverridden && <span className="ml-1 text-ink-muted">(set by WARDROOM_JOB_SCHEDULES)</span>}
            </dd>
          </div>
          <div>
            <dt className="text-ink-muted">Next run</dt>
            <dd className="text-ink">
              {!scheduled ? (
                <span className="text-ink-muted">set by the external cron</span>
              ) : job.nextRunAt ? (
                <RelativeTime date={job.nextRunAt} />
              ) : (
                <span className="text-ink-muted">none</span>
              )}
            </dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-ink-muted">Last error</dt>
            <dd className="text-ink">
              {job.lastError ? (
                <>
                  <span className={job.health === 'failing' ? 'text-critical-fg' : undefined}>{job.lastError.message}</span>{' '}
                  <span className="text-ink-muted">
                    (<RelativeTime date={job.lastError.at} />)
                  </span>
                </>
              ) : (
                <span className="text-ink-muted">none recorded</span>
              )}
            </dd>
          </div>
        </dl>
      </CardBody>
      {job.runs.length === 0 ? (
        <EmptyState title="No runs yet" icon="clock" className="border-t border-line py-6">
          Runs appear here once the schedule, an external cron or “Run now” starts the job.
        </EmptyState>
      ) : (
        <div className="border-t border-line">
          <Table caption={`Last runs of ${job.name}`} captionHidden>
            <THead>
              <Tr>
                <Th>Status</Th>
                <Th>Started</Th>
                <Th>Trigger</Th>
                <Th numeric>Duration</Th>
                <Th>Result</Th>
              </Tr>
            </THead>
            <TBody>
              {job.runs.map((run) => (
                <Tr key={run.id.toString()}>
                  <Td>
                    <JobRunStatus status={displayStatus(run, job.timeoutSeconds + job.leaseSeconds, now)} />
                  </Td>
                  <Td>
                    <RelativeTime date={run.startedAt} />
                  </Td>
                  <Td className="text-ink-muted">{run.trigger}</Td>
                  <Td numeric>{run.durationMs === null ? '—' : formatDuration(run.durationMs)}</Td>
                  <Td className="max-w-md">
                    {run.error && <p className="text-critical-fg">{run.error}</p>}
                    {(run.result !== null || !run.error) && <p className="text-ink-muted">{formatResult(run.result) || '—'}</p>}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </div>
      )}
    </SectionCard>
  )
}
