import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requirePagePermission } from '@/lib/auth/guard'
import { getReview } from '@/lib/roadmap/review-queries'
import { PrintButton } from '@/components/roadmap/print-button'
import { ReviewReportView } from '@/components/roadmap/review-report'
import { buttonClasses } from '@/components/ui/button'
import { PageHeader } from '@/components/ui/page-header'
import { RelativeTime } from '@/components/ui/relative-time'

type Props = { params: Promise<{ quarter: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Roadmap review ${decodeURIComponent((await params).quarter)}` }
}

/** One quarter's stored review, printable (the cockpit's shell and this page's controls are left out of print) and downloadable as CSV. */
export default async function RoadmapReviewPage({ params }: Props) {
  await requirePagePermission('roadmap:read')
  const quarter = decodeURIComponent((await params).quarter)
  const review = await getReview(quarter)
  if (!review) notFound()
  const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
  return (
    <article aria-labelledby="review-title" className="space-y-6 print:space-y-4">
      <PageHeader
        eyebrow={
          <Link href="/roadmap/reviews" className="hover:underline print:hidden">
            Quarterly reviews
          </Link>
        }
        title={<span id="review-title">Roadmap review {review.quarter}</span>}
        description={
          <>
            {day(review.periodFrom)} to the end of {day(new Date(new Date(review.periodTo).getTime() - 1).toISOString())} (UTC). Stored <RelativeTime date={review.storedAt} />.
          </>
        }
        actions={
          <>
            <PrintButton />
            <a href={`/api/roadmap/reviews/${review.quarter}/csv`} download className={buttonClasses('primary', 'md', 'print:hidden')}>
              Download CSV
            </a>
          </>
        }
        className="mb-0"
      />
      <ReviewReportView report={review} />
    </article>
  )
}
