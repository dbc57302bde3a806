import { describe, expect, it } from 'vitest'
import { placeItems } from './value-risk'

const item = (number: number, value: number | null, risk: number | null) => ({ id: `id-${number}`, number, title: `Item ${number}`, stage: 'ideas', value, risk })

describe('placeItems', () => {
  it('places items with both inputs in their quadrant (5 counts as high), best value first, and counts the rest', () => {
    const r = placeItems([item(1, 8, 2), item(2, 9, 1), item(3, 5, 5), item(4, 4, 4), item(5, 2, 9), item(6, null, 3), item(7, 7, null)])
    expect(r.unplaced).toBe(2)
    expect(r.byQuadrant.quick_win.map((i) => i.number)).toEqual([2, 1])
    expect(r.byQuadrant.strategic_bet.map((i) => i.number)).toEqual([3])
    expect(r.byQuadrant.fill_in.map((i) => i.number)).toEqual([4])
    expect(r.byQuadrant.avoid.map((i) => i.number)).toEqual([5])
  })

  it('places nothing when no item has both inputs', () => {
    expect(placeItems([item(1, null, null)]).placed).toEqual([])
  })
})
