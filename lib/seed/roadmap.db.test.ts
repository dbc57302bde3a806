/** The roadmap demo: every item on its stage with its scores and dated history; a second run adds nothing. */
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { seedFoundation } from './foundation'
import { quarterJustEnded } from '../roadmap/review'
import { DEMO_ITEMS, seedRoadmap } from './roadmap'

beforeAll(async () => {
  await seedFoundation(() => {})
})

describe('roadmap demo', () => {
  it('puts each item on its stage with scores and history, released ones through their gates; idempotent', async () => {
    await seedRoadmap()
    await seedRoadmap()
    const items = await db.roadmapItem.findMany({ where: { title: { in: DEMO_ITEMS.map((d) => d.title) } }, include: { events: true } })
    expect(items).toHaveLength(DEMO_ITEMS.length)
    for (const d of DEMO_ITEMS) {
      const item = items.find((i) => i.title === d.title)!
      expect(item.stage).toBe(d.stage)
      expect(item.riceScore).toBeGreaterThan(0)
      expect(item.events.filter((e) => e.kind === 'created')).toHaveLength(1)
    }
    const released = items.filter((i) => i.stage === 'released')
    expect(released.every((i) => i.releasedAt && i.releasedAt.getTime() < Date.now() - 60 * 86_400_000)).toBe(true)
    expect(await db.roadmapCapacity.count()).toBeGreaterThanOrEqual(4)
    const review = await db.roadmapReview.findUniqueOrThrow({ where: { quarter: quarterJustEnded(new Date()) } })
    expect(review.planned).toBeGreaterThan(0)
  })
})
