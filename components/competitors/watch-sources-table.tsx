import type { listWatchSources } from '@/lib/competitors/watch-queries'
import { WATCH_KIND_LABELS, type WatchKind } from '@/lib/competitors/watch-schema'
import { Badge, type BadgeTone } from '@/components/ui/badge'
import { CellNote, DataTable, type Columns } from '@/components/ui/data-table'
import { RelativeTime } from '@/components/ui/relative-time'
import { PauseWatchSource, RemoveWatchSource } from './watch-source-controls'

type Source = Awaited<ReturnType<typeof listWatchSources>>[number]

const STATUS: Record<string, [string, BadgeTone]> = {
  baseline: ['Baseline taken', 'info'],
  unchanged: ['Unchanged', 'ok'],
  changed: ['Changed', 'medium'],
  failed: ['Failed', 'high'],
}

/** The watched sources: competitor, address, kind, last check and its outcome, changes waiting; removal for editors. */
export function WatchSourcesTable({ rows, canEdit }: { rows: readonly Source[]; canEdit: boolean }) {
  const columns: Columns<Source> = [
    { header: 'Competitor', cell: (s) => s.competitor.name },
    {
      header: 'Source',
      className: 'min-w-56',
      cell: (s) => (
        <>
          <a href={s.url} rel="noopener noreferrer nofollow" target="_blank" className="font-medium break-all text-ink hover:underline">
            {s.label}
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
          <CellNote>
            {WATCH_KIND_LABELS[s.kind as WatchKind] ?? s.kind} · <span className="break-all">{s.url}</span>
          </CellNote>
        </>
      ),
    },
    {
      header: 'Last check',
      cell: (s) => {
        const [text, tone] = STATUS[s.lastStatus ?? ''] ?? ['Not checked yet', 'neutral']
        return (
          <>
            <span className="flex flex-wrap gap-1">
              <Badge tone={tone}>{text}</Badge>
              {!s.active && <Badge icon="minus">Paused</Badge>}
            </span>
            {s.lastCheckedAt && (
              <CellNote>
                <RelativeTime date={s.lastCheckedAt} />
              </CellNote>
            )}
            {s.lastStatus === 'failed' && s.lastError && <CellNote>{`${s.lastError}${s.failures > 1 ? ` (${s.failures} times in a row)` : ''}`}</CellNote>}
          </>
        )
      },
    },
    { header: 'Waiting', numeric: true, cell: (s) => s.pending },
    canEdit && {
      header: 'Actions',
      headerHidden: true,
      cell: (s: Source) => (
        <span className="flex flex-wrap items-start gap-2">
          <PauseWatchSource sourceId={s.id} label={s.label} active={s.active} />
          <RemoveWatchSource sourceId={s.id} label={s.label} pending={s.pending} />
        </span>
      ),
    },
  ]
  return <DataTable caption="Watched sources" captionHidden columns={columns} rows={rows} rowKey={(s) => s.id} />
}
