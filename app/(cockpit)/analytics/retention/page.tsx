import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { requirePagePermission } from '@/lib/auth/guard'
import { env } from '@/lib/env'
import { getRetention } from '@/lib/analytics/retention-query'
import { COHORT_BASIS_WORDS, parseRetentionQuery, retentionSearch } from '@/lib/analytics/retention-schema'
import { listTrendEvents } from '@/lib/analytics/trends-query'
import { CardBody } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'
import { AnalyticsTabs } from '@/components/analytics/analytics-tabs'
import { RetentionFilterForm } from '@/components/analytics/retention-filter-form'
import { RetentionTable } from '@/components/analytics/retention-table'
import { TrendsCsvLink } from '@/components/analytics/trends-csv-link'
import { fewerThan } from '@/components/analytics/trends-words'

export const metadata: Metadata = { title: 'Retention' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** Weekly retention cohorts: of the people who first came in a week, how many came back in each week after. */
export default async function RetentionPage({ searchParams }: Props) {
  await requirePagePermission('analytics:read')
  const k = env.ANALYTICS_MIN_GROUP_SIZE
  const events = await listTrendEvents()
  const raw = await searchParams
  const { query, invalid } = parseRetentionQuery(raw, events)
  // The URL is the view (see the trends page): a bare visit gets the default's own URL.
  const canonical = retentionSearch(query)
  if ([...new URLSearchParams(canonical).keys()].some((name) => raw[name] === undefined)) redirect(`/analytics/retention?${canonical}`)
  const retention = await getRetention(query, new Date(), k)
  const people = retention.cohorts.reduce((s, c) => s + (c.size ?? 0), 0)
  const first = query.startEvent ? `their first ${query.startEvent}` : 'their first event'
  const back = query.returnEvent ? `a ${query.returnEvent}` : 'any event'

  return (
    <StackedPage
      title="Retention"
      description={`Do clinicians keep using the assistants? People are grouped by the week (ISO, UTC) of ${first}; each later week shows the share of them with ${back} in it. Figures about ${fewerThan(k)} people are hidden (k-anonymity).`}
    >
      <AnalyticsTabs current="/analytics/retention" />
      <SectionCard
        headingId="retention-heading"
        title="Weekly cohorts"
        description={`${COHORT_BASIS_WORDS[query.basis]}, last ${query.weeks} weeks. Counted from the raw events.`}
        actions={<TrendsCsvLink href={`/api/analytics/retention/csv?${canonical}`} label="Download the retention table as CSV" />}
        bare
      >
        <CardBody className="border-b border-line">
          <RetentionFilterForm query={query} invalid={invalid} events={events} />
        </CardBody>
        {people === 0 && retention.cohorts.every((c) => c.size === 0) ? (
          <EmptyState title="No one to follow in these weeks" icon="users">
            {query.basis === 'first'
              ? `Nobody's ${query.startEvent ?? 'first event'} fell in the last ${query.weeks} weeks. Try “${COHORT_BASIS_WORDS.window}” to follow everyone active in them.`
              : `No ${query.startEvent ?? 'events'} arrived in the last ${query.weeks} weeks.`}
          </EmptyState>
        ) : (
          <CardBody>
            <RetentionTable table={retention} k={k} caption={`Weekly retention: ${COHORT_BASIS_WORDS[query.basis].toLowerCase()}, last ${query.weeks} weeks`} />
          </CardBody>
        )}
      </SectionCard>
    </StackedPage>
  )
}
