import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requirePagePermission } from '@/lib/auth/guard'
import { getExperimentDetail } from '@/lib/flags/experiments'
import { formatNumber, formatPercent } from '@/lib/format'
import { SectionCard } from '@/components/ui/section-card'
import { EmptyState } from '@/components/ui/empty-state'
import { StackedPage } from '@/components/ui/page-header'
import { RelativeTime } from '@/components/ui/relative-time'
import { Stat, StatGroup } from '@/components/ui/stat'
import { ExperimentVerdict, GuardrailsTable, SrmCheck } from '@/components/flags/experiment-checks'
import { describeControl, describeMetric } from '@/components/flags/experiment-metric'
import { ExperimentResultsTable } from '@/components/flags/experiment-results-table'
import { ExperimentStatusBadge } from '@/components/flags/experiment-table'
import { environmentLabel } from '@/components/flags/labels'

type Params = Promise<{ key: string }>

function decodeKey(raw: string): string | null {
  try {
    return decodeURIComponent(raw)
  } catch {
    return null
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { key } = await params
  return { title: `Experiment ${decodeKey(key) ?? key}` }
}

export default async function ExperimentPage({ params }: { params: Params }) {
  await requirePagePermission('flag:read')
  const key = decodeKey((await params).key)
  const x = key ? await getExperimentDetail(key) : null
  if (!x) notFound()
  const breached = x.guardrails.filter((g) => g.status === 'breached' || (g.openViolations ?? 0) > 0)

  return (
    <StackedPage
      back={{ href: '/flags/experiments', label: 'Experiments' }}
      title={x.name}
      description={
        <>
          On flag{' '}
          <Link href={`/flags/${encodeURIComponent(x.flagKey)}?env=${x.environment}`} className="font-mono text-[13px] text-accent-fg hover:underline">
            {x.flagKey}
          </Link>{' '}
          in {environmentLabel(x.environment).toLowerCase()} · {describeMetric(x.metric)} · {describeControl(x.controlVariant)}
        </>
      }
      actions={<ExperimentStatusBadge status={x.status} />}
    >
      <ExperimentVerdict verdict={x.results.verdict} alpha={x.results.alpha} />
      {breached.length > 0 && (
        <p role="alert" className="rounded-md border border-breached-border bg-breached-bg px-3 py-2 text-sm text-breached-fg">
          Guardrail at risk: {breached.map((g) => g.name ?? g.key).join(', ')}. Check the guardrails below before acting on the result.
        </p>
      )}

      <StatGroup columns={4}>
        <Stat label="Exposed" value={formatNumber(x.exposures)} hint="Distinct subjects" />
        <Stat label="Converted" value={formatNumber(x.conversions)} hint="Exposed subjects who converted afterwards" />
        <Stat label="Overall rate" value={formatPercent(x.exposures > 0 ? x.conversions / x.exposures : null, 1)} />
        <Stat
          label="Running since"
          value={x.startedAt ? <RelativeTime date={x.startedAt} /> : 'not started'}
          hint={x.stoppedAt ? <>stopped <RelativeTime date={x.stoppedAt} /></> : undefined}
        />
      </StatGroup>

      <SectionCard
        headingId="results-heading"
        title="Results"
        description="Rates with 95% Wilson intervals; the difference to control with Newcombe's 95% interval (in points); p-values from a two-sided two-proportion z-test."
        bare
      >
        {x.exposures === 0 ? (
          <EmptyState title="No exposures yet" icon="chart">
            Results appear once exposures arrive through <code className="font-mono">POST /api/features/events</code>. A conversion counts only for a
            subject exposed before it.
          </EmptyState>
        ) : (
          <ExperimentResultsTable results={x.results} />
        )}
      </SectionCard>

      <div className="grid gap-6 xl:grid-cols-2">
        <SectionCard headingId="srm-heading" title="Sample-ratio check">
          <SrmCheck results={x.results} weightsSource={x.weightsSource} />
        </SectionCard>
        <SectionCard headingId="guardrails-heading" title="Guardrails" description="SLOs that must not get worse while the experiment runs.">
          <GuardrailsTable guardrails={x.guardrails} />
        </SectionCard>
      </div>
    </StackedPage>
  )
}
