import { describe, expect, it } from 'vitest'
import { isFailureStreak, jobIncidentKey, jobIncidentMessage } from './failure-incident'

describe('isFailureStreak', () => {
  it.each<[string[], boolean]>([
    [[], false],
    [['failed', 'failed'], false],
    [['failed', 'failed', 'failed'], true],
    [['failed', 'failed', 'failed', 'ok'], true],
    [['failed', 'failed', 'ok'], false],
    [['ok', 'failed', 'failed', 'failed'], false],
  ])('%j (newest first) → %s', (statuses, streak) => {
    expect(isFailureStreak(statuses)).toBe(streak)
  })
})

describe('jobIncidentMessage', () => {
  it.each([
    ['housekeeping', 'timeout: the run exceeded 300 s', 'Job housekeeping failed 3 times in a row: timeout: the run exceeded 300 s'],
    ['sli-rollup', 'connection refused\n  at Socket.connect', 'Job sli-rollup failed 3 times in a row: connection refused'],
    ['audit-verify', '\n\n  Audit chain is broken at entry 7  ', 'Job audit-verify failed 3 times in a row: Audit chain is broken at entry 7'],
    ['flag-stale', null, 'Job flag-stale failed 3 times in a row: no error message'],
  ])('%s, %j → %s', (job, error, message) => {
    expect(jobIncidentMessage(job, 3, error)).toBe(message)
  })

  it('keeps the error excerpt short', () => {
    const message = jobIncidentMessage('housekeeping', 3, 'x'.repeat(1000))
    expect(message.length).toBeLessThan(220)
    expect(message.endsWith('…')).toBe(true)
  })

  it('keys one incident per job', () => {
    expect(jobIncidentKey('housekeeping')).toBe('wardroom-job:housekeeping')
  })
})
