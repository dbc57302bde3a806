import { describe, expect, it } from 'vitest'
import { createGate } from './hash-gate'

describe('createGate', () => {
  it('lets `limit` in, queues up to maxWaiting, and refuses the rest at once', async () => {
    const gate = createGate(2, 1, 1_000)
    const a = await gate.acquire()
    const b = await gate.acquire()
    expect(a && b).toBeTruthy()
    const queued = gate.acquire()
    expect(gate.waiting).toBe(1)
    expect(await gate.acquire()).toBeNull() // queue full: no unbounded waiting
    a!()
    const c = await queued
    expect(c).not.toBeNull()
    expect(gate.active).toBe(2)
    b!()
    c!()
    expect(gate.active).toBe(0)
  })

  it('gives up on a wait that runs out', async () => {
    const gate = createGate(1, 5, 20)
    const a = await gate.acquire()
    expect(await gate.acquire()).toBeNull()
    expect(gate.waiting).toBe(0)
    a!()
    expect(gate.active).toBe(0)
  })

  it('ignores a second release by the same holder', async () => {
    const gate = createGate(1, 0, 10)
    const a = await gate.acquire()
    a!()
    a!()
    expect(gate.active).toBe(0)
    const b = await gate.acquire()
    expect(b).not.toBeNull()
    expect(await gate.acquire()).toBeNull()
  })
})
