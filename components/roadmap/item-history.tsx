import { STAGE_LABELS, type Stage } from '@/lib/roadmap/model'

interface EventRow {
  id: string
  kind: string
  from: string | null
  to: string | null
  by: string
  at: Date
}

const when = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })
const stage = (s: string | null) => (s ? (STAGE_LABELS[s as Stage] ?? s) : '—')

function describe(e: EventRow): string {
  switch (e.kind) {
    case 'created':
      return `created it in ${stage(e.to)}`
    case 'stage':
      return `moved it from ${stage(e.from)} to ${stage(e.to)}`
    case 'rank':
      return 'reordered it in its column'
    case 'quarter':
      return e.from ? `changed the target quarter from ${e.from} to ${e.to ?? 'none'}` : `set the target quarter to ${e.to}`
    case 'effort':
      return `changed the effort from ${e.from ?? 'unset'} to ${e.to ?? 'unset'} person-weeks`
    case 'score':
      return `changed the RICE score from ${e.from ?? 'none'} to ${e.to ?? 'none'}`
    default:
      return `edited ${e.to ?? 'it'}`
  }
}

/** The item's history, newest first: what the quarterly review reads. */
export function ItemHistory({ events }: { events: EventRow[] }) {
  if (events.length === 0) return <p className="text-sm text-ink-muted">No history yet.</p>
  return (
    <ol className="space-y-2 text-sm">
      {events.map((e) => (
        <li key={e.id} className="flex flex-wrap gap-x-2">
          <time dateTime={e.at.toISOString()} className="tabular-nums text-ink-muted">
            {when.format(e.at)} UTC
          </time>
          <span className="text-ink">
            {e.by || 'Someone'} {describe(e)}
          </span>
        </li>
      ))}
    </ol>
  )
}
