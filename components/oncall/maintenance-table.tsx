import { BoolBadge } from '@/components/ui/badge-map'
import { actionsColumn, DataTable } from '@/components/ui/data-table'
import { EmptyState } from '@/components/ui/empty-state'
import { RelativeTime } from '@/components/ui/relative-time'
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
    <DataTable<MaintenanceView>
      caption="Current and upcoming maintenance windows"
      captionHidden
      rows={windows}
      rowKey={(w) => w.id}
      columns={[
        {
          header: 'Service',
          className: 'font-medium',
          cell: (w) => (
            <>
              {w.serviceName}
              {w.recurring && <span className="block text-xs font-normal text-ink-muted">recurring</span>}
            </>
          ),
        },
        {
          header: 'Status',
          cell: (w) => (
            <BoolBadge value={w.active} yes={{ label: 'In progress · muted', tone: 'at-risk', icon: 'bell' }} no={{ label: 'Scheduled', tone: 'neutral', icon: 'clock' }} />
          ),
        },
        { header: 'Starts (your time)', cell: (w) => <ViewerTime date={w.startsAt} /> },
        {
          header: 'Ends (your time)',
          cell: (w) => (
            <>
              <ViewerTime date={w.endsAt} /> <span className="text-xs text-ink-muted">(<RelativeTime date={w.endsAt} />)</span>
            </>
          ),
        },
        { header: 'Reason', className: 'text-ink-muted', cell: (w) => w.reason || '—' },
        canManage && actionsColumn((w) => <EndMaintenanceButton windowId={w.id} serviceName={w.serviceName} active={w.active} />),
      ]}
    />
  )
}
