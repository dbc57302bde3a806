import Link from 'next/link'
import type { SloSummary } from '@/lib/slo/types'
import { budgetMinutes, formatBudgetLeft, formatBudgetTime, formatCompliance, formatTarget } from '@/lib/slo/display'
import { ruleName } from '@/lib/slo/workings-words'
import { Card } from '@/components/ui/card'
import { Icon } from '@/components/ui/icons'
import { StatusBadge } from '@/components/ui/status-badge'
import { Sparkline } from '@/components/slo/charts/sparkline'
import { windowMinutesOf, windowWords } from './budget-window'
import { scopeWords } from './slo-words'

export interface SloCardProps {
  summary: SloSummary
  /** Zone of the server (WARDROOM_TIMEZONE): calendar-month windows are measured in it. */
  timeZone: string
  /** Link an open alert's incident (incident:read); otherwise it is named only. */
  linkIncidents?: boolean
}

/** One objective at a glance: compliance against target, budget left (share and time), status, 30 days. */
export function SloCard({ summary: s, timeZone, linkIncidents = true }: SloCardProps) {
  const headingId = `slo-${s.key}`
  const minutes = windowMinutesOf(s, timeZone)
  const open = s.alerts[0]
  return (
    <Card as="article" aria-labelledby={headingId} className="flex h-full flex-col">
      <div className="flex items-start justify-between gap-3 px-4 pt-4">
        <div className="min-w-0">
          <h2 id={headingId} className="text-base font-semibold text-ink">
            <Link href={`/slo/${encodeURIComponent(s.key)}`} className="hover:underline focus-visible:underline">
              {s.name}
            </Link>
          </h2>
          <p className="mt-0.5 text-xs text-ink-muted">
            {scopeWords(s.service, s.workflow)} · {windowWords(s.window)}
          </p>
        </div>
        <StatusBadge status={s.status} className="shrink-0" />
      </div>
      <dl className="grid grid-cols-2 gap-4 px-4 py-3">
        <div>
          <dt className="text-xs text-ink-muted">Compliance</dt>
          <dd className="text-2xl font-semibold text-ink tabular-nums" data-testid="slo-compliance">
            {formatCompliance(s.compliance)}
          </dd>
          <dd className="text-xs text-ink-muted tabular-nums">target {formatTarget(s.target)}</dd>
        </div>
        <div>
          <dt className="text-xs text-ink-muted">Error budget left</dt>
          <dd className="text-2xl font-semibold text-ink tabular-nums" data-testid="slo-budget">
            {formatBudgetLeft(s.target, s.budgetRemaining)}
          </dd>
          <dd className="text-xs text-ink-muted tabular-nums">
            {minutes === null ? '' : formatBudgetTime(s.budgetRemainingMinutes, budgetMinutes(s.target, minutes))}
          </dd>
        </div>
      </dl>
      {open && (
        <p className="mx-4 mb-2 flex items-start gap-1.5 rounded-md bg-surface-muted px-2 py-1.5 text-xs text-ink">
          <Icon name="bell" size={14} className="mt-px shrink-0" />
          <span>
            {s.alerts.length === 1 ? 'Open alert: ' : `${s.alerts.length} open alerts, latest: `}
            {ruleName(open.rule)}
            {open.incidentId && (
              <>
                {' · '}
                {linkIncidents ? (
                  <Link href={`/incidents/${open.incidentId}`} className="font-medium underline">
                    {open.incidentNumber === null ? 'incident' : `INC-${open.incidentNumber}`}
                  </Link>
                ) : open.incidentNumber === null ? (
                  'incident'
                ) : (
                  `INC-${open.incidentNumber}`
                )}
              </>
            )}
          </span>
        </p>
      )}
      <div className="mt-auto border-t border-line px-4 pt-2 pb-3">
        <p className="mb-1 text-xs text-ink-muted">Daily compliance, last 30 days</p>
        <Sparkline points={s.sparkline} target={s.target} label={`Daily compliance of ${s.name}, last 30 days`} />
      </div>
    </Card>
  )
}
