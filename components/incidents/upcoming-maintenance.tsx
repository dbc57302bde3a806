import Link from 'next/link'
import { Badge } from '@/components/ui/badge'
import { SectionCard } from '@/components/ui/section-card'
import { ViewerTime } from '@/components/ui/viewer-time'
import { listUpcomingMaintenance, type UpcomingMaintenance } from '@/lib/oncall/maintenance-queries'

const DAYS = 7

function Item({ w }: { w: UpcomingMaintenance }) {
  return (
    <li className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5 py-1.5">
      {w.active ? (
        <Badge tone="at-risk" icon="bell">
          In progress · muted
        </Badge>
      ) : (
        <Badge tone="neutral" icon="clock">
          {w.recurring ? 'Recurring' : 'Scheduled'}
        </Badge>
      )}
      <span className="font-medium text-ink">{w.services}</span>
      <span className="text-ink-muted">
        <ViewerTime date={w.startsAt} /> – <ViewerTime date={w.endsAt} />
        {w.reason ? ` · ${w.reason}` : ''}
      </span>
    </li>
  )
}

/**
 * Maintenance in progress or starting within a week, under the board. Streamed on its own (Suspense in the
 * page), so the board's first render does not wait for it.
 */
export async function UpcomingMaintenanceCard() {
  const { items, more } = await listUpcomingMaintenance(new Date(), DAYS)
  return (
    <SectionCard
      headingId="upcoming-maintenance-heading"
      title="Maintenance in the next 7 days"
      description="During a window, a service’s new incidents are recorded but muted and its escalation waits."
      actions={
        <Link href="/oncall#maintenance-heading" className="rounded-sm text-sm font-medium text-accent-fg underline-offset-2 hover:underline">
          Manage maintenance
        </Link>
      }
      bodyClassName="py-2 text-sm"
    >
      {items.length === 0 ? (
        <p className="py-1.5 text-ink-muted">No maintenance is planned for the next 7 days.</p>
      ) : (
        <ul aria-label="Upcoming maintenance windows" className="divide-y divide-line">
          {items.map((w) => (
            <Item key={w.key} w={w} />
          ))}
          {more > 0 && <li className="py-1.5 text-ink-muted">and {more} more on the on-call page</li>}
        </ul>
      )}
    </SectionCard>
  )
}
