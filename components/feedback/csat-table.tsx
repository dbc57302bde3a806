import type { SatisfactionReport } from '@/lib/feedback/csat'
import { formatPercent } from '@/lib/format'
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table'

/** CSAT and mean rating per group (department or version); groups under 5 ratings are counted, not shown. */
export function CsatTable({ report, groupLabel, caption }: { report: SatisfactionReport; groupLabel: string; caption: string }) {
  return (
    <div className="space-y-2">
      <Table caption={caption} captionHidden container>
        <THead>
          <Tr>
            <Th>{groupLabel}</Th>
            <Th numeric>Ratings</Th>
            <Th numeric>CSAT (4–5)</Th>
            <Th numeric>Mean rating</Th>
          </Tr>
        </THead>
        <TBody>
          {report.groups.map((g) => (
            <Tr key={g.group}>
              <Td>{g.group}</Td>
              <Td numeric>{g.answers}</Td>
              <Td numeric>{formatPercent(g.csat, 1)}</Td>
              <Td numeric>{g.mean.toFixed(2)}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      {report.hiddenGroups > 0 && (
        <p className="text-sm text-ink-muted">
          {report.hiddenGroups} {report.hiddenGroups === 1 ? 'group has' : 'groups have'} fewer than 5 ratings and {report.hiddenGroups === 1 ? 'is' : 'are'} not shown.
        </p>
      )}
    </div>
  )
}
