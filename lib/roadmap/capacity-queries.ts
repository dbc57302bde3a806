/** Capacity vs planned effort per quarter, for the capacity page, the board and the timeline. Callers have checked roadmap:read. */
import 'server-only'
import { db } from '../db'
import { addQuarters, quarterOf, type Stage } from './model'
import { CAPACITY_STAGES, capacityPlan, type QuarterCapacity } from './capacity'

/** The current quarter and the next `ahead` ones. */
export function upcomingQuarters(now: Date, ahead = 4): string[] {
  const current = quarterOf(now)
  return Array.from({ length: ahead + 1 }, (_, k) => addQuarters(current, k))
}

export async function capacityByQuarter(quarters: readonly string[]): Promise<QuarterCapacity[]> {
  if (quarters.length === 0) return []
  const [capacities, items] = await Promise.all([
    db.roadmapCapacity.findMany({ where: { quarter: { in: [...quarters] } } }),
    db.roadmapItem.findMany({
      where: { targetQuarter: { in: [...quarters] }, stage: { in: [...CAPACITY_STAGES] as Stage[] } },
      select: { id: true, number: true, title: true, stage: true, targetQuarter: true, effort: true },
    }),
  ])
  return capacityPlan(quarters, new Map(capacities.map((c) => [c.quarter, c.personWeeks])), items)
}
