/** The latency state machine, worked through check by check with the guide's values (500 ms, 3 and 3). */
import { describe, expect, it } from 'vitest'
import { isSlow, nextPerformanceState, type PerformanceCounters } from './performance'

const start: PerformanceCounters = {
  performance: 'ok',
  consecutiveSlow: 0,
  consecutiveFast: 0,
  failureThreshold: 3,
  successThreshold: 3,
  latencyThresholdMs: 500,
  degradedIncidentId: null,
}

/** Feeds checks (latency in ms, or 'down') through the machine as runProbe does; an opened alert gets id "inc". */
function run(checks: (number | 'down')[], from = start, stillOpen = true) {
  let p = { ...from }
  return checks.map((c) => {
    const t = nextPerformanceState(p, c === 'down' ? { up: false, latencyMs: 5000 } : { up: true, latencyMs: c }, stillOpen)
    p = { ...p, ...t, degradedIncidentId: t.open ? 'inc' : t.resolve ? null : p.degradedIncidentId }
    return `${t.performance}${t.open ? '+open' : ''}${t.resolve ? '+resolve' : ''}`
  })
}

describe('nextPerformanceState', () => {
  it('500 ms is fast, 501 ms slow', () => {
    expect(isSlow(500, 500)).toBe(false)
    expect(isSlow(501, 500)).toBe(true)
  })

  it('opens on the third slow check in a row, once', () => {
    expect(run([120, 800, 900, 750, 820])).toEqual(['ok', 'ok', 'ok', 'degraded+open', 'degraded'])
  })

  it('a fast or a failed check breaks the slow streak', () => {
    expect(run([800, 900, 200, 800, 900, 'down', 800, 900])).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'])
  })

  it('resolves after three fast checks in a row; a slow one in between starts the count again', () => {
    const degraded = { ...start, performance: 'degraded', consecutiveSlow: 3, degradedIncidentId: 'inc' }
    expect(run([300, 300, 900, 300, 300, 300], degraded)).toEqual(['degraded', 'degraded', 'degraded', 'degraded', 'degraded', 'ok+resolve'])
  })

  it('a down check while degraded keeps the state and the incident', () => {
    const degraded = { ...start, performance: 'degraded', consecutiveFast: 2, degradedIncidentId: 'inc' }
    expect(run(['down', 300, 300, 300], degraded)).toEqual(['degraded', 'degraded', 'degraded', 'ok+resolve'])
  })

  it('re-raises while still slow when the incident was resolved by hand', () => {
    const degraded = { ...start, performance: 'degraded', consecutiveSlow: 5, degradedIncidentId: 'inc' }
    expect(run([900], degraded, false)).toEqual(['degraded+open'])
    expect(run([900], degraded, true)).toEqual(['degraded'])
  })

  it('honours the probe’s own thresholds', () => {
    expect(run([250, 250], { ...start, latencyThresholdMs: 200, failureThreshold: 2 })).toEqual(['ok', 'degraded+open'])
  })
})
