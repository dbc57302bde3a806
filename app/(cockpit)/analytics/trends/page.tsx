import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { requirePagePermission } from '@/lib/auth/guard'
import { env } from '@/lib/env'
import { getAdoption, getTrend, listTrendEvents } from '@/lib/analytics/trends-query'
import { BREAKDOWN_WORDS, parseTrendQuery, trendSearch } from '@/lib/analytics/trends-schema'
import { CardBody } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'
import { AnalyticsTabs } from '@/components/analytics/analytics-tabs'
import { AdoptionFeatureForm, AdoptionTable } from '@/components/analytics/trends-adoption'
import { TrendsChart } from '@/components/analytics/trends-chart'
import { TrendsCsvLink } from '@/components/analytics/trends-csv-link'
import { TrendsFilterForm } from '@/components/analytics/trends-filter-form'
import { TrendsSeriesTable } from '@/components/analytics/trends-series-table'
import { fewerThan } from '@/components/analytics/trends-words'

export const metadata: Metadata = { title: 'Trends' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** The chart draws this many series, the most first; the table and the CSV have them all. */
const CHART_SERIES = 8

/** Events over time from the daily rollups, and how far a feature has spread in each department. */
export default async function TrendsPage({ searchParams }: Props) {
  await requirePagePermission('analytics:read')
  const k = env.ANALYTICS_MIN_GROUP_SIZE
  const events = await listTrendEvents()
  const raw = await searchParams
  const { query, invalid } = parseTrendQuery(raw, events)
  // The URL is the view: a visit without one gets the default's own URL, so the form's fields (which
  // follow the URL) show what is plotted, and the address can be shared as it is.
  const canonical = trendSearch(query)
  if ([...new URLSearchParams(canonical).keys()].some((name) => raw[name] === undefined)) redirect(`/analytics/trends?${canonical}`)
  const now = new Date()
  const [trend, adoption] = await Promise.all([getTrend(query, now, k), getAdoption(query.feature, query.range, now, k)])
  const search = canonical
  const what = `${query.measure === 'events' ? 'Events' : 'People'} per day${query.breakdown ? ` by ${BREAKDOWN_WORDS[query.breakdown].toLowerCase()}` : ''}, last ${query.range} days`
  const drawn = trend.series.slice(0, CHART_SERIES)

  return (
    <StackedPage
      title="Trends"
      description={`How often the clinical workflows' events happen, day by day (UTC), and how far a feature has spread in each department. Figures about ${fewerThan(k)} people are hidden (k-anonymity).`}
    >
      <AnalyticsTabs current="/analytics/trends" />

      <SectionCard
        headingId="trend-heading"
        title="Events over time"
        description={`${what}; today so far. Updated every 15 minutes.`}
        actions={<TrendsCsvLink href={`/api/analytics/trends/csv?${search}`} label="Download the trend as CSV" />}
        bare
      >
        <CardBody className="border-b border-line">
          <TrendsFilterForm query={query} invalid={invalid} events={events} />
        </CardBody>
        {events.length === 0 ? (
          <EmptyState title="No registered events yet" icon="chart">
            A trend plots registered events. Register the events your apps send in the event registry; quarantined ones are stored
            without their properties and are not plotted.
          </EmptyState>
        ) : (
          <>
            <CardBody>
              <TrendsChart
                label={what}
                days={trend.days}
                series={drawn.map((s) => ({ label: s.label, points: s.points }))}
                measure={query.measure}
                k={k}
                empty={{
                  title: query.events.length === 0 ? 'No event chosen' : 'No events in this range',
                  reason:
                    query.events.length === 0
                      ? 'Tick up to five events above to plot them.'
                      : `None of the chosen events happened in the last ${query.range} days, or too few people did them to show. New events appear within 15 minutes.`,
                }}
              />
              {trend.series.length > drawn.length && (
                <p className="mt-2 text-sm text-ink-muted">
                  The chart draws the {CHART_SERIES} largest of {trend.series.length} series; the table below and the CSV have every one.
                </p>
              )}
            </CardBody>
            {trend.series.some((s) => s.points.some((p) => p !== 0)) && <TrendsSeriesTable trend={trend} k={k} caption={`Series of the trend: ${what}`} />}
          </>
        )}
      </SectionCard>

      <SectionCard
        headingId="adoption-heading"
        title="Feature adoption by department"
        description={`Of each department's people active in the last ${query.range} days, the share who used the feature at least once.`}
        actions={<TrendsCsvLink href={`/api/analytics/adoption/csv?${search}`} label="Download the adoption table as CSV" />}
        bare
      >
        <CardBody className="border-b border-line">
          <AdoptionFeatureForm query={query} events={events} />
        </CardBody>
        {adoption.departments.length === 0 ? (
          <EmptyState title="No activity in this range" icon="users">
            No events arrived in the last {query.range} days, so there is nobody to measure adoption among.
          </EmptyState>
        ) : (
          <>
            <AdoptionTable departments={adoption.departments} feature={query.feature} k={k} caption={`Adoption of ${query.feature} by department, last ${query.range} days`} />
            <p className="border-t border-line px-4 py-2 text-xs text-ink-muted">
              Counted from the raw events, so a person active on many days counts once. A department of {fewerThan(k)} active people is
              hidden, and so is a count of {fewerThan(k)} users with its share.
            </p>
          </>
        )}
      </SectionCard>
    </StackedPage>
  )
}
