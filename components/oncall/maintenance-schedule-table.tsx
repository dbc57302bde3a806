import { actionsColumn, CellNote, DataTable } from '@/components/ui/data-table'
import { EmptyState } from '@/components/ui/empty-state'
import { ViewerTime } from '@/components/ui/viewer-time'
import type { MaintenanceScheduleView } from '@/lib/oncall/maintenance-queries'
import { ArchiveMaintenanceScheduleButton } from './confirm-actions'

/** Recurring maintenance: the rule in words, for which services, and its next three windows. */
export function MaintenanceScheduleTable({ schedules, canManage }: { schedules: readonly MaintenanceScheduleView[]; canManage: boolean }) {
  if (schedules.length === 0) {
    return (
      <EmptyState title="No recurring maintenance" icon="clock">
        A recurring window (for example every Sunday 02:00–04:00 UTC) is scheduled 30 days ahead and mutes its services like a one-off window.
      </EmptyState>
    )
  }
  return (
    <DataTable<MaintenanceScheduleView>
      caption="Recurring maintenance"
      captionHidden
      rows={schedules}
      rowKey={(s) => s.id}
      columns={[
        {
          header: 'When (UTC)',
          className: 'font-medium',
          cell: (s) => (
            <>
              {s.description}
              <CellNote className="font-mono">{s.rrule}</CellNote>
            </>
          ),
        },
        { header: 'Services', cell: (s) => s.serviceName },
        {
          header: 'Next windows (your time)',
          cell: (s) =>
            s.next.length === 0 ? (
              <span className="text-ink-muted">None ahead</span>
            ) : (
              <ol aria-label={`Next windows of ${s.description}`} className="space-y-0.5 text-sm">
                {s.next.map((o) => (
                  <li key={o.startsAt.toISOString()}>
                    <ViewerTime date={o.startsAt} />
                  </li>
                ))}
              </ol>
            ),
        },
        {
          header: 'Reason',
          className: 'text-ink-muted',
          cell: (s) => (
            <>
              {s.reason || '—'}
              <CellNote>by {s.createdBy}</CellNote>
            </>
          ),
        },
        canManage && actionsColumn((s) => <ArchiveMaintenanceScheduleButton scheduleId={s.id} label={`${s.description}, ${s.serviceName}`} />),
      ]}
    />
  )
}
