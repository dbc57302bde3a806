import type { SiteKeyRow } from '@/lib/feedback/site-keys'
import { MapBadge, type BadgeMap } from '@/components/ui/badge-map'
import { actionsColumn, CellTitle, DataTable, DIMMED_ROW, type Columns } from '@/components/ui/data-table'
import { RelativeTime } from '@/components/ui/relative-time'
import { RevokeSiteKeyButton } from './revoke-site-key-button'
import { SiteKeyScreenshotsControl } from './site-key-screenshots-control'
import { SiteKeySnippetDisclosure } from './site-key-snippet'

type Status = 'active' | 'revoked'
const STATUS: BadgeMap<Status> = {
  active: { label: 'Active', tone: 'ok', icon: 'check-circle' },
  revoked: { label: 'Revoked', tone: 'neutral', icon: 'x-circle' },
}

const columns = (retentionDays: number): Columns<SiteKeyRow> => [
  {
    header: 'Site key',
    className: 'max-w-56',
    cell: (k) => (
      <>
        <CellTitle text={k.name} />
        <code className="block font-mono text-xs text-ink-muted">{k.publicId}</code>
      </>
    ),
  },
  {
    header: 'Allowed origins',
    cell: (k) => (
      <ul className="max-w-64 space-y-0.5 font-mono text-xs" aria-label="Allowed origins">
        {k.allowedOrigins.map((o) => (
          <li key={o} className="wrap-anywhere">
            {o}
          </li>
        ))}
      </ul>
    ),
  },
  {
    header: 'Created',
    cell: (k) => (
      <>
        <span className="block max-w-44 wrap-anywhere">{k.createdByLabel}</span>
        <RelativeTime date={k.createdAt} className="text-xs text-ink-muted" />
      </>
    ),
  },
  {
    header: 'Status',
    cell: (k) => (
      <>
        <MapBadge map={STATUS} value={k.revokedAt ? 'revoked' : 'active'} />
        {k.revokedAt && (
          <span className="mt-1 block text-xs text-ink-muted">
            <RelativeTime date={k.revokedAt} />
          </span>
        )}
      </>
    ),
  },
  {
    header: 'Screenshots',
    cell: (k) => <SiteKeyScreenshotsControl siteKeyId={k.id} name={k.name} accept={k.acceptScreenshots} revoked={k.revokedAt !== null} retentionDays={retentionDays} />,
  },
  actionsColumn((k) => <RevokeSiteKeyButton siteKeyId={k.id} name={k.name} revoked={k.revokedAt !== null} />),
]

/** The keys, then each active key's script tag behind a disclosure (too wide for a table cell). */
export function SiteKeyTable({ keys, screenshotRetentionDays }: { keys: SiteKeyRow[]; screenshotRetentionDays: number }) {
  const active = keys.filter((k) => !k.revokedAt)
  return (
    <>
      <DataTable
        caption="Feedback widget site keys, active first, newest first"
        captionHidden
        columns={columns(screenshotRetentionDays)}
        rows={keys}
        rowKey={(k) => k.id}
        rowClassName={(k) => (k.revokedAt ? DIMMED_ROW : undefined)}
      />
      {active.length > 0 && (
        <ul className="space-y-2 border-t border-line px-4 py-3" aria-label="Script tags of the active site keys">
          {active.map((k) => (
            <li key={k.id}>
              <SiteKeySnippetDisclosure publicId={k.publicId} name={k.name} />
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
