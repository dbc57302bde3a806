import type { ProbeResultItem } from '@/lib/probes/queries'
import { Badge } from '@/components/ui/badge'
import { RelativeTime } from '@/components/ui/relative-time'
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table'
import { formatNumber } from '@/lib/format'

/** The latest checks, newest first. */
export function ProbeResultsTable({ results, caption, showProbe }: { results: ProbeResultItem[]; caption: string; showProbe: boolean }) {
  return (
    <Table caption={caption} captionHidden>
      <THead>
        <Tr>
          <Th>Checked</Th>
          {showProbe && <Th>Probe</Th>}
          <Th>Result</Th>
          <Th numeric>Status</Th>
          <Th numeric>Latency</Th>
          <Th>Error</Th>
        </Tr>
      </THead>
      <TBody>
        {results.map((r) => (
          <Tr key={String(r.id)}>
            <Td>
              <RelativeTime date={r.at} />
            </Td>
            {showProbe && <Td className="max-w-48 truncate">{r.probe.name}</Td>}
            <Td>
              {r.up ? (
                <Badge tone="ok" icon="check-circle">
                  Up
                </Badge>
              ) : (
                <Badge tone="critical" icon="x-circle">
                  Down
                </Badge>
              )}
            </Td>
            <Td numeric>{r.statusCode ?? '—'}</Td>
            <Td numeric>{formatNumber(r.latencyMs)} ms</Td>
            <Td className="text-xs text-ink-muted">{r.error ?? ''}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  )
}
