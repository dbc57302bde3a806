/**
 * `GET /api/roadmap/reviews/<quarter>/csv` (a session with roadmap:read): the stored quarterly review as
 * CSV (lib/roadmap/review-csv.ts), as an attachment. 404 JSON for a quarter without a review.
 */
import { csvResponse } from '@/lib/csv'
import { notFound } from '@/lib/errors'
import { defineRoute } from '@/lib/http/route'
import { reviewCsvFilename, reviewToCsv } from '@/lib/roadmap/review-csv'
import { getReview } from '@/lib/roadmap/review-queries'

export const GET = defineRoute<{ quarter: string }>({ route: '/api/roadmap/reviews/[quarter]/csv', access: { kind: 'session', permission: 'roadmap:read' } }, async ({ params }) => {
  const review = await getReview(params.quarter)
  if (!review) throw notFound('No review is stored for this quarter')
  return csvResponse(reviewCsvFilename(review.quarter), reviewToCsv(review))
})
