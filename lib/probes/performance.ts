/**
 * Latency, pure: a probe that answers (up) but slower than its `latencyThresholdMs` (the operations guide:
 * 500 ms) is slow. After `failureThreshold` slow checks in a row the probe's performance is "degraded" and a
 * "degraded performance" incident opens (severity medium, through ingest, like a down probe); after
 * `successThreshold` fast checks in a row it is "ok" again and that incident's alert resolves. A failed
 * check (down) is neither: it breaks both streaks and leaves the performance state as it was (the down
 * incident covers it).
 */
export type PerformanceState = 'ok' | 'degraded'

export interface PerformanceCounters {
  performance: string
  consecutiveSlow: number
  consecutiveFast: number
  failureThreshold: number
  successThreshold: number
  latencyThresholdMs: number
  degradedIncidentId: string | null
}

export interface PerformanceTransition {
  performance: PerformanceState
  consecutiveSlow: number
  consecutiveFast: number
  /** Raise (or re-raise) the degraded-performance alert. */
  open: boolean
  /** Resolve the degraded-performance alert. */
  resolve: boolean
}

/** Slower than the threshold (equal to it is still fast). */
export const isSlow = (latencyMs: number, thresholdMs: number) => latencyMs > thresholdMs

export function nextPerformanceState(p: PerformanceCounters, check: { up: boolean; latencyMs: number }, incidentStillOpen: boolean): PerformanceTransition {
  const current: PerformanceState = p.performance === 'degraded' ? 'degraded' : 'ok'
  if (!check.up) return { performance: current, consecutiveSlow: 0, consecutiveFast: 0, open: false, resolve: false }
  if (isSlow(check.latencyMs, p.latencyThresholdMs)) {
    const slow = p.consecutiveSlow + 1
    const degraded = slow >= p.failureThreshold || current === 'degraded'
    // Raise at the threshold, and again while degraded if someone resolved the incident by hand.
    const open = slow >= p.failureThreshold && (p.degradedIncidentId === null || !incidentStillOpen)
    return { performance: degraded ? 'degraded' : 'ok', consecutiveSlow: slow, consecutiveFast: 0, open, resolve: false }
  }
  const fast = p.consecutiveFast + 1
  const recovered = current === 'degraded' && fast >= p.successThreshold
  const performance: PerformanceState = current === 'degraded' && !recovered ? 'degraded' : 'ok'
  return { performance, consecutiveSlow: 0, consecutiveFast: fast, open: false, resolve: performance === 'ok' && p.degradedIncidentId !== null }
}
