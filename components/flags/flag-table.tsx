import Link from 'next/link'
import type { FlagListItem } from '@/lib/flags/queries'
import { ENVIRONMENT_LABELS, type Environment } from '@/lib/flags/schema'
import { Badge } from '@/components/ui/badge'
import { RelativeTime } from '@/components/ui/relative-time'
import { DataTable, NarrowOnly, type Column, type Columns, type ContainerSize } from '@/components/ui/data-table'
import { EnvironmentStateBadge, LifecycleBadge } from './flag-badges'
import { categoryLabel } from './labels'

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

function Tags({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return <span className="text-ink-faint">none</span>
  return (
    <div className="flex max-w-48 flex-wrap gap-1">
      {tags.map((t) => (
        <Badge key={t}>{t}</Badge>
      ))}
    </div>
  )
}

/**
 * Below this table width (a 1024 px screen) type, tags, owner and last change leave their columns for the
 * flag's own cell, so the state per environment stays in view without scrolling.
 */
const WIDE: ContainerSize = '5xl'

/** Every flag with its state per environment; the key links to the flag's page. */
export function FlagTable({ flags, environments }: FlagTableProps) {
  const columns: Columns<FlagListItem> = [
    {
      header: 'Flag',
      cell: (f) => (
        <>
          <Link href={`/flags/${encodeURIComponent(f.key)}`} className="font-mono text-[13px] font-medium wrap-anywhere text-accent-fg hover:underline">
            {f.key}
          </Link>
          <div className="text-xs text-ink-muted">{f.name}</div>
          <NarrowOnly below={WIDE} className="mt-1 space-y-1 text-xs text-ink-muted">
            <span className="block">
              {f.type} · {f.owner || 'no owner'} · changed <RelativeTime date={f.lastChangedAt} />
            </span>
            {f.tags.length > 0 && <Tags tags={f.tags} />}
          </NarrowOnly>
          {f.pendingChangeRequests > 0 && (
            <Badge tone="medium" icon="clock" className="mt-1">
              {f.pendingChangeRequests} waiting for approval
            </Badge>
          )}
        </>
      ),
    },
    { header: 'Type', hideBelow: WIDE, cell: (f) => f.type },
    {
      header: 'Category',
      cell: (f) => (
        <>
          {categoryLabel(f.category)}
          {f.gated && <div className="text-xs text-ink-muted">compliance gated</div>}
        </>
      ),
    },
    { header: 'Tags', hideBelow: WIDE, cell: (f) => <Tags tags={f.tags} /> },
    { header: 'Lifecycle', cell: (f) => <LifecycleBadge lifecycle={f.lifecycle} /> },
    ...environments.map((e): Column<FlagListItem> => ({ header: ENVIRONMENT_LABELS[e], cell: (f) => <EnvironmentCell flag={f} environment={e} /> })),
    { header: 'Owner', hideBelow: WIDE, cell: (f) => f.owner || <span className="text-ink-faint">nobody</span> },
    { header: 'Changed', hideBelow: WIDE, cell: (f) => <RelativeTime date={f.lastChangedAt} className="text-ink-muted" /> },
  ]
  return <DataTable caption="Feature flags" captionHidden columns={columns} rows={flags} rowKey={(f) => f.id} />
}
