import type { ReportRow } from '@/lib/slo/report-data'
import type { ReportView as Report } from '@/lib/slo/report-queries'
import {
  formatBudgetPercent,
  formatChangePp,
  formatCompliance,
  formatMttr,
  formatPValue,
  formatTarget,
  VERDICT_WORDS,
} from '@/lib/slo/display'
import { periodLabel, PERIOD_NOUN } from '@/lib/slo/report-periods'
import { Badge } from '@/components/ui/badge'
import { BoolBadge } from '@/components/ui/badge-map'
import { Icon } from '@/components/ui/icons'
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table'
import { scopeWords } from './slo-words'

function MetBadge({ met }: { met: boolean | null }) {
  if (met === null) return <Badge icon="minus">No events</Badge>
  return <BoolBadge value={met} yes={{ label: 'Met', tone: 'ok', icon: 'check-circle' }} no={{ label: 'Missed', tone: 'breached', icon: 'x-circle' }} />
}

const VERDICT_ICON = { better: 'arrow-up', worse: 'arrow-down', no_significant_change: 'minus', too_few_events: 'minus', no_previous_data: 'minus' } as const
const VERDICT_TONE = { better: 'text-ok-fg', worse: 'text-breached-fg', no_significant_change: 'text-ink-muted', too_few_events: 'text-ink-muted', no_previous_data: 'text-ink-muted' } as const

function Change({ row }: { row: ReportRow }) {
  const c = row.change
  const tested = c.verdict === 'better' || c.verdict === 'worse' || c.verdict === 'no_significant_change'
  return (
    <div className="text-right">
      <span className={`inline-flex items-center gap-1 font-medium ${VERDICT_TONE[c.verdict]}`}>
        <Icon name={VERDICT_ICON[c.verdict]} size={12} />
        {formatChangePp(c.compliance)}
      </span>
      <span className="block text-xs whitespace-normal text-ink-muted">
        {VERDICT_WORDS[c.verdict]}
        {tested && `, ${formatPValue(c.pValue)}`}
      </span>
    </div>
  )
}

/** A stored report: headline, per-objective table, and how to read it. Prints as it shows. */
export function ReportView({ report }: { report: Report }) {
  const { data } = report
  const { summary } = data
  const noun = PERIOD_NOUN[report.period]
  const previous = periodLabel(report.period, new Date(data.previousStart), report.timezone)
  return (
    <div className="space-y-6">
      <section aria-labelledby="report-summary" className="rounded-lg border border-line bg-surface px-5 py-4 print:border-0 print:px-0">
        <h2 id="report-summary" className="text-sm font-medium text-ink-muted">
          Did we keep our promises to clinicians this {noun}?
        </h2>
        <p className="mt-1 text-xl font-semibold text-ink tabular-nums">
          {summary.objectives === 0
            ? 'No objectives were defined.'
            : `${summary.met} of ${summary.objectives} objectives met their target${summary.missed ? ` · ${summary.missed} missed` : ''}${summary.noData ? ` · ${summary.noData} without events` : ''}`}
        </p>
        <p className="mt-1 text-sm text-ink-muted tabular-nums">
          {summary.violations} burn-rate {summary.violations === 1 ? 'violation' : 'violations'} · compared with {previous}
        </p>
      </section>

      {data.slos.length > 0 && (
        <Table caption={`Objectives, worst first, compared with ${previous}`} className="print:text-xs">
          <THead>
            <Tr>
              <Th>Objective</Th>
              <Th numeric>Target</Th>
              <Th numeric>Compliance</Th>
              <Th>Result</Th>
              <Th numeric>Change vs previous</Th>
              <Th numeric>Budget used</Th>
              <Th numeric>Violations</Th>
              <Th numeric>Incidents</Th>
              <Th numeric>MTTR</Th>
            </Tr>
          </THead>
          <TBody>
            {data.slos.map((row) => (
              <Tr key={row.key} className="align-top print:break-inside-avoid">
                <Td>
                  <span className="font-medium">{row.name}</span>
                  <span className="block text-xs text-ink-muted">{scopeWords(row.service, row.workflow)}</span>
                </Td>
                <Td numeric>{formatTarget(row.target)}</Td>
                <Td numeric>
                  {formatCompliance(row.compliance)}
                  <span className="block text-xs text-ink-muted">
                    {row.total.toLocaleString('en-US')} {row.budgeting === 'timeslices' ? 'slices' : 'events'}
                  </span>
                </Td>
                <Td>
                  <MetBadge met={row.met} />
                </Td>
                <Td numeric>
                  <Change row={row} />
                </Td>
                <Td numeric>{row.target >= 1 ? (row.compliance === 1 ? 'none' : 'n/a') : formatBudgetPercent(row.budgetUsed)}</Td>
                <Td numeric>{row.violations}</Td>
                <Td numeric>{row.incidents}</Td>
                <Td numeric>
                  {/* "no incidents" may wrap: figure cells do not by default. */}
                  <span className="whitespace-normal">{formatMttr(row.mttrMinutes, row.incidents)}</span>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}

      <section aria-labelledby="report-notes" className="text-sm text-ink-muted print:break-inside-avoid">
        <h2 id="report-notes" className="text-sm font-semibold text-ink">
          How to read this report
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>Compliance is the share of good events (or good time slices) in the {noun}, truncated so a missed target never rounds up to met.</li>
          <li>Budget used is the {noun}’s failures as a share of what the target allows for its volume: above 100% the {noun} alone broke the promise.</li>
          <li>
            Change vs previous compares with {previous}. A two-proportion z-test says whether the difference is more than chance: “significant” means
            p &lt; 0.05. With too few failures in both periods there is nothing to test.
          </li>
          <li>MTTR is the mean time from opening to resolving the incidents linked to the {noun}’s violations.</li>
        </ul>
      </section>
    </div>
  )
}
