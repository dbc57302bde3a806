import Link from 'next/link'
import type { QuarterCapacity } from '@/lib/roadmap/capacity'
import { STAGE_LABELS, itemRef } from '@/lib/roadmap/model'
import { Badge } from '@/components/ui/badge'
import { SectionCard } from '@/components/ui/section-card'
import { cn } from '@/lib/cn'
import { CapacityForm } from './capacity-form'

const pw = (n: number) => `${n.toLocaleString('en', { maximumFractionDigits: 1 })} person-week${n === 1 ? '' : 's'}`

/** Planned effort against capacity as a bar; the numbers beside it carry the meaning, so the bar is hidden from assistive technology. */
function CapacityBar({ q }: { q: QuarterCapacity }) {
  const scale = Math.max(q.capacity ?? 0, q.planned, 1)
  const plannedPct = Math.min(100, (q.planned / scale) * 100)
  const capacityPct = q.capacity === null ? null : (q.capacity / scale) * 100
  return (
    <div aria-hidden="true" className="relative h-3 w-full overflow-hidden rounded-full bg-surface-muted">
      <div className={cn('h-full rounded-full', q.over ? 'bg-critical' : 'bg-accent')} style={{ width: `${plannedPct}%` }} />
      {capacityPct !== null && <div className="absolute inset-y-0 w-0.5 bg-ink" style={{ left: `calc(${capacityPct}% - 1px)` }} />}
    </div>
  )
}

function CapacityWords({ q }: { q: QuarterCapacity }) {
  if (q.capacity === null) return <Badge tone="neutral" icon="info">No capacity set</Badge>
  if (q.over)
    return (
      <Badge tone="critical" icon="alert-octagon">
        Over capacity by {pw(q.overBy)}
      </Badge>
    )
  return (
    <Badge tone="ok" icon="check-circle">
      Within capacity
    </Badge>
  )
}

/** One quarter: capacity vs planned effort, warned in words when over, the items that make up the plan, and the capacity form for editors. */
export function CapacityQuarter({ q, current, canEdit }: { q: QuarterCapacity; current: boolean; canEdit: boolean }) {
  const headingId = `capacity-${q.quarter}`
  return (
    <SectionCard headingId={headingId} title={`${q.quarter}${current ? ' (this quarter)' : ''}`} actions={<CapacityWords q={q} />}>
      <div className="space-y-3">
        <p className="text-sm text-ink tabular-nums">
          Planned <strong>{pw(q.planned)}</strong>
          {q.capacity === null ? ' — no capacity set for this quarter' : ` of ${pw(q.capacity)} capacity`}
          {q.utilisation !== null && ` (${q.utilisation.toLocaleString('en', { maximumFractionDigits: 1 })} %)`}.
          {q.unestimated > 0 && ` ${q.unestimated} item${q.unestimated === 1 ? ' has' : 's have'} no effort estimate and add nothing.`}
        </p>
        {q.over && (
          <p role="alert" className="text-sm font-medium text-critical-fg">
            {q.quarter} is over capacity: {pw(q.planned)} planned against {pw(q.capacity ?? 0)}. Move items to a later quarter, cut scope or add capacity.
          </p>
        )}
        <CapacityBar q={q} />
        {q.items.length === 0 ? (
          <p className="text-sm text-ink-muted">Nothing planned for this quarter yet: items in discovery, planned, in progress or released with this target quarter count here.</p>
        ) : (
          <ul className="divide-y divide-line text-sm" aria-label={`Items planned for ${q.quarter}`}>
            {q.items.map((i) => (
              <li key={i.id} className="flex items-baseline justify-between gap-3 py-1.5">
                <span className="min-w-0">
                  <Link href={`/roadmap/${i.id}`} className="text-accent-fg hover:underline">
                    <span className="text-ink-muted">{itemRef(i.number)}</span> {i.title}
                  </Link>{' '}
                  <span className="text-xs text-ink-muted">· {STAGE_LABELS[i.stage]}</span>
                </span>
                <span className="shrink-0 tabular-nums text-ink">{i.effort === null ? 'no estimate' : pw(i.effort)}</span>
              </li>
            ))}
          </ul>
        )}
        {canEdit && <CapacityForm quarter={q.quarter} capacity={q.capacity} />}
      </div>
    </SectionCard>
  )
}
