import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { env } from '@/lib/env'
import { ApiError } from '@/lib/errors'
import { getFunnelBuilderOptions, latestEventAt } from '@/lib/analytics/builder-options'
import { funnelParamsToSearch } from '@/lib/analytics/funnel-params'
import type { FunnelQuery, FunnelReport } from '@/lib/analytics/funnel-query'
import { getFunnelReport } from '@/lib/analytics/funnel-report'
import { AnalyticsTabs } from '@/components/analytics/analytics-tabs'
import { draftFromQuery, initialDraft, urlFieldErrors } from '@/components/analytics/funnel-builder-state'
import { FunnelBuilder } from '@/components/analytics/funnel-builder'
import { funnelDescription } from '@/components/analytics/funnel-display'
import { FunnelEmptyReason } from '@/components/analytics/funnel-empty-reason'
import { FunnelResults } from '@/components/analytics/funnel-results'
import { draftOfInvalidUrl, readFunnelUrl } from '@/components/analytics/funnel-url'
import { Card } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { ErrorState } from '@/components/ui/error-state'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'

export const metadata: Metadata = { title: 'Funnels · Analytics' }

type Search = Record<string, string | string[] | undefined>

/**
 * The report, and when nobody started, when the first step's event last happened (for the reason). An
 * experiment the breakdown names that does not exist comes back as a problem, said under its field.
 */
type Loaded = { report: FunnelReport; lastAt: Date | null } | { problem: { message: string; errors: Record<string, string[]> } }

async function loadReport(query: FunnelQuery, k: number): Promise<Loaded> {
  try {
    const report = await getFunnelReport(query, k)
    return { report, lastAt: report.overall.started === 0 ? await latestEventAt(query.steps[0]!.event) : null }
  } catch (err) {
    if (!(err instanceof ApiError) || err.status >= 500) throw err
    return { problem: { message: err.message, errors: urlFieldErrors(err.fields ?? { _: [err.message] }) } }
  }
}

export default async function FunnelsPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePagePermission('analytics:read')
  const now = new Date()
  const timeZone = env.WARDROOM_TIMEZONE
  const k = env.ANALYTICS_MIN_GROUP_SIZE
  const [search, options] = await Promise.all([searchParams, getFunnelBuilderOptions()])
  const url = readFunnelUrl(search, options.workflows, now)

  const loaded = url.kind === 'ok' ? await loadReport(url.query, k) : null
  const problem = url.kind === 'invalid' ? url : loaded && 'problem' in loaded ? loaded.problem : null
  const workflow = url.kind === 'ok' ? options.workflows.find((w) => w.key === url.query.workflow) : undefined

  const initial =
    url.kind === 'ok'
      ? draftFromQuery(url.query, now, timeZone, url.days)
      : url.kind === 'invalid'
        ? draftOfInvalidUrl(search, options.workflows, now, timeZone)
        : initialDraft(undefined, now, timeZone)

  return (
    <StackedPage
      title="Funnels"
      description="How many clinicians get through each step of a clinical workflow, where they drop off and how long it takes. Counts are of distinct pseudonymous people; groups of fewer than 11 are never shown."
    >
      <AnalyticsTabs current="/analytics/funnels" />
      {problem && (
        <ErrorState title="This funnel could not be shown">
          {Object.values(problem.errors).flat().join('. ')}. The fields marked below say what to change; then choose Show funnel.
        </ErrorState>
      )}
      <SectionCard headingId="funnel-builder" title="Build a funnel" description="Start from a clinical workflow or pick the steps yourself.">
        <FunnelBuilder
          key={JSON.stringify(search)}
          initial={initial}
          workflows={options.workflows}
          catalogue={options.catalogue}
          experiments={options.experiments}
          timeZone={timeZone}
          urlErrors={problem?.errors}
          k={k}
        />
      </SectionCard>
      {url.kind === 'none' && (
        <Card as="div">
          <EmptyState title="No workflow to start from yet" icon="chart">
            Workflows are the clinical paths (diagnosis, triage, medication review) that PMs define from registered events. Pick two or more
            events above to build a funnel of your own.
          </EmptyState>
        </Card>
      )}
      {url.kind === 'ok' && loaded && 'report' in loaded && (
        <FunnelResults
          report={loaded.report}
          search={funnelParamsToSearch(url.query)}
          title={workflow ? workflow.name : 'Custom funnel'}
          description={funnelDescription(url.query, url.days, timeZone)}
          emptyReason={<FunnelEmptyReason event={url.query.steps[0]!.event} lastAt={loaded.lastAt} workflow={workflow?.name} />}
        />
      )}
    </StackedPage>
  )
}
