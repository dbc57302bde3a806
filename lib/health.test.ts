import { describe, expect, it } from 'vitest'
import { healthReason } from '@/lib/health'

const up = { status: 'up', latencyMs: 1 } as const
const down = { status: 'down', latencyMs: 2000, code: 'timeout' } as const
const restarting = { status: 'restarting', restarts: 1, since: '2026-12-06T21:00:00.000Z', lastExit: 'signal SIGKILL' } as const

describe('which part is down, in words', () => {
  it('says nothing when all is well', () => {
    expect(healthReason(up, { ...restarting, status: 'running' }, { status: 'ok', freeBytes: 5e9 })).toBeUndefined()
  })

  it('names the embedded server when its supervisor is restarting it', () => {
    expect(healthReason(down, restarting)).toBe('The embedded PostgreSQL server stopped (signal SIGKILL) and is being restarted.')
  })

  it('names the database by its code otherwise', () => {
    expect(healthReason(down)).toBe('The database does not answer (timeout).')
  })

  it('names a full disk first, even while reads still answer', () => {
    expect(healthReason(up, undefined, { status: 'full', freeBytes: 12 * 1024 * 1024 })).toBe(
      "The embedded database's disk is full (12 MB free): writes fail until space is freed.",
    )
  })
})
