import type { ApiKeyListItem, ApiKeyStatus } from '@/lib/admin/queries'
import { API_SCOPE_LABELS, isApiScope } from '@/lib/rbac'
import { Badge } from '@/components/ui/badge'
import { MapBadge, type BadgeMap } from '@/components/ui/badge-map'
import { actionsColumn, CellTitle, DataTable, DIMMED_ROW, type Columns } from '@/components/ui/data-table'
import { RelativeTime } from '@/components/ui/relative-time'
import { RevokeApiKeyButton } from './revoke-api-key-button'

const STATUS: BadgeMap<ApiKeyStatus> = {
  active: { label: 'Active', tone: 'ok', icon: 'check-circle' },
  expired: { label: 'Expired', tone: 'at-risk', icon: 'clock' },
  revoked: { label: 'Revoked', tone: 'neutral', icon: 'x-circle' },
}

function ScopeChips({ scopes }: { scopes: string[] }) {
  return (
    <ul className="flex max-w-60 flex-wrap gap-1" aria-label="Scopes">
      {scopes.map((s) => (
        <li key={s}>
          <Badge tone="accent" className="font-mono" title={isApiScope(s) ? API_SCOPE_LABELS[s] : undefined}>
            {s}
          </Badge>
        </li>
      ))}
    </ul>
  )
}

const COLUMNS: Columns<ApiKeyListItem> = [
  {
    header: 'Key',
    className: 'max-w-56',
    cell: (k) => (
      <>
        <CellTitle text={k.name} />
        <code className="block font-mono text-xs text-ink-muted">{k.prefix}…</code>
      </>
    ),
  },
  { header: 'Scopes', cell: (k) => <ScopeChips scopes={k.scopes} /> },
  { header: 'Environment', className: 'capitalize', cell: (k) => k.environment },
  {
    header: 'Created',
    cell: (k) => (
      <>
        <span className="block max-w-44 wrap-anywhere" title={k.createdBy?.email}>
          {k.createdBy ? k.createdBy.name : 'System (CLI or seed)'}
        </span>
        <RelativeTime date={k.createdAt} className="text-xs text-ink-muted" />
      </>
    ),
  },
  { header: 'Last used', cell: (k) => <span className="text-ink-muted">{k.lastUsedAt ? <RelativeTime date={k.lastUsedAt} /> : 'never'}</span> },
  {
    header: 'Status',
    cell: (k) => (
      <>
        <MapBadge map={STATUS} value={k.status} />
        {k.status === 'active' && k.expiresAt && (
          <span className="mt-1 block text-xs text-ink-muted">
            expires <RelativeTime date={k.expiresAt} />
          </span>
        )}
        {k.status === 'revoked' && k.revokedAt && (
          <span className="mt-1 block text-xs text-ink-muted">
            <RelativeTime date={k.revokedAt} />
          </span>
        )}
      </>
    ),
  },
  actionsColumn((k) => <RevokeApiKeyButton keyId={k.id} name={k.name} prefix={k.prefix} revoked={k.status === 'revoked'} />),
]

export function ApiKeyTable({ keys }: { keys: ApiKeyListItem[] }) {
  return (
    <DataTable
      caption="API keys, active first, newest first"
      captionHidden
      columns={COLUMNS}
      rows={keys}
      rowKey={(k) => k.id}
      rowClassName={(k) => (k.status === 'active' ? undefined : DIMMED_ROW)}
    />
  )
}
