import { describe, expect, it } from 'vitest'
import { capacityPlan, quarterCapacity, type CapacityItem } from './capacity'

const item = (number: number, stage: CapacityItem['stage'], targetQuarter: string | null, effort: number | null): CapacityItem => ({ id: `i${number}`, number, title: `Item ${number}`, stage, targetQuarter, effort })

// A worked example: 2027-Q1 holds 6 + 8 + 4 + 3.5 = 21.5 person-weeks of committed work (discovery, planned,
// in progress, released); the idea (10) and the archived item (5) do not count; the unestimated one adds 0.
const items = [
  item(1, 'discovery', '2027-Q1', 6),
  item(2, 'planned', '2027-Q1', 8),
  item(3, 'in_progress', '2027-Q1', 4),
  item(4, 'released', '2027-Q1', 3.5),
  item(5, 'ideas', '2027-Q1', 10),
  item(6, 'archived', '2027-Q1', 5),
  item(7, 'planned', '2027-Q1', null),
  item(8, 'planned', '2027-Q2', 12),
  item(9, 'planned', null, 2),
]

describe('quarterCapacity', () => {
  it('sums committed effort and compares it with the capacity', () => {
    const q = quarterCapacity('2027-Q1', 20, items)
    expect(q).toMatchObject({ planned: 21.5, capacity: 20, utilisation: 107.5, over: true, overBy: 1.5, unestimated: 1 })
    expect(q.items.map((i) => i.number)).toEqual([2, 1, 3, 4, 7])
  })

  it('is not over at exactly its capacity', () => {
    expect(quarterCapacity('2027-Q1', 21.5, items)).toMatchObject({ over: false, overBy: 0, utilisation: 100 })
  })

  it('has no utilisation without a capacity, and is never over then', () => {
    expect(quarterCapacity('2027-Q1', null, items)).toMatchObject({ utilisation: null, over: false, planned: 21.5 })
    expect(quarterCapacity('2027-Q1', 0, items)).toMatchObject({ utilisation: null, over: true, overBy: 21.5 })
  })

  it('reports an empty quarter as 0 planned', () => {
    expect(quarterCapacity('2027-Q3', 30, items)).toMatchObject({ planned: 0, utilisation: 0, over: false, items: [] })
  })
})

describe('capacityPlan', () => {
  it('gives each quarter its capacity, in order', () => {
    const plan = capacityPlan(['2027-Q1', '2027-Q2'], new Map([['2027-Q2', 24]]), items)
    expect(plan.map((q) => [q.quarter, q.capacity, q.planned, q.utilisation])).toEqual([
      ['2027-Q1', null, 21.5, null],
      ['2027-Q2', 24, 12, 50],
    ])
  })
})
