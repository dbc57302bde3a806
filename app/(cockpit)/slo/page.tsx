import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { hasPermission } from '@/lib/rbac'
import { env } from '@/lib/env'
import { getSloOverview } from '@/lib/slo/queries'
import { overviewHeadline } from '@/lib/slo/display'
import { Card } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { StackedPage } from '@/components/ui/page-header'
import { ButtonLink } from '@/components/ui/button'
import { OverviewHeadline } from '@/components/slo/overview-headline'
import { SloCard } from '@/components/slo/slo-card'
import { SloTabs } from '@/components/slo/slo-tabs'

export const metadata: Metadata = { title: 'Service levels' }

export default async function SloOverviewPage() {
  const user = await requirePagePermission('slo:read')
  // Already worst first (breached, at risk, ok; then the least budget left), the order of GET /api/slo.
  const slos = await getSloOverview(new Date())

  return (
    <StackedPage
      title="Service levels"
      description="What we promise clinicians about the AI services (response time, availability, diagnostic accuracy, PHI-access compliance), and how much room for failure is left before a promise breaks."
      actions={hasPermission(user.role, 'slo:manage') ? <ButtonLink href="/slo/manage">Manage objectives</ButtonLink> : undefined}
    >
      <SloTabs current="/slo" showReports={hasPermission(user.role, 'report:read')} />
      {slos.length === 0 ? (
        <Card as="div">
          <EmptyState title="No service level objectives yet" icon="chart">
            Objectives are defined per service and clinical workflow; the demo seed adds the four of the operations guide. Once
            one exists and its SLI sends events, its compliance and error budget appear here.
          </EmptyState>
        </Card>
      ) : (
        <>
          <OverviewHeadline headline={overviewHeadline(slos.map((s) => s.status))} />
          <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" aria-label="Objectives, worst first">
            {slos.map((s) => (
              <li key={s.key}>
                <SloCard summary={s} timeZone={env.WARDROOM_TIMEZONE} linkIncidents={hasPermission(user.role, 'incident:read')} />
              </li>
            ))}
          </ul>
        </>
      )}
    </StackedPage>
  )
}
