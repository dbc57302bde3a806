import type { ApiKeyListItem, ApiKeyStatus } from '@/lib/admin/queries'
import { API_SCOPE_LABELS, isApiScope } from '@/lib/rbac'
import { Badge, type BadgeTone } from '@/components/ui/badge'
import type { IconName } from '@/components/ui/icons'
import { RelativeTime } from '@/components/ui/relative-time'
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table'
import { RevokeApiKeyButton } from './revoke-api-key-button'

const STATUS: Record<ApiKeyStatus, { label: string; tone: BadgeTone; icon: IconName }> = {
  active: { label: 'Active', tone: 'ok', icon: 'check-circle' },
  expired: { label: 'Expired', tone: 'at-risk', icon: 'clock' },
  revoked: { label: 'Revoked', tone: 'neutral', icon: 'x-circle' },
}

function ScopeChips({ scopes }: { scopes: string[] }) {
  return (
    <ul className="flex max-w-72 flex-wrap gap-1" aria-label="Scopes">
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

export function ApiKeyTable({ keys }: { keys: ApiKeyListItem[] }) {
  return (
    <Table caption="API keys, active first, newest first" captionHidden>
      <THead>
        <Tr>
          <Th>Key</Th>
          <Th>Scopes</Th>
          <Th>Environment</Th>
          <Th>Created</Th>
          <Th>Last used</Th>
          <Th>Status</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {keys.map((k) => {
          const status = STATUS[k.status]
          return (
            <Tr key={k.id} className={k.status === 'active' ? undefined : 'bg-surface-muted/60'}>
              <Td className="max-w-56">
                <span className="block truncate font-medium" title={k.name}>
                  {k.name}
                </span>
                <code className="block font-mono text-xs text-ink-muted">{k.prefix}…</code>
              </Td>
              <Td>
                <ScopeChips scopes={k.scopes} />
              </Td>
              <Td className="capitalize">{k.environment}</Td>
              <Td>
                <span className="block max-w-44 truncate" title={k.createdBy?.email}>
                  {k.createdBy ? k.createdBy.name : 'System (CLI or seed)'}
                </span>
                <RelativeTime date={k.createdAt} className="text-xs text-ink-muted" />
              </Td>
              <Td>
                <span className="text-ink-muted">{k.lastUsedAt ? <RelativeTime date={k.lastUsedAt} /> : 'never'}</span>
              </Td>
              <Td>
                <Badge tone={status.tone} icon={status.icon}>
                  {status.label}
                </Badge>
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
              </Td>
              <Td className="text-right">
                <RevokeApiKeyButton keyId={k.id} name={k.name} prefix={k.prefix} revoked={k.status === 'revoked'} />
              </Td>
            </Tr>
          )
        })}
      </TBody>
    </Table>
  )
}
