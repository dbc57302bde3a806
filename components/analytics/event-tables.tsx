import Link from 'next/link'
import type { EventTypeRow } from '@/lib/analytics/registry-queries'
import { PROPERTY_TYPE_LABELS } from '@/lib/analytics/registry-schema'
import { formatNumber } from '@/lib/format'
import { ButtonLink } from '@/components/ui/button'
import { actionsColumn, CellNote, CellTitle, DataTable, NarrowOnly, type Column } from '@/components/ui/data-table'
import { RelativeTime } from '@/components/ui/relative-time'

const editHref = (name: string) => `/analytics/events?event=${encodeURIComponent(name)}#event-form`

function Properties({ properties }: { properties: EventTypeRow['properties'] }) {
  const entries = Object.entries(properties)
  if (entries.length === 0) return <span className="text-ink-muted">None: only the event’s name is kept</span>
  return (
    <ul className="flex flex-wrap gap-1">
      {entries.map(([name, type]) => (
        <li key={name} className="rounded border border-line bg-surface-muted px-1.5 py-0.5 text-xs">
          <span className="font-mono">{name}</span> <span className="text-ink-muted">{PROPERTY_TYPE_LABELS[type].toLowerCase()}</span>
        </li>
      ))}
    </ul>
  )
}

function LastSeen({ at, inSentence = false }: { at: Date | null; inSentence?: boolean }) {
  return at ? <RelativeTime date={at} /> : <span className="text-ink-muted">{inSentence ? 'not' : 'Not'} in the last 7 days</span>
}

const volumeColumn: Column<EventTypeRow> = { header: 'Events, last 7 days', numeric: true, cell: (r) => formatNumber(r.volume) }
const droppedColumn: Column<EventTypeRow> = {
  header: 'Properties dropped',
  numeric: true,
  hideBelow: '5xl',
  cell: (r) => formatNumber(r.droppedProperties),
}

/** The registered events: what each may carry, who answers for it, how much of it arrives. */
export function RegisteredEventTable({ rows, canManage }: { rows: readonly EventTypeRow[]; canManage: boolean }) {
  const columns: Column<EventTypeRow>[] = [
    {
      header: 'Event',
      className: 'min-w-48',
      cell: (r) => (
        <>
          <CellTitle text={r.name} className="font-mono text-[13px]" />
          {r.description && <CellNote>{r.description}</CellNote>}
          {r.workflows.length > 0 && (
            <CellNote>
              In{' '}
              {r.workflows.map((key, i) => (
                <span key={key}>
                  {i > 0 && ', '}
                  <Link href={`/analytics/workflows/${encodeURIComponent(key)}`} className="text-accent-fg hover:underline">
                    {key}
                  </Link>
                </span>
              ))}
            </CellNote>
          )}
          <NarrowOnly below="5xl">
            <CellNote>
              {formatNumber(r.droppedProperties)} properties dropped · last seen <LastSeen at={r.lastSeenAt} inSentence />
            </CellNote>
          </NarrowOnly>
        </>
      ),
    },
    { header: 'Owner', className: 'whitespace-nowrap', cell: (r) => r.owner ?? <span className="text-ink-muted">Not set</span> },
    { header: 'Allowed properties', className: 'min-w-44', cell: (r) => <Properties properties={r.properties} /> },
    droppedColumn,
    { header: 'Last seen', hideBelow: '5xl', cell: (r) => <LastSeen at={r.lastSeenAt} /> },
    volumeColumn,
  ]
  return (
    <DataTable
      caption="Registered events"
      captionHidden
      columns={[
        ...columns,
        canManage &&
          actionsColumn<EventTypeRow>((r) => (
            <ButtonLink size="sm" href={editHref(r.name)}>
              Edit<span className="sr-only"> {r.name}</span>
            </ButtonLink>
          )),
      ]}
      rows={rows}
      rowKey={(r) => r.name}
    />
  )
}

/** Unknown events: stored without properties until someone registers them. */
export function QuarantineTable({ rows, canManage }: { rows: readonly EventTypeRow[]; canManage: boolean }) {
  const columns: Column<EventTypeRow>[] = [
    { header: 'Event', className: 'min-w-48', cell: (r) => <CellTitle text={r.name} className="font-mono text-[13px]" /> },
    { header: 'First seen', cell: (r) => <RelativeTime date={r.firstSeenAt} /> },
    { header: 'Last seen', cell: (r) => <LastSeen at={r.lastSeenAt} /> },
    { ...droppedColumn, hideBelow: undefined },
    volumeColumn,
  ]
  return (
    <DataTable
      caption="Quarantined events"
      captionHidden
      columns={[
        ...columns,
        canManage &&
          actionsColumn<EventTypeRow>((r) => (
            <ButtonLink size="sm" href={editHref(r.name)}>
              Register<span className="sr-only"> {r.name}</span>
            </ButtonLink>
          )),
      ]}
      rows={rows}
      rowKey={(r) => r.name}
    />
  )
}
