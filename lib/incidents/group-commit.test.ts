import { describe, expect, it } from 'vitest'
import { createGroupCommit } from './group-commit'

const tick = () => new Promise((r) => setTimeout(r, 5))

describe('createGroupCommit', () => {
  it('sends a lone item at once and batches what arrives while a batch is in flight', async () => {
    const batches: number[][] = []
    const submit = createGroupCommit<number, number>({
      maxInFlight: 1,
      run: async (items) => {
        batches.push(items)
        await tick()
        return items.map((i) => i * 10)
      },
    })
    const results = await Promise.all([1, 2, 3, 4, 5].map(submit))
    expect(results).toEqual([10, 20, 30, 40, 50])
    expect(batches).toEqual([[1], [2, 3, 4, 5]])
  })

  it('respects the batch size and the number of batches in flight', async () => {
    let inFlight = 0
    let maxSeen = 0
    const sizes: number[] = []
    const submit = createGroupCommit<number, number>({
      maxBatch: 3,
      maxInFlight: 2,
      run: async (items) => {
        inFlight++
        maxSeen = Math.max(maxSeen, inFlight)
        sizes.push(items.length)
        await tick()
        inFlight--
        return items
      },
    })
    await Promise.all(Array.from({ length: 20 }, (_, i) => submit(i)))
    expect(maxSeen).toBeLessThanOrEqual(2)
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3)
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(20)
  })

  it('retries a failed batch item by item, so only the bad item fails', async () => {
    const submit = createGroupCommit<number, number>({
      maxInFlight: 1,
      run: async (items) => {
        await tick()
        if (items.includes(3)) throw new Error('bad item 3')
        return items
      },
    })
    const results = await Promise.allSettled([1, 2, 3, 4].map(submit))
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled'])
    expect((results[2] as PromiseRejectedResult).reason).toEqual(new Error('bad item 3'))
  })
})
