import Link from 'next/link'
import { HORIZON_LABELS, itemRef } from '@/lib/roadmap/model'
import type { ItemSummary } from '@/lib/roadmap/queries'
import type { Lane } from '@/lib/roadmap/views'
import { StageBadge } from './stage-badge'

const figure = (n: number | null) => (n === null ? '—' : n.toLocaleString('en-GB', { maximumFractionDigits: 1 }))

const LANE_WORDS = {
  short_term: 'Within 6 months',
  medium_term: 'Within 18 months',
  long_term: 'Within 3 years',
} as const

/** Now / next / later: one lane per horizon, its items grouped by target quarter. */
export function Timeline({ lanes }: { lanes: Lane<ItemSummary>[] }) {
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      {lanes.map((lane) => (
        <section key={lane.horizon} aria-labelledby={`lane-${lane.horizon}`} className="min-w-0 rounded-lg border border-line bg-surface">
          <header className="flex items-baseline justify-between gap-2 border-b border-line px-4 py-3">
            <div>
              <h2 id={`lane-${lane.horizon}`} className="text-base font-semibold text-ink">
                {HORIZON_LABELS[lane.horizon].split(' · ')[0]}
              </h2>
              <p className="text-xs text-ink-muted">{LANE_WORDS[lane.horizon]}</p>
            </div>
            <span className="text-xs text-ink-muted tabular-nums">
              {lane.count} item{lane.count === 1 ? '' : 's'}
            </span>
          </header>
          {lane.groups.length === 0 ? (
            <p className="px-4 py-8 text-center text-sm text-ink-muted">No item has this horizon yet. An item’s horizon is set when it is added or on its page.</p>
          ) : (
            <div className="divide-y divide-line">
              {lane.groups.map((group) => (
                <div key={group.quarter ?? 'none'} className="px-4 py-3">
                  <h3 className="mb-2 text-xs font-semibold tracking-wide text-ink-muted uppercase tabular-nums">{group.quarter ?? 'No quarter'}</h3>
                  <ul className="space-y-2">
                    {group.items.map((item) => (
                      <li key={item.id} className="rounded-md border border-line px-3 py-2">
                        <div className="flex items-center justify-between gap-2 text-xs text-ink-muted">
                          <span className="font-medium tabular-nums">{itemRef(item.number)}</span>
                          <StageBadge stage={item.stage} />
                        </div>
                        <Link href={`/roadmap/${item.id}`} className="mt-0.5 block text-sm font-medium text-ink wrap-anywhere hover:text-accent-fg hover:underline">
                          {item.title}
                        </Link>
                        <p className="mt-1 text-xs text-ink-muted tabular-nums">
                          {item.owner?.name ?? 'No owner'} · RICE {figure(item.riceScore)} · Clinical {figure(item.clinicalScore)}
                          {item.effort !== null && ` · ${figure(item.effort)} pw`}
                        </p>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          )}
        </section>
      ))}
    </div>
  )
}
