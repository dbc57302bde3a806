import type { AlertGroup } from '@/lib/incidents/board-queries'
import { Badge } from '@/components/ui/badge'
import { RelativeTime } from '@/components/ui/relative-time'
import { SeverityBadge } from '@/components/ui/severity-badge'
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table'

/** The alerts behind the incident, repeats folded into one row with a count. Messages were redacted at ingest. */
export function AlertsTable({ alerts, total }: { alerts: AlertGroup[]; total: number }) {
  return (
    <Table caption={`Alerts (${total} received)`} captionHidden>
      <THead>
        <Tr>
          <Th>Source</Th>
          <Th>Status</Th>
          <Th>Severity</Th>
          <Th>Message</Th>
          <Th numeric>Count</Th>
          <Th>First seen</Th>
          <Th>Last seen</Th>
        </Tr>
      </THead>
      <TBody>
        {alerts.map((a) => (
          <Tr key={`${a.source}|${a.system}|${a.severity}|${a.status}|${a.fingerprint}|${a.message}`}>
            <Td>
              <span className="block">{a.source}</span>
              <span className="block text-xs text-ink-muted">{a.system}</span>
            </Td>
            <Td>
              {a.status === 'firing' ? (
                <Badge tone="critical" icon="bell">
                  Firing
                </Badge>
              ) : (
                <Badge tone="ok" icon="check-circle">
                  Resolved
                </Badge>
              )}
            </Td>
            <Td>
              <SeverityBadge severity={a.severity} />
            </Td>
            <Td className="max-w-md break-words">{a.message}</Td>
            <Td numeric>{a.count}</Td>
            <Td>
              <RelativeTime date={a.firstSeen} />
            </Td>
            <Td>
              <RelativeTime date={a.lastSeen} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  )
}
