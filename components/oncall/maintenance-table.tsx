import { Badge } from '@/components/ui/badge'
import { EmptyState } from '@/components/ui/empty-state'
import { RelativeTime } from '@/components/ui/relative-time'
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table'
import type { MaintenanceView } from '@/lib/oncall/queries'
import { EndMaintenanceButton } from './confirm-actions'
import { ViewerTime } from '@/components/ui/viewer-time'

export function MaintenanceTable({ windows, canManage }: { windows: readonly MaintenanceView[]; canManage: boolean }) {
  if (windows.length === 0) {
    return (
      <EmptyState title="No maintenance planned" icon="settings">
        While a window is in progress, a service’s new incidents are recorded but muted: no notifications, no escalation.
      </EmptyState>
    )
  }
  return (
    <Table caption="Current and upcoming maintenance windows" captionHidden>
      <THead>
        <Tr>
          <Th>Service</Th>
          <Th>Status</Th>
          <Th>Starts (your time)</Th>
          <Th>Ends (your time)</Th>
          <Th>Reason</Th>
          {canManage && (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          )}
        </Tr>
      </THead>
      <TBody>
        {windows.map((w) => (
          <Tr key={w.id}>
            <Td className="font-medium">{w.serviceName}</Td>
            <Td>
              {w.active ? (
                <Badge tone="at-risk" icon="bell">
                  In progress · muted
                </Badge>
              ) : (
                <Badge tone="neutral" icon="clock">
                  Scheduled
                </Badge>
              )}
            </Td>
            <Td>
              <ViewerTime date={w.startsAt} />
            </Td>
            <Td>
              <ViewerTime date={w.endsAt} /> <span className="text-xs text-ink-muted">(<RelativeTime date={w.endsAt} />)</span>
            </Td>
            <Td className="text-ink-muted">{w.reason || '—'}</Td>
            {canManage && (
              <Td className="text-right">
                <EndMaintenanceButton windowId={w.id} serviceName={w.serviceName} active={w.active} />
              </Td>
            )}
          </Tr>
        ))}
      </TBody>
    </Table>
  )
}
