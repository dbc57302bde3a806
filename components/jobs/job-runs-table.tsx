import { formatDuration, formatNumber } from '@/lib/format'
import { displayStatus, formatResult } from '@/lib/jobs/format'
import type { JobRunRow, JobRunsPage } from '@/lib/jobs/queries'
import { ButtonLink } from '@/components/ui/button'
import { DataTable, type Columns } from '@/components/ui/data-table'
import { Icon } from '@/components/ui/icons'
import { RelativeTime } from '@/components/ui/relative-time'
import { JobError } from './job-error'
import { JobRunStatus } from './job-run-status'
import { triggerLabel } from './job-words'

export interface JobRunsTableProps {
  jobName: string
  runs: readonly JobRunRow[]
  /** Past this many seconds a run still marked running was cut short (see displayStatus). */
  maxRunSeconds: number
  now: Date
}

/** A job's runs, newest first: how each ended, when, what started it, how long it took and what it did. */
export function JobRunsTable({ jobName, runs, maxRunSeconds, now }: JobRunsTableProps) {
  const columns: Columns<JobRunRow> = [
    { header: 'Status', cell: (r) => <JobRunStatus status={displayStatus(r, maxRunSeconds, now)} /> },
    { header: 'Started', className: 'whitespace-nowrap', cell: (r) => <RelativeTime date={r.startedAt} /> },
    { header: 'Started by', className: 'whitespace-nowrap text-ink-muted', cell: (r) => triggerLabel(r.trigger) },
    { header: 'Duration', numeric: true, cell: (r) => (r.durationMs === null ? '—' : formatDuration(r.durationMs)) },
    {
      header: 'Outcome',
      className: 'min-w-64 max-w-xl',
      cell: (r) =>
        r.error ? (
          <JobError error={r.error} />
        ) : (
          <span className="text-ink-muted">{formatResult(r.result) || (r.status === 'skipped' ? 'Another run held the job.' : '—')}</span>
        ),
    },
  ]
  return <DataTable caption={`Runs of ${jobName}, newest first`} captionHidden columns={columns} rows={runs} rowKey={(r) => r.id.toString()} />
}

/** "Runs 26–50 of 1,234" with links to newer and older pages (`?page=`). */
export function JobRunsPager({ jobName, page, pageSize }: { jobName: string; page: JobRunsPage; pageSize: number }) {
  const first = (page.page - 1) * pageSize + 1
  const last = first + page.runs.length - 1
  const href = (n: number) => `/admin/jobs/${encodeURIComponent(jobName)}${n > 1 ? `?page=${n}` : ''}`
  return (
    <nav aria-label="Pages of runs" className="flex flex-wrap items-center justify-between gap-3 border-t border-line px-4 py-3">
      <p className="text-sm text-ink-muted tabular-nums">
        Runs {formatNumber(first)}–{formatNumber(last)} of {formatNumber(page.total)}
      </p>
      <div className="flex flex-wrap gap-2">
        {page.page > 1 && (
          <ButtonLink href={href(page.page - 1)} size="sm" variant="ghost">
            Newer runs
          </ButtonLink>
        )}
        {page.page < page.pageCount && (
          <ButtonLink href={href(page.page + 1)} size="sm" prefetch={false}>
            Older runs
            <Icon name="chevron" />
          </ButtonLink>
        )}
      </div>
    </nav>
  )
}
