import { describe, expect, it } from 'vitest'
import { suppressedRate, suppressSmall } from './k-anonymity'

describe('suppressSmall (k = 11)', () => {
  it.each([
    [0, 0],
    [1, null],
    [10, null],
    [11, 11],
    [250, 250],
  ])('%i → %s', (n, shown) => {
    expect(suppressSmall(n)).toBe(shown)
  })

  it('suppresses a rate built on a small count, and leaves others', () => {
    expect(suppressedRate(5, 40)).toBeNull()
    expect(suppressedRate(30, 40)).toBe(0.75)
    expect(suppressedRate(0, 40)).toBe(0)
    expect(suppressedRate(0, 0)).toBeNull()
    expect(suppressedRate(3, 5, 2)).toBe(0.6)
  })
})
