import Link from 'next/link'
import type { FlagListItem } from '@/lib/flags/queries'
import type { Environment } from '@/lib/flags/schema'
import { Badge } from '@/components/ui/badge'
import { RelativeTime } from '@/components/ui/relative-time'
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table'
import { EnvironmentStateBadge, LifecycleBadge } from './flag-badges'
import { categoryLabel, ENVIRONMENT_LABELS } from './labels'

export interface FlagTableProps {
  flags: readonly FlagListItem[]
  /** Environment columns to show, in order. */
  environments: readonly Environment[]
}

function EnvironmentCell({ flag, environment }: { flag: FlagListItem; environment: Environment }) {
  const env = flag.environments.find((e) => e.environment === environment)
  if (!env) return <span className="text-ink-faint">not set up</span>
  return (
    <div className="flex flex-col items-start gap-0.5">
      <EnvironmentStateBadge enabled={env.enabled} killed={env.killed} />
      {env.rolloutPercentage !== null && (
        <span className="text-xs text-ink-muted tabular-nums">
          rollout {env.rolloutPercentage}%{env.rolloutStatus && env.rolloutStatus !== 'running' ? ` (${env.rolloutStatus.replace('_', ' ')})` : ''}
        </span>
      )}
      {env.enabled && !env.killed && env.rolloutPercentage === null && <span className="text-xs text-ink-muted">{env.serving}</span>}
    </div>
  )
}

/** Every flag with its state per environment; the key links to the flag's page. */
export function FlagTable({ flags, environments }: FlagTableProps) {
  return (
    <Table caption="Feature flags" captionHidden>
      <THead>
        <Tr>
          <Th>Flag</Th>
          <Th>Type</Th>
          <Th>Category</Th>
          <Th>Tags</Th>
          <Th>Lifecycle</Th>
          {environments.map((e) => (
            <Th key={e}>{ENVIRONMENT_LABELS[e]}</Th>
          ))}
          <Th>Owner</Th>
          <Th>Changed</Th>
        </Tr>
      </THead>
      <TBody>
        {flags.map((f) => (
          <Tr key={f.id}>
            <Td>
              <Link href={`/flags/${encodeURIComponent(f.key)}`} className="font-mono text-[13px] font-medium text-accent-fg hover:underline">
                {f.key}
              </Link>
              <div className="text-xs text-ink-muted">{f.name}</div>
              {f.pendingChangeRequests > 0 && (
                <Badge tone="medium" icon="clock" className="mt-1">
                  {f.pendingChangeRequests} waiting for approval
                </Badge>
              )}
            </Td>
            <Td>{f.type}</Td>
            <Td>
              {categoryLabel(f.category)}
              {f.gated && <div className="text-xs text-ink-muted">compliance gated</div>}
            </Td>
            <Td>
              {f.tags.length === 0 ? (
                <span className="text-ink-faint">none</span>
              ) : (
                <div className="flex max-w-48 flex-wrap gap-1">
                  {f.tags.map((t) => (
                    <Badge key={t}>{t}</Badge>
                  ))}
                </div>
              )}
            </Td>
            <Td>
              <LifecycleBadge lifecycle={f.lifecycle} />
            </Td>
            {environments.map((e) => (
              <Td key={e}>
                <EnvironmentCell flag={f} environment={e} />
              </Td>
            ))}
            <Td>{f.owner || <span className="text-ink-faint">nobody</span>}</Td>
            <Td>
              <RelativeTime date={f.lastChangedAt} className="text-ink-muted" />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  )
}
