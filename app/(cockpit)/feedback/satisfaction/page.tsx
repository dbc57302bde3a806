import type { Metadata } from 'next'
import Link from 'next/link'
import { actorOfUser } from '@/lib/auth/actor'
import { requirePagePermission } from '@/lib/auth/guard'
import { DIMENSION_LABELS, SATISFACTION_DIMENSIONS } from '@/lib/feedback/csat'
import { getSatisfaction, parseReportRange } from '@/lib/feedback/report-queries'
import { cn } from '@/lib/cn'
import { CsatChart } from '@/components/feedback/csat-chart'
import { CsatTable } from '@/components/feedback/csat-table'
import { FeedbackTabs } from '@/components/feedback/feedback-tabs'
import { RangeLinks } from '@/components/feedback/range-links'
import { buttonClasses } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { StackedPage } from '@/components/ui/page-header'
import { SectionCard } from '@/components/ui/section-card'

export const metadata: Metadata = { title: 'Feedback satisfaction' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** Ratings clinicians gave with their feedback: CSAT (share rating 4 or 5) by week, and by department or version. */
export default async function FeedbackSatisfactionPage({ searchParams }: Props) {
  const user = await requirePagePermission('feedback:read')
  const { days, by } = parseReportRange(await searchParams)
  const { report } = await getSatisfaction(actorOfUser(user), by, days)
  const label = DIMENSION_LABELS[by]
  return (
    <StackedPage title="Feedback" description="Satisfaction from the optional 1–5 rating on each report. CSAT is the share of ratings of 4 or 5. A week or group with fewer than 5 ratings is not shown.">
      <FeedbackTabs />
      <SectionCard headingId="csat-week-heading" title={`CSAT by week, last ${days} days`} description={`All ratings, and the ${label.toLowerCase()}s with the most ratings.`} actions={<RangeLinks base="/feedback/satisfaction" days={days} extra={`&by=${by}`} />}>
        <CsatChart report={report} label={`CSAT by week and ${label.toLowerCase()}, last ${days} days`} groupLabel={label} />
      </SectionCard>
      <SectionCard
        headingId="csat-group-heading"
        title={`CSAT by ${label.toLowerCase()}`}
        actions={
          <nav aria-label="Group by" className="flex gap-1">
            {SATISFACTION_DIMENSIONS.map((d) => (
              <Link key={d} href={`/feedback/satisfaction?days=${days}&by=${d}`} aria-current={d === by ? 'page' : undefined} className={cn(buttonClasses(d === by ? 'primary' : 'secondary', 'sm'))}>
                {DIMENSION_LABELS[d]}
              </Link>
            ))}
          </nav>
        }
      >
        {report.overall === null ? (
          <EmptyState title="No ratings in this range">Clinicians may rate each report from 1 to 5; none did in the last {days} days.</EmptyState>
        ) : (
          <CsatTable report={report} groupLabel={label} caption={`CSAT by ${label.toLowerCase()}, last ${days} days`} />
        )}
      </SectionCard>
    </StackedPage>
  )
}
