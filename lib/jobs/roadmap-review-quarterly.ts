/**
 * Quarterly, on the first day of January, April, July and October: stores the roadmap review of the quarter
 * just ended (planned vs delivered, delivery predictability, stage and score changes; lib/roadmap/review.ts).
 * Idempotent: a second run replaces that quarter's review with the same numbers.
 */
import { quarterJustEnded, REVIEW_JOB } from '../roadmap/review'
import { storeReview } from '../roadmap/review-store'
import type { JobDefinition } from './types'

export const roadmapReviewQuarterly: JobDefinition = {
  name: REVIEW_JOB,
  // 06:00 on the quarter's first day: the review is there when the strategic review meets.
  schedule: '0 6 1 1,4,7,10 *',
  description:
    'Stores the roadmap review of the quarter just ended: what was planned, what was delivered, the delivery predictability (the guide tracks 89.5 %), and the stage and score changes; running it again replaces that quarter’s review.',
  async run({ now }) {
    const quarter = quarterJustEnded(now)
    const r = await storeReview(quarter)
    return { quarter, planned: r.planned, delivered: r.delivered, predictability: r.predictability, stageChanges: r.stageChanges.length }
  },
}
