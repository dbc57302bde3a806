/** The roadmap demo: every item on its stage with its scores, evidence and dated history; a second run adds nothing. */
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { seedFeedback } from './feedback'
import { seedFoundation } from './foundation'
import { addQuarters, quarterOf, quarterRange } from '@/lib/roadmap/model'
import { DEMO_ITEMS, seedRoadmap } from './roadmap'

process.env.WARDROOM_ANALYTICS_KEY ??= 'feedback-test-key-0123456789abcdef'

beforeAll(async () => {
  await seedFoundation(() => {})
  await seedFeedback(() => {})
}, 120_000)

describe('roadmap demo', () => {
  it('puts each item on its stage with scores, evidence and history, released ones through their gates; idempotent', async () => {
    await seedRoadmap()
    await seedRoadmap()
    const items = await db.roadmapItem.findMany({ where: { title: { in: DEMO_ITEMS.map((d) => d.title) } }, include: { events: true, links: true, overrides: true } })
    expect(items).toHaveLength(DEMO_ITEMS.length)
    for (const d of DEMO_ITEMS) {
      const item = items.find((i) => i.title === d.title)!
      expect(item.stage).toBe(d.stage)
      expect(item.riceScore).toBeGreaterThan(0)
      expect(item.events.filter((e) => e.kind === 'created')).toHaveLength(1)
    }
    const released = items.filter((i) => i.stage === 'released')
    // Released inside the quarter just ended, whatever day this runs: its stored review counts the demo's
    // 2 of 3 delivered (at least: other tests on a shared database may plan for that quarter too).
    const last = quarterRange(addQuarters(quarterOf(new Date()), -1))
    expect(released.map((i) => i.releasedAt! >= last.from && i.releasedAt! < last.to)).toEqual([true, true])
    const review = await db.roadmapReview.findUniqueOrThrow({ where: { quarter: addQuarters(quarterOf(new Date()), -1) } })
    expect(review.planned).toBeGreaterThanOrEqual(3)
    expect(review.delivered).toBeGreaterThanOrEqual(2)
    expect(await db.roadmapCapacity.count()).toBeGreaterThanOrEqual(4)

    // The sepsis panel answers three reports merged into one: the parent is linked, it hears "planned",
    // and reach is the PM's override of the evidence (3 reports), with the reason.
    const sepsis = items.find((i) => i.title.startsWith('Sepsis panel'))!
    const parent = await db.feedbackItem.findFirstOrThrow({ where: { idempotencyKey: 'demo-fb-01' } })
    expect(sepsis.links.map((l) => [l.kind, l.targetId])).toEqual([['feedback', parent.id]])
    expect(parent).toMatchObject({ roadmapItemId: sepsis.id })
    expect(['planned', 'in_progress']).toContain(parent.status)
    expect(sepsis.overrides).toEqual([expect.objectContaining({ input: 'reach', value: 1800, seeded: 3 })])
    expect(sepsis.reach).toBe(1800)
  })
})
