import Link from 'next/link'
import type { ExperimentListItem } from '@/lib/flags/experiments'
import { formatNumber, formatPercent } from '@/lib/format'
import { Badge } from '@/components/ui/badge'
import { RelativeTime } from '@/components/ui/relative-time'
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table'
import { environmentLabel } from './labels'
import { describeMetric } from './experiment-metric'

const STATUS = {
  running: { label: 'Running', tone: 'accent', icon: 'chart' },
  draft: { label: 'Draft', tone: 'neutral', icon: 'list' },
  stopped: { label: 'Stopped', tone: 'neutral', icon: 'minus' },
} as const

export function ExperimentStatusBadge({ status }: { status: string }) {
  const meta = STATUS[status as keyof typeof STATUS] ?? { label: status, tone: 'neutral', icon: 'info' }
  return (
    <Badge tone={meta.tone} icon={meta.icon}>
      {meta.label}
    </Badge>
  )
}

/** Every experiment with its flag, metric and totals; the name links to the results. */
export function ExperimentTable({ experiments }: { experiments: readonly ExperimentListItem[] }) {
  return (
    <Table caption="Experiments" captionHidden>
      <THead>
        <Tr>
          <Th>Experiment</Th>
          <Th>Flag</Th>
          <Th>Status</Th>
          <Th>Primary metric</Th>
          <Th numeric>Exposed</Th>
          <Th numeric>Converted</Th>
          <Th numeric>Rate</Th>
          <Th>Started</Th>
        </Tr>
      </THead>
      <TBody>
        {experiments.map((x) => (
          <Tr key={x.id}>
            <Td>
              <Link href={`/flags/experiments/${encodeURIComponent(x.key)}`} className="font-medium text-accent-fg hover:underline">
                {x.name}
              </Link>
              <div className="font-mono text-xs text-ink-muted">{x.key}</div>
            </Td>
            <Td>
              <Link href={`/flags/${encodeURIComponent(x.flagKey)}?env=${x.environment}`} className="font-mono text-[13px] hover:underline">
                {x.flagKey}
              </Link>
              <div className="text-xs text-ink-muted">{environmentLabel(x.environment)}</div>
            </Td>
            <Td>
              <ExperimentStatusBadge status={x.status} />
            </Td>
            <Td>{describeMetric(x.metric)}</Td>
            <Td numeric>{formatNumber(x.exposures)}</Td>
            <Td numeric>{formatNumber(x.conversions)}</Td>
            <Td numeric>{x.exposures > 0 ? formatPercent(x.conversions / x.exposures, 1) : 'n/a'}</Td>
            <Td>{x.startedAt ? <RelativeTime date={x.startedAt} /> : <span className="text-ink-faint">not started</span>}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  )
}
