import { formatDuration, formatPercent } from '@/lib/format'
import type { SlaReportLine } from '@/lib/feedback/sla-report'
import { PROCESSING_SLA_MS } from '@/lib/feedback/sla'
import { PriorityBadge } from './feedback-badges'
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table'

const target = (ms: number) => (ms === 0 ? 'on arrival' : formatDuration(ms))

export function SlaReportTable({ lines, caption }: { lines: SlaReportLine[]; caption: string }) {
  return (
    <Table caption={caption} captionHidden container>
      <THead>
        <Tr>
          <Th>Priority</Th>
          <Th>Target</Th>
          <Th numeric>Items</Th>
          <Th numeric>Met</Th>
          <Th numeric>Breached</Th>
          <Th numeric>Open</Th>
          <Th numeric>Overdue now</Th>
          <Th numeric>Met share</Th>
          <Th numeric>Median time to triage</Th>
        </Tr>
      </THead>
      <TBody>
        {lines.map((l) => (
          <Tr key={l.priority}>
            <Td>
              <PriorityBadge priority={l.priority} />
            </Td>
            <Td>{target(PROCESSING_SLA_MS[l.priority])}</Td>
            <Td numeric>{l.total}</Td>
            <Td numeric>{l.met}</Td>
            <Td numeric>{l.breached}</Td>
            <Td numeric>{l.open}</Td>
            <Td numeric>{l.overdue}</Td>
            <Td numeric>{formatPercent(l.metShare, 1)}</Td>
            <Td numeric>{l.medianTriageMs === null ? '—' : l.medianTriageMs < 60_000 ? 'under a minute' : formatDuration(Math.round(l.medianTriageMs / 60_000) * 60_000)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  )
}
