import { describe, expect, it } from 'vitest'
import { nextProbeState, type ProbeCounters } from './probe'
import { ProbeForm } from './schema'

const base: ProbeCounters = { state: 'unknown', consecutiveFailures: 0, consecutiveSuccesses: 0, failureThreshold: 3, successThreshold: 3, openIncidentId: null }

function run(start: ProbeCounters, checks: boolean[], incidentOpen = true) {
  let p = start
  const steps = []
  for (const up of checks) {
    const t = nextProbeState(p, up, incidentOpen)
    steps.push(t)
    p = { ...p, state: t.state, consecutiveFailures: t.consecutiveFailures, consecutiveSuccesses: t.consecutiveSuccesses, openIncidentId: t.open ? 'inc' : t.resolve ? null : p.openIncidentId }
  }
  return steps
}

describe('probe state machine', () => {
  it('goes up on the first success from unknown', () => {
    expect(run(base, [true])[0]).toMatchObject({ state: 'up', open: false, resolve: false })
  })

  it('opens exactly once, at the third failure in a row', () => {
    const steps = run({ ...base, state: 'up' }, [false, false, false, false, false])
    expect(steps.map((s) => s.state)).toEqual(['up', 'up', 'down', 'down', 'down'])
    expect(steps.map((s) => s.open)).toEqual([false, false, true, false, false])
  })

  it('a success breaks a streak of failures', () => {
    const steps = run({ ...base, state: 'up' }, [false, false, true, false, false])
    expect(steps.some((s) => s.open)).toBe(false)
  })

  it('resolves only after three successes in a row', () => {
    const down = { ...base, state: 'down', consecutiveFailures: 5, openIncidentId: 'inc' }
    const steps = run(down, [true, true, false, true, true, true])
    expect(steps.map((s) => s.state)).toEqual(['down', 'down', 'down', 'down', 'down', 'up'])
    expect(steps.map((s) => s.resolve)).toEqual([false, false, false, false, false, true])
  })

  it('raises again while down when the incident was resolved by hand', () => {
    const down = { ...base, state: 'down', consecutiveFailures: 5, openIncidentId: 'inc' }
    expect(nextProbeState(down, false, false).open).toBe(true)
    expect(nextProbeState(down, false, true).open).toBe(false)
  })

  it('honours custom thresholds', () => {
    const steps = run({ ...base, failureThreshold: 1, successThreshold: 1 }, [false, true])
    expect(steps.map((s) => [s.state, s.open, s.resolve])).toEqual([
      ['down', true, false],
      ['up', false, true],
    ])
  })
})

describe('probe form', () => {
  const valid = { serviceId: '6a1f0000-0000-4000-8000-000000000001', name: 'triage /healthz', url: 'https://triage.internal/healthz' }

  it('fills defaults from blank fields', () => {
    expect(ProbeForm.parse({ ...valid, expectedStatus: '', timeoutMs: '', intervalSeconds: '', enabled: 'on' })).toMatchObject({
      expectedStatus: 200,
      timeoutMs: 5000,
      intervalSeconds: 60,
      failureThreshold: 3,
      successThreshold: 3,
      enabled: true,
    })
  })

  it('enforces an interval of at least 30 s, a timeout shorter than it, and http(s) URLs', () => {
    expect(ProbeForm.safeParse({ ...valid, intervalSeconds: '29' }).success).toBe(false)
    expect(ProbeForm.safeParse({ ...valid, intervalSeconds: '30', timeoutMs: '30000' }).success).toBe(false)
    expect(ProbeForm.safeParse({ ...valid, intervalSeconds: '30', timeoutMs: '29000' }).success).toBe(true)
    expect(ProbeForm.safeParse({ ...valid, url: 'file:///etc/passwd' }).success).toBe(false)
    expect(ProbeForm.safeParse({ ...valid, expectedStatus: '700' }).success).toBe(false)
  })
})
