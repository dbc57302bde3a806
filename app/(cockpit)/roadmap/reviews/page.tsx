import type { Metadata } from 'next'
import Link from 'next/link'
import { requirePagePermission } from '@/lib/auth/guard'
import { hasPermission } from '@/lib/rbac'
import { quarterJustEnded, PREDICTABILITY_TARGET } from '@/lib/roadmap/review'
import { listReviews } from '@/lib/roadmap/review-queries'
import { predictabilityWords } from '@/lib/roadmap/review-words'
import { ReviewRunButton } from '@/components/roadmap/review-run-button'
import { Badge } from '@/components/ui/badge'
import { EmptyState } from '@/components/ui/empty-state'
import { StackedPage } from '@/components/ui/page-header'
import { RelativeTime } from '@/components/ui/relative-time'
import { SectionCard } from '@/components/ui/section-card'
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table'

export const metadata: Metadata = { title: 'Quarterly roadmap reviews' }

/** The stored quarterly reviews, newest first, each with planned vs delivered and the delivery predictability. */
export default async function RoadmapReviewsPage() {
  const user = await requirePagePermission('roadmap:read')
  const reviews = await listReviews()
  const lastQuarter = quarterJustEnded(new Date())
  return (
    <StackedPage
      title="Quarterly reviews"
      description={`On the first day of each quarter the roadmap-review-quarterly job stores the review of the quarter just ended: what was planned, what was delivered, and what moved. The guide tracks delivery predictability against ${PREDICTABILITY_TARGET} %.`}
      back={{ href: '/roadmap', label: 'Roadmap' }}
      actions={hasPermission(user.role, 'job:run') ? <ReviewRunButton quarter={lastQuarter} /> : undefined}
    >
      <SectionCard headingId="reviews-heading" title="Reviews" bare>
        {reviews.length === 0 ? (
          <EmptyState title="No review stored yet">The first review is stored on the first day of the next quarter{hasPermission(user.role, 'job:run') ? ', or now with “Run review”' : ''}.</EmptyState>
        ) : (
          <Table caption="Quarterly reviews" captionHidden>
            <THead>
              <Tr>
                <Th>Quarter</Th>
                <Th numeric>Planned</Th>
                <Th numeric>Delivered</Th>
                <Th numeric>Predictability</Th>
                <Th>Against the target</Th>
                <Th>Stored</Th>
              </Tr>
            </THead>
            <TBody>
              {reviews.map((r) => {
                const words = predictabilityWords(r.predictability)
                return (
                  <Tr key={r.quarter}>
                    <Td>
                      <Link href={`/roadmap/reviews/${r.quarter}`} className="font-medium text-accent-fg hover:underline">
                        {r.quarter}
                      </Link>
                    </Td>
                    <Td numeric>{r.planned}</Td>
                    <Td numeric>{r.delivered}</Td>
                    <Td numeric>{r.predictability === null ? 'n/a' : `${r.predictability.toLocaleString('en', { maximumFractionDigits: 1 })} %`}</Td>
                    <Td>
                      {words.onTarget === null ? (
                        <Badge tone="neutral">Nothing planned</Badge>
                      ) : words.onTarget ? (
                        <Badge tone="ok" icon="check-circle">
                          On target
                        </Badge>
                      ) : (
                        <Badge tone="at-risk" icon="alert-circle">
                          Below target
                        </Badge>
                      )}
                    </Td>
                    <Td>
                      <RelativeTime date={r.createdAt} />
                    </Td>
                  </Tr>
                )
              })}
            </TBody>
          </Table>
        )}
      </SectionCard>
    </StackedPage>
  )
}
