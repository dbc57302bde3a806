import Link from 'next/link'
import type { ExperimentListItem } from '@/lib/flags/experiments'
import { formatNumber, formatPercent } from '@/lib/format'
import { MapBadge, type BadgeMap } from '@/components/ui/badge-map'
import { RelativeTime } from '@/components/ui/relative-time'
import { DataTable, type Columns } from '@/components/ui/data-table'
import { environmentLabel } from './labels'
import { describeMetric } from './experiment-metric'

const STATUS: BadgeMap<'running' | 'draft' | 'stopped'> = {
  running: { label: 'Running', tone: 'accent', icon: 'chart' },
  draft: { label: 'Draft', tone: 'neutral', icon: 'list' },
  stopped: { label: 'Stopped', tone: 'neutral', icon: 'minus' },
}

export function ExperimentStatusBadge({ status }: { status: string }) {
  return <MapBadge map={STATUS} value={status} />
}

const COLUMNS: Columns<ExperimentListItem> = [
  {
    header: 'Experiment',
    cell: (x) => (
      <>
        <Link href={`/flags/experiments/${encodeURIComponent(x.key)}`} className="font-medium text-accent-fg hover:underline">
          {x.name}
        </Link>
        <div className="font-mono text-xs text-ink-muted">{x.key}</div>
      </>
    ),
  },
  {
    header: 'Flag',
    cell: (x) => (
      <>
        <Link href={`/flags/${encodeURIComponent(x.flagKey)}?env=${x.environment}`} className="font-mono text-[13px] hover:underline">
          {x.flagKey}
        </Link>
        <div className="text-xs text-ink-muted">{environmentLabel(x.environment)}</div>
      </>
    ),
  },
  { header: 'Status', cell: (x) => <ExperimentStatusBadge status={x.status} /> },
  { header: 'Primary metric', cell: (x) => describeMetric(x.metric) },
  { header: 'Exposed', numeric: true, cell: (x) => formatNumber(x.exposures) },
  { header: 'Converted', numeric: true, cell: (x) => formatNumber(x.conversions) },
  { header: 'Rate', numeric: true, cell: (x) => (x.exposures > 0 ? formatPercent(x.conversions / x.exposures, 1) : 'n/a') },
  { header: 'Started', cell: (x) => (x.startedAt ? <RelativeTime date={x.startedAt} /> : <span className="text-ink-faint">not started</span>) },
]

/** Every experiment with its flag, metric and totals; the name links to the results. */
export function ExperimentTable({ experiments }: { experiments: readonly ExperimentListItem[] }) {
  return <DataTable caption="Experiments" captionHidden columns={COLUMNS} rows={experiments} rowKey={(x) => x.id} />
}
