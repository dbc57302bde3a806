import { describe, expect, it } from 'vitest'
import { TokenBuckets } from './rate-limit'

describe('TokenBuckets', () => {
  it('allows the burst, then refuses with the seconds until the next token', () => {
    const buckets = new TokenBuckets(2, 3)
    const t = 1_000_000
    expect([1, 2, 3].map(() => buckets.take('k', t).ok)).toEqual([true, true, true])
    expect(buckets.take('k', t)).toEqual({ ok: false, retryAfterSeconds: 1 })
    expect(buckets.take('k', t + 500).ok).toBe(true) // 2 per second: one token after half a second
    expect(buckets.take('k', t + 500).ok).toBe(false)
  })

  it('keeps keys apart', () => {
    const buckets = new TokenBuckets(1, 1)
    expect(buckets.take('a', 0).ok).toBe(true)
    expect(buckets.take('a', 0).ok).toBe(false)
    expect(buckets.take('b', 0).ok).toBe(true)
  })

  it('rounds Retry-After up for slow rates', () => {
    const buckets = new TokenBuckets(0.1, 1)
    buckets.take('k', 0)
    expect(buckets.take('k', 0)).toEqual({ ok: false, retryAfterSeconds: 10 })
  })

  it('is off at 0 per second', () => {
    const buckets = new TokenBuckets(0, 1)
    for (let i = 0; i < 100; i++) expect(buckets.take('k', 0).ok).toBe(true)
  })

  it('forgets idle buckets instead of growing without bound', () => {
    const buckets = new TokenBuckets(1, 1, 100)
    for (let i = 0; i < 1_000; i++) buckets.take(`k${i}`, i * 10)
    expect(buckets.size).toBeLessThanOrEqual(100)
  })
})
