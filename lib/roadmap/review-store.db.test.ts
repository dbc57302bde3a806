/** The quarterly review job: reads items and their history, stores one review per quarter (a second run replaces it). */
import { describe, expect, it } from 'vitest'
import pino from 'pino'
import { db } from '@/lib/db'
import { roadmapReviewQuarterly } from '@/lib/jobs/roadmap-review-quarterly'
import { uid } from '@/test/factories'
import { getReview, listReviews } from './review-queries'
import { quarterJustEnded } from './review'

const at = (s: string) => new Date(`${s}T09:00:00Z`)

describe('roadmap-review-quarterly', () => {
  it('stores the quarter just ended, idempotently', async () => {
    // A quarter of its own, far ahead, so other tests' items do not count.
    const year = 2300 + Math.floor(Math.random() * 600)
    const quarter = `${year}-Q2`
    expect(quarterJustEnded(at(`${year}-07-01`))).toBe(quarter)
    const title = uid('Reviewed')
    const delivered = await db.roadmapItem.create({ data: { title: `${title} A`, rank: 1, stage: 'released', targetQuarter: quarter, createdAt: at(`${year}-03-01`) } })
    const slipped = await db.roadmapItem.create({ data: { title: `${title} B`, rank: 2, stage: 'planned', targetQuarter: `${year}-Q3`, createdAt: at(`${year}-03-01`) } })
    await db.roadmapItemEvent.createMany({
      data: [
        { itemId: delivered.id, kind: 'stage', from: 'in_progress', to: 'released', by: 'pm', at: at(`${year}-05-10`) },
        { itemId: delivered.id, kind: 'score', from: '10', to: '14', by: 'pm', at: at(`${year}-04-10`) },
        { itemId: slipped.id, kind: 'quarter', from: quarter, to: `${year}-Q3`, by: 'pm', at: at(`${year}-06-01`) },
      ],
    })
    const job = () => roadmapReviewQuarterly.run({ now: at(`${year}-07-01`), log: pino({ level: 'silent' }), signal: new AbortController().signal })
    expect(await job()).toMatchObject({ quarter, planned: 2, delivered: 1, predictability: 50, stageChanges: 1 })
    expect(await job()).toMatchObject({ quarter, planned: 2 })
    expect(await db.roadmapReview.count({ where: { quarter } })).toBe(1)
    const review = await getReview(quarter)
    expect(review).toMatchObject({ planned: 2, delivered: 1, predictability: 50 })
    expect(review?.items.map((i) => [i.title, i.delivered, i.targetNow])).toEqual([
      [`${title} B`, false, `${year}-Q3`],
      [`${title} A`, true, quarter],
    ])
    expect(review?.scoreChanges.map((c) => [c.from, c.to])).toEqual([['10', '14']])
    expect((await listReviews()).some((r) => r.quarter === quarter)).toBe(true)
    expect(await getReview('not a quarter')).toBeNull()
  })
})
