import type { Metadata } from 'next'
import Link from 'next/link'
import { getDashboard } from '@/lib/analytics/dashboard'
import { getIngestState, OVERVIEW_DAYS, parseOverviewDays } from '@/lib/analytics/overview'
import { requirePagePermission } from '@/lib/auth/guard'
import { env } from '@/lib/env'
import { formatNumber, formatPercent } from '@/lib/format'
import { hasPermission } from '@/lib/rbac'
import { AnalyticsTabs } from '@/components/analytics/analytics-tabs'
import { DaysLinks } from '@/components/analytics/days-links'
import { PeopleCount, SuppressionNote } from '@/components/analytics/suppressed'
import { WorkflowCard } from '@/components/analytics/workflow-card'
import { ButtonLink } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { FormMessage } from '@/components/ui/form-message'
import { StackedPage } from '@/components/ui/page-header'
import { RelativeTime } from '@/components/ui/relative-time'
import { SectionCard } from '@/components/ui/section-card'
import { Stat, StatGroup } from '@/components/ui/stat'
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table'

export const metadata: Metadata = { title: 'Analytics' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

const DAY = 86_400_000

/** The guide's analytics dashboard: sessions, active users, each clinical workflow's funnel, and where people drop out. */
export default async function AnalyticsOverviewPage({ searchParams }: Props) {
  const user = await requirePagePermission('analytics:read')
  const canManage = hasPermission(user.role, 'analytics:manage')
  const { days, invalid } = parseOverviewDays((await searchParams).days)
  const to = new Date()
  const from = new Date(to.getTime() - days * DAY)
  const k = env.ANALYTICS_MIN_GROUP_SIZE
  const [dashboard, ingest] = await Promise.all([getDashboard(from, to, k), getIngestState(to)])
  const range = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`

  return (
    <StackedPage
      title="Analytics"
      description="Where clinicians finish or abandon the AI-assisted workflows, counted over pseudonymous users: no names, no patient data, and no figure for a group smaller than the anonymity threshold."
      actions={canManage ? <ButtonLink href="/analytics/workflows/new">New workflow</ButtonLink> : undefined}
    >
      <AnalyticsTabs current="/analytics" />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <DaysLinks basePath="/analytics" current={days} options={OVERVIEW_DAYS} />
        <a href={`/api/analytics/dashboard/export?${range}`} className="text-sm font-medium text-accent-fg underline underline-offset-2 hover:text-ink" download>
          Export the workflow steps (CSV)
        </a>
      </div>
      {invalid && <FormMessage state={{ ok: false, message: 'That range is not offered; showing the last 7 days.' }} />}

      <StatGroup>
        <Stat label="Sessions" value={formatNumber(dashboard.sessions)} hint={`Last ${days} days; a session ends after 5 minutes idle or 1 hour`} />
        <Stat label="Active users" value={<PeopleCount value={dashboard.activeUsers} k={k} />} hint="Distinct pseudonymous users with a session" />
        <Stat label="Events, last 24 hours" value={formatNumber(ingest.eventsLast24h)} hint={ingest.lastEventAt ? <>Last received <RelativeTime date={ingest.lastEventAt} /></> : 'Nothing received yet'} />
        <Stat
          label="Events in quarantine"
          value={formatNumber(ingest.quarantinedEvents)}
          hint={
            <Link href="/analytics/events" className="underline underline-offset-2 hover:text-ink">
              {ingest.quarantinedEvents === 0 ? 'Every event name is registered' : 'Unregistered names: their properties are dropped'}
            </Link>
          }
        />
      </StatGroup>

      {dashboard.workflows.length === 0 ? (
        <Card as="div">
          <EmptyState title="No workflows defined" icon="chart" action={canManage ? <ButtonLink href="/analytics/workflows/new" size="sm">New workflow</ButtonLink> : undefined}>
            A workflow is a clinical task as ordered events (diagnosis started → AI differential shown → diagnosis recorded). The demo seed adds
            the guide&apos;s three; define one to see how many finish it.
          </EmptyState>
        </Card>
      ) : (
        <ul className="grid gap-4 lg:grid-cols-2 2xl:grid-cols-3" aria-label="Clinical workflows">
          {dashboard.workflows.map((w) => (
            <li key={w.key}>
              <WorkflowCard
                workflow={w}
                k={k}
                funnelHref={`/analytics/funnels?workflow=${encodeURIComponent(w.key)}&${range}`}
                definitionHref={`/analytics/workflows/${encodeURIComponent(w.key)}`}
                canEdit={canManage}
              />
            </li>
          ))}
        </ul>
      )}

      <SectionCard
        headingId="dropoffs-heading"
        title="Where people drop out"
        description="The steps that lose the largest share of the people who reached the step before, across workflows."
        bare
      >
        {dashboard.topDropOffSteps.length === 0 ? (
          <EmptyState title="No drop-off to show" icon="chart">
            Either nobody left a workflow part-way in the last {days} days, or the groups were smaller than {k} people and are hidden.
          </EmptyState>
        ) : (
          <Table caption="Steps losing the most people" captionHidden>
            <THead>
              <Tr>
                <Th>Workflow</Th>
                <Th>Step</Th>
                <Th numeric>People lost</Th>
                <Th numeric>Of those reaching the step before</Th>
              </Tr>
            </THead>
            <TBody>
              {dashboard.topDropOffSteps.map((d) => (
                <Tr key={`${d.workflow}-${d.step}`}>
                  <Td>{dashboard.workflows.find((w) => w.key === d.workflow)?.name ?? d.workflow}</Td>
                  <Td>
                    {d.step}. {d.label}
                  </Td>
                  <Td numeric>{formatNumber(d.dropOff)}</Td>
                  <Td numeric>{formatPercent(d.dropOffRate)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
        <div className="border-t border-line px-4 py-3">
          <SuppressionNote k={k} />
        </div>
      </SectionCard>
    </StackedPage>
  )
}
