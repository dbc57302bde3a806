import { describe, expect, it } from 'vitest'
import { PROCESSING_SLA_MS, slaDueAt, slaState } from './sla'

const at = new Date('2026-12-07T10:00:00Z')

describe('slaDueAt: the guide’s processing SLAs', () => {
  it.each([
    ['critical', '2026-12-07T10:00:00.000Z'], // immediately
    ['high', '2026-12-07T14:00:00.000Z'], // within 4 hours
    ['medium', '2026-12-08T10:00:00.000Z'], // within 24 hours
    ['low', '2026-12-14T10:00:00.000Z'], // within 7 days (our choice)
  ] as const)('%s → %s', (priority, due) => {
    expect(slaDueAt(priority, at).toISOString()).toBe(due)
  })

  it('orders the SLAs by urgency', () => {
    expect(PROCESSING_SLA_MS.critical).toBeLessThan(PROCESSING_SLA_MS.high)
    expect(PROCESSING_SLA_MS.high).toBeLessThan(PROCESSING_SLA_MS.medium)
    expect(PROCESSING_SLA_MS.medium).toBeLessThan(PROCESSING_SLA_MS.low)
  })
})

describe('slaState', () => {
  const due = new Date('2026-12-07T14:00:00Z')
  it.each([
    [null, '2026-12-07T13:59:59Z', 'running'],
    [null, '2026-12-07T14:00:00Z', 'overdue'],
    ['2026-12-07T14:00:00Z', '2026-12-08T00:00:00Z', 'met'],
    ['2026-12-07T14:00:01Z', '2026-12-08T00:00:00Z', 'breached'],
  ] as const)('triaged %s, now %s → %s', (triaged, now, state) => {
    expect(slaState(due, triaged ? new Date(triaged) : null, new Date(now))).toBe(state)
  })
})
