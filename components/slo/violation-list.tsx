import Link from 'next/link'
import type { SloViolationView } from '@/lib/slo/types'
import { formatDuration, formatNumber } from '@/lib/format'
import { formatBurnRate, formatTarget } from '@/lib/slo/display'
import { ruleName, ruleSentence, WINDOW_WORDS } from '@/lib/slo/workings-words'
import { BURN_WINDOWS } from '@/lib/slo/types'
import { Badge } from '@/components/ui/badge'
import { BoolBadge } from '@/components/ui/badge-map'
import { Icon } from '@/components/ui/icons'
import { RelativeTime } from '@/components/ui/relative-time'
import { RuleWorkingsTable } from './rule-workings-table'

function IncidentLink({ v, link }: { v: SloViolationView; link: boolean }) {
  if (!v.incidentId) return <span>no incident linked</span>
  // Without incident:read (clinicians) the number is named, not linked to a page they may not open.
  if (!link) return <span>{v.incidentNumber === null ? 'an incident' : `INC-${v.incidentNumber}`}</span>
  return (
    <Link href={`/incidents/${v.incidentId}`} className="font-medium text-accent-fg underline">
      {v.incidentNumber === null ? 'Linked incident' : `INC-${v.incidentNumber}`}
    </Link>
  )
}

function Workings({ v }: { v: SloViolationView }) {
  const w = v.workings
  if (!w) return <p className="text-sm text-ink-muted">The numbers behind this alert were not recorded.</p>
  const own = w.rules.find((r) => r.rule === v.rule)
  return (
    <div className="space-y-3">
      {own && <p className="text-sm text-ink">{ruleSentence(own)}</p>}
      <p className="text-xs text-ink-muted tabular-nums">
        Evaluated {new Date(w.evaluatedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC against target {formatTarget(w.target)}, thresholds scaled to a{' '}
        {Math.round(w.windowHours)} h window. Burn rate per window:{' '}
        {BURN_WINDOWS.map((win) => `${WINDOW_WORDS[win]} ${formatBurnRate(w.burnRates[win])} (${formatNumber(w.events[win])} events)`).join(' · ')}.
      </p>
      <RuleWorkingsTable workings={w} caption="Every rule's decision when this alert opened" />
      {w.cleared && (
        <p className="text-xs text-ink-muted tabular-nums">
          Cleared {new Date(w.cleared.at).toISOString().slice(0, 16).replace('T', ' ')} UTC with burn rates{' '}
          {BURN_WINDOWS.map((win) => `${WINDOW_WORDS[win]} ${formatBurnRate(w.cleared!.burnRates[win])}`).join(' · ')}.
        </p>
      )}
    </div>
  )
}

/** Burn-rate violations, newest first, each with its incident and the workings behind the decision. */
export function ViolationList({ violations, linkIncidents = true }: { violations: readonly SloViolationView[]; linkIncidents?: boolean }) {
  return (
    <ul className="divide-y divide-line">
      {violations.map((v) => {
        const open = v.resolvedAt === null
        const lasted = open ? null : new Date(v.resolvedAt!).getTime() - new Date(v.openedAt).getTime()
        return (
          <li key={v.id} className="px-4 py-3 print:break-inside-avoid">
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={v.severity === 'page' ? 'high' : 'medium'} icon={v.severity === 'page' ? 'bell' : 'list'}>
                {v.severity === 'page' ? 'Page' : 'Ticket'}
              </Badge>
              <span className="text-sm font-medium text-ink">{ruleName(v.rule)}</span>
              <BoolBadge value={open} yes={{ label: 'Open', tone: 'breached', icon: 'alert' }} no={{ label: 'Resolved', tone: 'ok', icon: 'check-circle' }} />
            </div>
            <p className="mt-1 flex flex-wrap gap-x-1 text-sm text-ink-muted tabular-nums">
              <span>
                Opened <RelativeTime date={v.openedAt} />
              </span>
              <span aria-hidden="true">·</span>
              <span>{open ? 'still open' : `lasted ${formatDuration(lasted)}`}</span>
              <span aria-hidden="true">·</span>
              <span>burn rate {formatBurnRate(v.burnRate)} when it fired</span>
              <span aria-hidden="true">·</span>
              <span>{v.service}</span>
              <span aria-hidden="true">·</span>
              <IncidentLink v={v} link={linkIncidents} />
            </p>
            <details className="group mt-2">
              <summary className="inline-flex cursor-pointer list-none items-center gap-1 text-sm font-medium text-accent-fg [&::-webkit-details-marker]:hidden">
                <Icon name="chevron" size={14} className="transition-transform group-open:rotate-90" />
                Show the workings
              </summary>
              <div className="mt-2">
                <Workings v={v} />
              </div>
            </details>
          </li>
        )
      })}
    </ul>
  )
}
