import Link from 'next/link'
import type { InsightRow } from '@/lib/analytics/insight-queries'
import { formatNumber, formatPercent } from '@/lib/format'
import { Badge } from '@/components/ui/badge'
import { actionsColumn, CellNote, CellTitle, DataTable, NarrowOnly, type Column } from '@/components/ui/data-table'
import { SeverityBadge } from '@/components/ui/severity-badge'
import { InsightStatusButton } from './insight-status-button'

const DAY = 86_400_000
const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })

/** "3 Dec – 9 Dec": the period's whole UTC days (its end is exclusive). */
export function formatPeriod(from: Date, to: Date): string {
  return `${dayFormat.format(from)} – ${dayFormat.format(new Date(to.getTime() - DAY))}`
}

/** "p < 0.001", "p = 0.012". */
export function formatPValue(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`
}

function lostOf(lost: number | null, base: number | null, k: number): string {
  const people = lost === null ? `fewer than ${k}` : formatNumber(lost)
  return base === null ? `${people} lost` : `${people} of ${formatNumber(base)}`
}

function DropOff({ row, k }: { row: InsightRow; k: number }) {
  const rise = row.previousRate !== null && row.currentRate !== null ? (row.currentRate - row.previousRate) * 100 : null
  const rate = (r: number | null) => (r === null ? 'withheld' : formatPercent(r))
  return (
    <>
      <span className="block whitespace-nowrap">
        {rate(row.previousRate)} → <span className="font-semibold">{rate(row.currentRate)}</span>
      </span>
      <CellNote>{rise === null ? `fewer than ${k} lost in a week: rates withheld` : `+${formatNumber(rise, { digits: 1 })} percentage points`}</CellNote>
    </>
  )
}

function StatusBadge({ row }: { row: InsightRow }) {
  if (row.status === 'dismissed') return <Badge icon="minus">Dismissed</Badge>
  if (row.status === 'task_created') {
    const badge = <Badge tone="ok" icon="check-circle">Feedback task</Badge>
    return row.feedbackItemId ? (
      <Link href={`/feedback/${row.feedbackItemId}`} className="hover:underline">
        {badge}
        <span className="sr-only">: open it in Feedback</span>
      </Link>
    ) : (
      badge
    )
  }
  if (row.awaitingFeedbackTask) return <Badge tone="accent" icon="clock">Awaiting a feedback task</Badge>
  return <Badge tone="info" icon="info">Open</Badge>
}

/** The insights of the chosen status: what got worse, where, by how much, how sure, and its funnel. */
export function InsightTable({ rows, k, canManage }: { rows: readonly InsightRow[]; k: number; canManage: boolean }) {
  const columns: Column<InsightRow>[] = [
    { header: 'Priority', cell: (r) => <SeverityBadge severity={r.priority} /> },
    {
      header: 'Workflow step',
      className: 'min-w-52',
      cell: (r) => (
        <>
          <CellTitle text={`Step ${r.step}: ${r.stepLabel}`} />
          <CellNote>
            {r.workflowName ?? (
              <>
                <span className="font-mono">{r.workflowKey}</span> (deleted)
              </>
            )}
            {' · '}
            {r.department || 'Whole hospital'}
          </CellNote>
          <NarrowOnly below="5xl">
            <CellNote>
              {formatPeriod(r.periodFrom, r.periodTo)} · {formatPValue(r.pValue)}
            </CellNote>
            <span className="mt-1 block">
              <StatusBadge row={r} />
            </span>
          </NarrowOnly>
        </>
      ),
    },
    { header: 'Drop-off, week before → week', cell: (r) => <DropOff row={r} k={k} /> },
    {
      header: 'People lost, week before → week',
      cell: (r) => (
        <>
          <span className="block whitespace-nowrap">{lostOf(r.previousLost, r.previousBase, k)}</span>
          <span className="block whitespace-nowrap font-semibold">{lostOf(r.currentLost, r.currentBase, k)}</span>
        </>
      ),
    },
    { header: 'Week', hideBelow: '5xl', cell: (r) => <span className="whitespace-nowrap">{formatPeriod(r.periodFrom, r.periodTo)}</span> },
    { header: 'Significance', hideBelow: '5xl', cell: (r) => <span className="whitespace-nowrap">{formatPValue(r.pValue)}</span> },
    { header: 'Status', hideBelow: '5xl', cell: (r) => <StatusBadge row={r} /> },
    actionsColumn((r) => (
      <div className="flex flex-col items-end gap-1">
        {r.funnel ? (
          <Link href={r.funnel.current} className="text-sm whitespace-nowrap text-accent-fg hover:underline">
            Open funnel<span className="sr-only"> of {r.workflowName} for the week of {formatPeriod(r.periodFrom, r.periodTo)}</span>
          </Link>
        ) : (
          <span className="text-xs text-ink-muted">Workflow deleted</span>
        )}
        {r.funnel && (
          <Link href={r.funnel.previous} className="text-xs whitespace-nowrap text-ink-muted hover:underline">
            Week before<span className="sr-only">: funnel of {formatPeriod(r.previousFrom, r.previousTo)}</span>
          </Link>
        )}
        {r.roadmapItems.map((item) => (
          <Link key={item.id} href={`/roadmap/${item.id}`} className="text-xs whitespace-nowrap text-accent-fg hover:underline">
            On the roadmap: RM-{item.number}
          </Link>
        ))}
        {canManage && r.status !== 'task_created' && <InsightStatusButton id={r.id} status={r.status} subject={`step ${r.step} of ${r.workflowName ?? r.workflowKey}`} />}
      </div>
    )),
  ]
  return <DataTable caption="Insights" captionHidden columns={columns} rows={rows} rowKey={(r) => r.id} />
}
