/**
 * Capacity per quarter, pure. Planned effort of a quarter = the sum of the effort (person-weeks) of items
 * targeting it in discovery, planned, in progress or released: ideas are not commitments yet and archived
 * items were dropped. An item without an effort estimate adds nothing but is counted as unestimated, so the
 * page can say the plan is incomplete. A quarter is over when planned effort exceeds its capacity;
 * utilisation = planned ÷ capacity × 100 (null when no capacity is set, or it is 0).
 */
import type { Stage } from './model'

export const CAPACITY_STAGES: readonly Stage[] = ['discovery', 'planned', 'in_progress', 'released']

export interface CapacityItem {
  id: string
  number: number
  title: string
  stage: Stage
  targetQuarter: string | null
  effort: number | null
}

export interface QuarterCapacity {
  quarter: string
  /** Person-weeks, null when none was set. */
  capacity: number | null
  planned: number
  /** planned ÷ capacity × 100, one decimal; null without a capacity above 0. */
  utilisation: number | null
  over: boolean
  /** planned − capacity when over, else 0. */
  overBy: number
  unestimated: number
  items: CapacityItem[]
}

const round1 = (n: number) => Math.round(n * 10) / 10

export function countsTowardCapacity(item: Pick<CapacityItem, 'stage'>): boolean {
  return CAPACITY_STAGES.includes(item.stage)
}

export function quarterCapacity(quarter: string, capacity: number | null, items: readonly CapacityItem[]): QuarterCapacity {
  const mine = items.filter((i) => i.targetQuarter === quarter && countsTowardCapacity(i))
  const planned = round1(mine.reduce((sum, i) => sum + (i.effort ?? 0), 0))
  const over = capacity !== null && planned > capacity
  return {
    quarter,
    capacity,
    planned,
    utilisation: capacity !== null && capacity > 0 ? round1((planned / capacity) * 100) : null,
    over,
    overBy: over && capacity !== null ? round1(planned - capacity) : 0,
    unestimated: mine.filter((i) => i.effort === null).length,
    items: [...mine].sort((a, b) => (b.effort ?? 0) - (a.effort ?? 0) || a.number - b.number),
  }
}

export function capacityPlan(quarters: readonly string[], capacities: ReadonlyMap<string, number>, items: readonly CapacityItem[]): QuarterCapacity[] {
  return quarters.map((q) => quarterCapacity(q, capacities.get(q) ?? null, items))
}
