import type { Metadata } from 'next'
import Link from 'next/link'
import { requirePagePermission } from '@/lib/auth/guard'
import { listExperiments } from '@/lib/flags/experiments'
import { Card, CardHeader, CardTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { PageHeader } from '@/components/ui/page-header'
import { ExperimentTable } from '@/components/flags/experiment-table'

export const metadata: Metadata = { title: 'Experiments' }

export default async function ExperimentsPage() {
  await requirePagePermission('flag:read')
  const experiments = await listExperiments()
  const running = experiments.filter((e) => e.status === 'running').length

  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={
          <Link href="/flags" className="hover:underline">
            Feature flags
          </Link>
        }
        title="Experiments"
        description="A/B tests on flag variants: exposures and conversions per variant, the lift against control with its 95% confidence interval and p-value, a sample-ratio check and guardrail SLOs."
        className="mb-0"
      />
      <Card aria-labelledby="experiments-heading">
        <CardHeader>
          <CardTitle id="experiments-heading" description={`${running} running · ${experiments.length - running} draft or stopped`}>
            Experiments
          </CardTitle>
        </CardHeader>
        {experiments.length === 0 ? (
          <EmptyState title="No experiments yet" icon="chart">
            An experiment compares a flag&apos;s variants on a primary metric. Exposures and conversions arrive through{' '}
            <code className="font-mono">POST /api/features/events</code> (scope events:write).
          </EmptyState>
        ) : (
          <ExperimentTable experiments={experiments} />
        )}
      </Card>
    </div>
  )
}
