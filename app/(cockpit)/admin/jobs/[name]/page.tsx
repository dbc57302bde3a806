import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { requirePagePermission } from '@/lib/auth/guard'
import { env } from '@/lib/env'
import { formatDuration } from '@/lib/format'
import { getJobOverview, listJobRuns, RUNS_PAGE_SIZE } from '@/lib/jobs/queries'
import { hasPermission } from '@/lib/rbac'
import { Card, CardBody } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { StackedPage } from '@/components/ui/page-header'
import { RelativeTime } from '@/components/ui/relative-time'
import { SectionCard } from '@/components/ui/section-card'
import { JobError } from '@/components/jobs/job-error'
import { JobRunsPager, JobRunsTable } from '@/components/jobs/job-runs-table'
import { JobStateBadge } from '@/components/jobs/job-state'
import { maxRunSeconds, OverdueNote } from '@/components/jobs/job-table'
import { RunJobButton } from '@/components/jobs/run-job-button'
import { Fact } from '@/components/ui/fact'

type Props = { params: Promise<{ name: string }>; searchParams: Promise<{ page?: string | string[] }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Job ${decodeName((await params).name) ?? ''}`.trim() }
}

function decodeName(raw: string): string | null {
  try {
    return decodeURIComponent(raw)
  } catch {
    return null
  }
}

/** One job: its state, schedule and limits, what went wrong last, and all its runs a page at a time. */
export default async function JobPage({ params, searchParams }: Props) {
  const user = await requirePagePermission('job:read')
  const name = decodeName((await params).name)
  const now = new Date()
  const job = name ? await getJobOverview(name, now) : null
  if (!job) notFound()
  const pageParam = (await searchParams).page
  const runs = await listJobRuns(job.name, Number(Array.isArray(pageParam) ? pageParam[0] : pageParam) || 1)
  const scheduled = env.WARDROOM_SCHEDULER

  return (
    <StackedPage
      back={{ href: '/admin/jobs', label: 'Jobs' }}
      title={<span className="font-mono">{job.name}</span>}
      description={job.description}
      actions={hasPermission(user.role, 'job:run') ? <RunJobButton name={job.name} /> : undefined}
    >
      <Card as="div">
        <CardBody className="py-4">
          <dl className="grid grid-cols-2 gap-x-6 gap-y-3 lg:grid-cols-4">
            <Fact label="State">
              <JobStateBadge job={job} />
            </Fact>
            <Fact label="Schedule">
              {job.scheduleText} <span className="text-ink-muted">({env.WARDROOM_TIMEZONE})</span>
              <code className="mt-0.5 block w-fit rounded bg-surface-muted px-1 py-0.5 font-mono text-xs text-ink-muted">{job.schedule}</code>
              {job.scheduleOverridden && <span className="block text-xs text-ink-muted">set by WARDROOM_JOB_SCHEDULES</span>}
            </Fact>
            <Fact label="Next run">
              {!scheduled ? (
                <span className="text-ink-muted">set by the external cron</span>
              ) : job.nextRunAt ? (
                <RelativeTime date={job.nextRunAt} />
              ) : (
                <span className="text-ink-muted">none</span>
              )}
            </Fact>
            <Fact label="Time limit">{formatDuration(job.timeoutSeconds * 1000)} a run</Fact>
          </dl>
        </CardBody>
        {(job.health === 'failing' || job.health === 'overdue') && (
          <CardBody className={`border-t border-line py-4`}>
            <h2 className="mb-1 text-sm font-semibold text-ink">{job.health === 'failing' ? 'Why it is failing' : 'Why it is overdue'}</h2>
            {job.health === 'failing' && job.lastError ? <JobError error={job.lastError.message} at={job.lastError.at} /> : <OverdueNote job={job} />}
          </CardBody>
        )}
      </Card>

      <SectionCard headingId="runs-heading" title="Runs" description="Newest first. Open “Technical detail” on a failed run for the error as recorded." bare>
        {runs.total === 0 ? (
          <EmptyState title="No runs yet" icon="clock">
            Runs appear here once the schedule, an external cron or “Run now” starts the job.
          </EmptyState>
        ) : (
          <>
            <JobRunsTable jobName={job.name} runs={runs.runs} maxRunSeconds={maxRunSeconds(job)} now={now} />
            <JobRunsPager jobName={job.name} page={runs} pageSize={RUNS_PAGE_SIZE} />
          </>
        )}
      </SectionCard>
    </StackedPage>
  )
}
