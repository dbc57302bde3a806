import type { ExperimentResults, Verdict } from '@/lib/flags/experiment-results'
import { formatPValue, SRM_ALPHA } from '@/lib/flags/experiment-results'
import type { GuardrailView } from '@/lib/flags/experiments'
import { formatNumber } from '@/lib/format'
import { cn } from '@/lib/cn'
import { Badge } from '@/components/ui/badge'
import { Icon, type IconName } from '@/components/ui/icons'
import { StatusBadge } from '@/components/ui/status-badge'
import { DataTable, type Columns } from '@/components/ui/data-table'

const VERDICT_STYLE: Record<Verdict['tone'], { box: string; icon: IconName }> = {
  neutral: { box: 'border-line bg-surface-muted text-ink', icon: 'info' },
  ok: { box: 'border-ok-border bg-ok-bg text-ok-fg', icon: 'check-circle' },
  'at-risk': { box: 'border-at-risk-border bg-at-risk-bg text-at-risk-fg', icon: 'alert' },
  breached: { box: 'border-breached-border bg-breached-bg text-breached-fg', icon: 'x-circle' },
}

/** The verdict in one plain sentence, e.g. "Not significant yet (p = 0.21)." */
export function ExperimentVerdict({ verdict, alpha }: { verdict: Verdict; alpha: number }) {
  const style = VERDICT_STYLE[verdict.tone]
  return (
    <div role="status" className={cn('flex items-start gap-2 rounded-lg border px-4 py-3', style.box)}>
      <Icon name={style.icon} size={18} className="mt-0.5" />
      <div>
        <p className="text-base font-semibold">{verdict.text}</p>
        <p className="mt-0.5 text-xs opacity-90">
          Two-sided two-proportion z-test at α = {alpha < 0.05 ? `${formatNumber(alpha, { digits: 4 })} (0.05 split across the variants)` : '0.05'}. Look at the result once
          the planned sample is reached: checking every day and stopping at the first significant p inflates false positives.
        </p>
      </div>
    </div>
  )
}

/** Sample-ratio mismatch: do the exposures match the configured weights? */
export function SrmCheck({ results, weightsSource }: { results: ExperimentResults; weightsSource: string | null }) {
  const srm = results.srm
  if (!srm)
    return (
      <p className="text-sm text-ink-muted">
        <Badge className="mr-2">Not available</Badge>
        {results.srmUnavailable}
      </p>
    )
  return (
    <div className="space-y-1 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        {srm.mismatch ? (
          <Badge tone="breached" icon="x-circle">
            Sample ratio mismatch
          </Badge>
        ) : (
          <Badge tone="ok" icon="check-circle">
            Split as configured
          </Badge>
        )}
        <span className="text-ink-muted tabular-nums">
          χ² = {formatNumber(srm.chiSquare, { digits: 2 })}, {srm.df} df, {formatPValue(srm.pValue)}
        </span>
      </div>
      <p className="text-xs text-ink-muted">
        Chi-square goodness of fit of the exposures against the weights of {weightsSource ?? 'the flag'}; a mismatch is called below p = {SRM_ALPHA}. A
        mismatch usually means broken assignment or lost events, and makes every other figure here unreliable.
      </p>
    </div>
  )
}

const GUARDRAIL_COLUMNS: Columns<GuardrailView> = [
  {
    header: 'SLO',
    // The readable name first; the key (a long identifier) under it, wrapping anywhere rather than widening the table.
    cell: (g) => (
      <>
        {g.name && <span className="block font-medium">{g.name}</span>}
        <span className={g.name ? 'block font-mono text-xs wrap-anywhere text-ink-muted' : 'block font-mono text-[13px] wrap-anywhere'}>{g.key}</span>
      </>
    ),
  },
  {
    header: 'Status',
    cell: (g) =>
      g.status ? <StatusBadge status={g.status} /> : <span className="text-ink-muted">{g.name ? 'not available' : 'not available: no SLO has this key'}</span>,
  },
  { header: 'Violations since start', numeric: true, cell: (g) => (g.violationsSinceStart === null ? 'n/a' : formatNumber(g.violationsSinceStart)) },
  { header: 'Open violations', numeric: true, cell: (g) => (g.openViolations === null ? 'n/a' : formatNumber(g.openViolations)) },
]

/** Guardrail SLOs: their status and violations since the experiment started, or "not available" in words. */
export function GuardrailsTable({ guardrails }: { guardrails: readonly GuardrailView[] }) {
  if (guardrails.length === 0) return <p className="text-sm text-ink-muted">No guardrail SLOs are set for this experiment.</p>
  return <DataTable caption="Guardrail SLOs" captionHidden columns={GUARDRAIL_COLUMNS} rows={guardrails} rowKey={(g) => g.key} />
}
