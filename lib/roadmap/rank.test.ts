import { describe, expect, it } from 'vitest'
import { neighbours, rankBetween, rankForPosition } from './rank'

describe('board ranks', () => {
  it('takes the midpoint of the neighbours, one less than the first, one more than the last', () => {
    expect(rankBetween(null, null)).toBe(0)
    expect(rankBetween(null, 3)).toBe(2)
    expect(rankBetween(3, null)).toBe(4)
    expect(rankBetween(1, 2)).toBe(1.5)
  })

  it('finds the neighbours of a position, past the end meaning last', () => {
    expect(neighbours([0, 1, 2], 0)).toEqual({ prev: null, next: 0 })
    expect(neighbours([0, 1, 2], 2)).toEqual({ prev: 1, next: 2 })
    expect(neighbours([0, 1, 2], 9)).toEqual({ prev: 2, next: null })
    expect(neighbours([], 0)).toEqual({ prev: null, next: null })
  })

  it('renumbers the column when the gap is spent: the column becomes 0…n-1 and the item goes between', () => {
    expect(rankForPosition([0, 1], 1)).toEqual({ rank: 0.5, renumber: false })
    const tight = [1, 1 + 1e-10, 2]
    expect(rankForPosition(tight, 1)).toEqual({ rank: 0.5, renumber: true })
    // Twenty-nine moves into the same unit gap stay ordered; the thirtieth needs a renumbering.
    let next = 1
    for (let i = 0; i < 29; i++) {
      const r = rankBetween(0, next)!
      expect(r).toBeGreaterThan(0)
      expect(r).toBeLessThan(next)
      next = r
    }
    expect(rankBetween(0, next)).toBe(2 ** -30)
    expect(rankBetween(0, 2 ** -30)).toBeNull()
  })
})
