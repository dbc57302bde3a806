import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { listExperiments } from '@/lib/flags/experiments'
import { SectionCard } from '@/components/ui/section-card'
import { EmptyState } from '@/components/ui/empty-state'
import { StackedPage } from '@/components/ui/page-header'
import { ExperimentTable } from '@/components/flags/experiment-table'

export const metadata: Metadata = { title: 'Experiments' }

export default async function ExperimentsPage() {
  await requirePagePermission('flag:read')
  const experiments = await listExperiments()
  const running = experiments.filter((e) => e.status === 'running').length

  return (
    <StackedPage
      back={{ href: '/flags', label: 'Feature flags' }}
      title="Experiments"
      description="A/B tests on flag variants: exposures and conversions per variant, the lift against control with its 95% confidence interval and p-value, a sample-ratio check and guardrail SLOs."
    >
      <SectionCard
        headingId="experiments-heading"
        title="Experiments"
        description={`${running} running · ${experiments.length - running} draft or stopped`}
        bare
      >
        {experiments.length === 0 ? (
          <EmptyState title="No experiments yet" icon="chart">
            An experiment compares a flag&apos;s variants on a primary metric. Exposures and conversions arrive through{' '}
            <code className="font-mono">POST /api/features/events</code> (scope events:write).
          </EmptyState>
        ) : (
          <ExperimentTable experiments={experiments} />
        )}
      </SectionCard>
    </StackedPage>
  )
}
