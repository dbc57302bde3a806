/** capacityByQuarter: capacity and committed effort per quarter from the database, in the order asked. */
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { uid } from '@/test/factories'
import { capacityByQuarter, upcomingQuarters } from './capacity-queries'

describe('capacityByQuarter', () => {
  it('sums committed effort per quarter against its capacity', async () => {
    // Quarters of their own, far ahead, so other tests' items do not count.
    const year = 3000 + Math.floor(Math.random() * 900)
    const [q1, q2] = [`${year}-Q1`, `${year}-Q2`]
    const title = uid('Capacity')
    await db.roadmapItem.createMany({
      data: [
        { title: `${title} a`, rank: 1, stage: 'planned', targetQuarter: q1, effort: 8 },
        { title: `${title} b`, rank: 2, stage: 'in_progress', targetQuarter: q1, effort: 5.5 },
        { title: `${title} c`, rank: 3, stage: 'ideas', targetQuarter: q1, effort: 40 },
        { title: `${title} d`, rank: 4, stage: 'archived', targetQuarter: q2, effort: 3 },
      ],
    })
    await db.roadmapCapacity.create({ data: { quarter: q1, personWeeks: 12 } })
    const plan = await capacityByQuarter([q2, q1])
    expect(plan.map((q) => [q.quarter, q.capacity, q.planned, q.over, q.items.length])).toEqual([
      [q2, null, 0, false, 0],
      [q1, 12, 13.5, true, 2],
    ])
    expect(await capacityByQuarter([])).toEqual([])
  })

  it('lists this quarter and the next four', () => {
    expect(upcomingQuarters(new Date('2026-12-07T00:00:00Z'))).toEqual(['2026-Q4', '2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4'])
  })
})
