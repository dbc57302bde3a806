import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { requirePagePermission } from '@/lib/auth/guard'
import { hasPermission } from '@/lib/rbac'
import { env } from '@/lib/env'
import { getSloDetail } from '@/lib/slo/queries'
import { getCurrentWorkings } from '@/lib/slo/current-workings'
import { budgetMinutes, formatBudgetLeft, formatBudgetTime, formatBurnRate, formatCompliance, formatFactor, formatTarget } from '@/lib/slo/display'
import { SectionCard } from '@/components/ui/section-card'
import { EmptyState } from '@/components/ui/empty-state'
import { StackedPage } from '@/components/ui/page-header'
import { Stat, StatGroup } from '@/components/ui/stat'
import { StatusBadge } from '@/components/ui/status-badge'
import { Badge } from '@/components/ui/badge'
import { ButtonLink } from '@/components/ui/button'
import { ComplianceChart } from '@/components/slo/charts/compliance-chart'
import { BudgetBurndownChart } from '@/components/slo/charts/budget-burndown-chart'
import { BurnRateChart } from '@/components/slo/charts/burn-rate-chart'
import { RangeSelector } from '@/components/slo/range-selector'
import { RuleWorkingsTable } from '@/components/slo/rule-workings-table'
import { SloTabs } from '@/components/slo/slo-tabs'
import { ViolationList } from '@/components/slo/violation-list'
import { windowMinutesOf, windowWords } from '@/components/slo/budget-window'
import { bucketWords, parseRange, rangeWords } from '@/components/slo/ranges'
import { budgetingWords, scopeWords } from '@/components/slo/slo-words'

type Props = { params: Promise<{ key: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }

export const metadata: Metadata = { title: 'Service level' }

export default async function SloDetailPage({ params, searchParams }: Props) {
  const user = await requirePagePermission('slo:read')
  const { key } = await params
  const range = parseRange((await searchParams).range)
  const now = new Date()
  const [detail, current] = await Promise.all([getSloDetail(key, range, now), getCurrentWorkings(key, now)])
  if (!detail) notFound()

  const { slo, summary: s, thresholds } = detail
  const tz = env.WARDROOM_TIMEZONE
  const minutes = windowMinutesOf(s, tz)
  const when = rangeWords(range)
  const basePath = `/slo/${encodeURIComponent(slo.key)}`
  const description = [scopeWords(slo.service, slo.workflow), `target ${formatTarget(slo.target)}`, windowWords(s.window), budgetingWords(slo.budgeting)].join(' · ')

  return (
    <StackedPage
      back={{ href: '/slo', label: 'Service levels' }}
      title={slo.name}
      description={slo.description ? `${slo.description} ${description}.` : `${description}.`}
      actions={
        <>
          {slo.archivedAt ? <Badge tone="neutral">Archived: not evaluated</Badge> : <StatusBadge status={s.status} className="px-2 py-1 text-sm" />}
          {hasPermission(user.role, 'slo:manage') && (
            <ButtonLink href={`/slo/manage/${encodeURIComponent(slo.key)}`} className="print:hidden">
              Edit
            </ButtonLink>
          )}
        </>
      }
    >
      <SloTabs current="/slo" showReports={hasPermission(user.role, 'report:read')} />

      <StatGroup>
        <Stat label="Compliance" value={formatCompliance(s.compliance)} hint={`target ${formatTarget(slo.target)} over the ${windowWords(s.window)}`} />
        <Stat
          label="Error budget left"
          value={formatBudgetLeft(slo.target, s.budgetRemaining)}
          hint={minutes === null ? undefined : formatBudgetTime(s.budgetRemainingMinutes, budgetMinutes(slo.target, minutes))}
        />
        <Stat label="Burn rate, last hour" value={formatBurnRate(s.burnRates['1h'])} hint={`pages above ${formatFactor(thresholds.page[0])} (with the last 5 min)`} />
        <Stat label="Open alerts" value={String(s.alerts.length)} hint={s.alerts.length ? 'see the violations below' : 'no burn-rate rule is firing'} />
      </StatGroup>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-ink-muted">
          Charts show the {when}, one point per {bucketWords(detail.bucketMinutes)}, times in {tz}.
        </p>
        <RangeSelector basePath={basePath} current={range} />
      </div>

      <SectionCard
        headingId="compliance-heading"
        title="Compliance"
        description={`Share of good ${slo.budgeting === 'timeslices' ? 'time slices' : 'events'} per ${bucketWords(detail.bucketMinutes)}, against the target.`}
        className="print:break-inside-avoid"
      >
        <ComplianceChart points={detail.compliance} target={slo.target} label={`Compliance of ${slo.name}, ${when}`} timeZone={tz} />
      </SectionCard>

      <div className="grid gap-6 xl:grid-cols-2">
        <SectionCard
          headingId="budget-heading"
          title="Error budget"
          description={`How much of the ${windowWords(s.window)}'s error budget was left at each point.`}
          className="print:break-inside-avoid"
        >
          <BudgetBurndownChart points={detail.budget} target={slo.target} label={`Error budget left of ${slo.name}, ${when}`} timeZone={tz} />
        </SectionCard>

        <SectionCard
          headingId="burn-heading"
          title="Burn rate"
          description={`How fast the budget burns: 1× spends it exactly over the window. Alerts page above ${formatFactor(thresholds.page[0])} (1 h) or ${formatFactor(thresholds.page[1])} (6 h) and open a ticket above ${formatFactor(thresholds.ticket[0])} (1 d) or ${formatFactor(thresholds.ticket[1])} (3 d).`}
          className="print:break-inside-avoid"
        >
          <BurnRateChart points={detail.burnRates} thresholds={thresholds} label={`Burn rate of ${slo.name}, ${when}`} timeZone={tz} />
        </SectionCard>
      </div>

      <SectionCard
        headingId="now-heading"
        title="How the alerts decide right now"
        description={`Each rule compares the burn rate over a long and a short window with its threshold, and needs at least ${slo.minEvents.toLocaleString('en-US')} events in the long window before it alerts (the low-traffic guard).`}
        bare
      >
        {current ? (
          <RuleWorkingsTable workings={current} caption="The alert rules, evaluated now" />
        ) : (
          <EmptyState title="No current figures" icon="chart">
            The burn rates could not be computed for this objective.
          </EmptyState>
        )}
      </SectionCard>

      <SectionCard
        headingId="violations-heading"
        title="Violations"
        description={`Burn-rate alerts open now or during the ${when}, newest first, with their incidents.`}
        bare
      >
        {detail.violations.length === 0 ? (
          <EmptyState title={`No violations in the ${when}`} icon="check-circle">
            No burn-rate rule fired for this objective in this time range. Choose a longer range to look further back.
          </EmptyState>
        ) : (
          <ViolationList violations={detail.violations} linkIncidents={hasPermission(user.role, 'incident:read')} />
        )}
      </SectionCard>
    </StackedPage>
  )
}
