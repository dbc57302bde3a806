import { describe, expect, it } from 'vitest'
import { bucketOf, bucketUnits, inPercentage, murmur3_x86_32, pickSplitIndex, splitThresholds } from './bucketing'

describe('murmur3_x86_32', () => {
  // Reference values of MurmurHash3_x86_32 (Appleby's smhasher; the same as Unleash's murmurhash3js).
  it.each<[string, number, number]>([
    ['', 0, 0],
    ['', 1, 0x514e28b7],
    ['hello', 0, 0x248bfa47],
    ['Hello, world!', 1234, 0xfaf6cdb3],
    ['The quick brown fox jumps over the lazy dog', 0, 0x2e4ff723],
    ['abc', 0, 0xb3dd93fa],
    ['abcd', 0, 0x43ed676a],
  ])('hash(%j, %i)', (key, seed, expected) => {
    expect(murmur3_x86_32(key, seed)).toBe(expected)
  })

  it('hashes the UTF-8 bytes of non-ASCII keys', () => {
    const viaBytes = murmur3_x86_32('ü€😀')
    expect(viaBytes).toBe(0x0e9688f1)
    expect(murmur3_x86_32('ü€😀')).toBe(viaBytes)
  })
})

describe('bucketing', () => {
  it("hashes like Unleash: its cross-client reference vectors of normalizedValue (node, java and go clients)", () => {
    // unleash-client-node test/strategy/util-test.js: normalizedValue(id, groupId) = murmur3("groupId:id") % 100 + 1
    //   normalizedValue('123', 'gr1') === 73, normalizedValue('999', 'groupX') === 25
    expect((murmur3_x86_32('gr1:123') % 100) + 1).toBe(73)
    expect((murmur3_x86_32('groupX:999') % 100) + 1).toBe(25)
    // …and our buckets are the same hash of "flagKey:targetingKey", at 0.01 % resolution.
    expect((bucketUnits('gr1', '123') % 100) + 1).toBe(73)
    expect((bucketUnits('groupX', '999') % 100) + 1).toBe(25)
  })

  it('is deterministic with fixed, known buckets', () => {
    // murmur3("ai_engine_v2:user-1") = 0x74f0dc80 = 1961942144; % 10000 = 2144 → 21.44 %
    expect(bucketUnits('ai_engine_v2', 'user-1')).toBe(2144)
    expect(bucketOf('ai_engine_v2', 'user-1')).toBe(21.44)
    for (let i = 0; i < 100; i++) expect(bucketOf('flag', `u-${i}`)).toBe(bucketOf('flag', `u-${i}`))
  })

  it('salts by flag key: buckets differ across flags', () => {
    let same = 0
    for (let i = 0; i < 1000; i++) if (bucketUnits('flag_a', `u-${i}`) === bucketUnits('flag_b', `u-${i}`)) same++
    expect(same).toBeLessThan(5)
  })

  it.each([5, 25, 50])('puts %i %% of 100,000 keys in, within ±1 %%', (pct) => {
    let inside = 0
    for (let i = 0; i < 100_000; i++) if (inPercentage('ai_engine_v2', `patient-session-${i}`, pct)) inside++
    expect(Math.abs(inside / 1000 - pct)).toBeLessThanOrEqual(1)
  })

  it('is sticky: raising the percentage keeps everyone already in', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `user-${i}`)
    const stages = [5, 25, 50, 100]
    let previous = new Set<string>()
    for (const pct of stages) {
      const now = new Set(keys.filter((k) => inPercentage('sepsis_alert_model', k, pct)))
      for (const k of previous) expect(now.has(k)).toBe(true)
      expect(now.size).toBeGreaterThanOrEqual(previous.size)
      previous = now
    }
    expect(previous.size).toBe(keys.length)
  })

  it('resolves to 0.01 %', () => {
    let inside = 0
    for (let i = 0; i < 100_000; i++) if (inPercentage('fine', `k${i}`, 0.5)) inside++
    expect(inside).toBeGreaterThan(350)
    expect(inside).toBeLessThan(650)
    expect(inPercentage('fine', 'anyone', 0)).toBe(false)
    expect(inPercentage('fine', 'anyone', 100)).toBe(true)
  })
})

describe('splits', () => {
  it('walks cumulative weights in order', () => {
    const t = splitThresholds([
      { variant: 'a', weight: 25 },
      { variant: 'b', weight: 25 },
      { variant: 'c', weight: 50 },
    ])
    expect(t).toEqual([2500, 5000, 10000])
    expect(pickSplitIndex(t, 0)).toBe(0)
    expect(pickSplitIndex(t, 2499)).toBe(0)
    expect(pickSplitIndex(t, 2500)).toBe(1)
    expect(pickSplitIndex(t, 9999)).toBe(2)
  })

  it('normalises weights that do not add up to 100', () => {
    expect(splitThresholds([
      { variant: 'a', weight: 1 },
      { variant: 'b', weight: 3 },
    ])).toEqual([2500, 10000])
  })
})
