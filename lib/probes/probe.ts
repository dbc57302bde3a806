/**
 * One health check: an HTTP GET with a timeout, stored as a ProbeResult (latency, up/down). After
 * `failureThreshold` failures in a row an incident opens through the ordinary alert ingest (source 'probe',
 * dedupKey `probe:<id>`); after `successThreshold` successes in a row its alert resolves again. Slow
 * answers (over `latencyThresholdMs`) do the same for a "degraded performance" incident (performance.ts,
 * dedupKey `probe-latency:<id>`).
 */
import { systemActor } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import { outboundErrorText, outboundRequest, type OutboundRequest } from '@/lib/http/outbound'
import { resolveAlertsByKey } from '@/lib/incidents/alert-lifecycle'
import { ingestAlert } from '@/lib/incidents/ingest'
import { logger } from '@/lib/logger'
import { SLI_WRITE_LOCK_SQL } from '@/lib/slo/locks'
import { inTransaction, type Tx } from '@/lib/tx'
import { nextPerformanceState, type PerformanceState } from './performance'

export const PROBE_ACTOR = systemActor('health-probes')

export type ProbeState = 'up' | 'down' | 'unknown'

export interface ProbeCheck {
  up: boolean
  latencyMs: number
  statusCode: number | null
  error: string | null
}

export interface ProbeCounters {
  state: string
  consecutiveFailures: number
  consecutiveSuccesses: number
  failureThreshold: number
  successThreshold: number
  openIncidentId: string | null
}

export interface ProbeTransition {
  state: ProbeState
  consecutiveFailures: number
  consecutiveSuccesses: number
  /** Raise (or re-raise) the probe's alert. */
  open: boolean
  /** Resolve the probe's alert. */
  resolve: boolean
}

/** Pure: the counters and state after one check, and whether to open or resolve the incident. */
export function nextProbeState(p: ProbeCounters, up: boolean, incidentStillOpen: boolean): ProbeTransition {
  if (up) {
    const successes = p.consecutiveSuccesses + 1
    // From down, only a run of successes counts as recovered; from unknown or up, one is enough.
    const state: ProbeState = p.state === 'down' && successes < p.successThreshold ? 'down' : 'up'
    return { state, consecutiveFailures: 0, consecutiveSuccesses: successes, open: false, resolve: state === 'up' && p.openIncidentId !== null }
  }
  const failures = p.consecutiveFailures + 1
  const down = failures >= p.failureThreshold
  const state: ProbeState = down ? 'down' : p.state === 'down' ? 'down' : (p.state as ProbeState)
  // Raise at the threshold, and again while down if the incident was resolved by hand (the service is still down).
  return { state, consecutiveFailures: failures, consecutiveSuccesses: 0, open: down && (p.openIncidentId === null || !incidentStillOpen), resolve: false }
}

/**
 * One GET through the outbound guard (lib/http/outbound): address policy, no redirects followed (a 3xx is
 * what the probe sees), connect and total timeouts, body capped at 1 MB. The stored error is a short class
 * ("Connection refused", "Refused by policy", ...) that names no address or port.
 */
export async function checkHttp(
  probe: { url: string; expectedStatus: number; timeoutMs: number },
  request: OutboundRequest = outboundRequest,
): Promise<ProbeCheck> {
  const started = performance.now()
  try {
    const res = await request(probe.url, { method: 'GET', headers: { 'user-agent': 'Wardroom health probe' }, timeoutMs: probe.timeoutMs })
    // Latency is time to the response head.
    const up = res.status === probe.expectedStatus
    return { up, latencyMs: res.headMs, statusCode: res.status, error: up ? null : `HTTP ${res.status} (expected ${probe.expectedStatus})` }
  } catch (err) {
    return { up: false, latencyMs: Math.max(0, Math.round(performance.now() - started)), statusCode: null, error: outboundErrorText(err) }
  }
}

export interface ProbeInput {
  id: string
  name: string
  url: string
  expectedStatus: number
  timeoutMs: number
}

export interface ProbeRunResult extends ProbeCheck {
  state: ProbeState
  performance: PerformanceState
  openedIncidentId: string | null
  resolved: boolean
  degradedIncidentId: string | null
  degradedResolved: boolean
}

export const probeDedupKey = (probeId: string) => `probe:${probeId}`
export const probeLatencyDedupKey = (probeId: string) => `probe-latency:${probeId}`

export interface RunProbeDeps {
  request?: OutboundRequest
  now?: Date
  /** Writes the audit entry of a person's "Check now" inside the run's transaction. */
  audit?: (tx: Tx, check: ProbeCheck) => Promise<unknown>
}

/**
 * One run: the HTTP check (outside any transaction), then in one transaction the probe's row lock, its
 * result, its new counters (and the caller's audit entry); then, outside it, the incident opened or resolved.
 */
export async function runProbe(probe: ProbeInput, deps: RunProbeDeps = {}): Promise<ProbeRunResult> {
  const now = deps.now ?? new Date()
  const check = await checkHttp(probe, deps.request)

  const step = await inTransaction(async (tx) => {
    // Locked so a "Check now" and the job cannot both count the same streak.
    await tx.$queryRaw`SELECT "id" FROM "Probe" WHERE "id" = ${probe.id}::uuid FOR UPDATE`
    const current = await tx.probe.findUniqueOrThrow({
      where: { id: probe.id },
      select: {
        name: true,
        state: true,
        consecutiveFailures: true,
        consecutiveSuccesses: true,
        failureThreshold: true,
        successThreshold: true,
        openIncidentId: true,
        latencyThresholdMs: true,
        performance: true,
        consecutiveSlow: true,
        consecutiveFast: true,
        degradedIncidentId: true,
        service: { select: { key: true } },
      },
    })
    const stillOpen = async (id: string | null) => (id ? (await tx.incident.count({ where: { id, status: { not: 'resolved' } } })) > 0 : false)
    const next = nextProbeState(current, check.up, await stillOpen(current.openIncidentId))
    const perf = nextPerformanceState(current, check, await stillOpen(current.degradedIncidentId))
    // Lets the SLI rollup read an id watermark no uncommitted result can fall below (lib/slo/locks.ts).
    await tx.$executeRawUnsafe(SLI_WRITE_LOCK_SQL)
    await tx.probeResult.create({
      data: { probeId: probe.id, at: now, up: check.up, latencyMs: check.latencyMs, statusCode: check.statusCode, error: check.error },
    })
    await tx.probe.update({
      where: { id: probe.id },
      data: {
        state: next.state,
        consecutiveFailures: next.consecutiveFailures,
        consecutiveSuccesses: next.consecutiveSuccesses,
        performance: perf.performance,
        consecutiveSlow: perf.consecutiveSlow,
        consecutiveFast: perf.consecutiveFast,
        lastCheckedAt: now,
      },
    })
    await deps.audit?.(tx, check)
    return { next, perf, name: current.name, serviceKey: current.service.key, thresholdMs: current.latencyThresholdMs }
  })

  let openedIncidentId: string | null = null
  let resolved = false
  // Outside the probe's transaction: ingest takes its own locks and transaction.
  if (step.next.open) {
    const r = await ingestAlert(
      PROBE_ACTOR,
      {
        source: 'probe',
        severity: 'high',
        system: 'health_probe',
        message: `Health check "${step.name}" failed ${step.next.consecutiveFailures} times in a row: ${check.error ?? 'unexpected response'}`,
        occurredAt: now,
        dedupKey: probeDedupKey(probe.id),
        serviceKey: step.serviceKey,
        details: { probeId: probe.id, expectedStatus: probe.expectedStatus, statusCode: check.statusCode, latencyMs: check.latencyMs },
      },
    )
    openedIncidentId = r.incidentId
    await db.probe.update({ where: { id: probe.id }, data: { openIncidentId: r.incidentId } })
    logger.warn({ probe: probe.id, incident: r.incidentId }, 'health probe down: incident raised')
  } else if (step.next.resolve) {
    await resolveAlertsByKey(PROBE_ACTOR, probeDedupKey(probe.id), now, { source: 'probe' })
    await db.probe.update({ where: { id: probe.id }, data: { openIncidentId: null } })
    resolved = true
    logger.info({ probe: probe.id }, 'health probe recovered: alert resolved')
  }
  const latency = await settleLatencyIncident(probe, step, check, now)
  return { ...check, state: step.next.state, performance: step.perf.performance, openedIncidentId, resolved, ...latency }
}

/** Opens or resolves the degraded-performance incident after a run, outside its transaction (as for down). */
async function settleLatencyIncident(
  probe: ProbeInput,
  step: { perf: ReturnType<typeof nextPerformanceState>; name: string; serviceKey: string; thresholdMs: number },
  check: ProbeCheck,
  now: Date,
): Promise<{ degradedIncidentId: string | null; degradedResolved: boolean }> {
  if (step.perf.open) {
    const r = await ingestAlert(PROBE_ACTOR, {
      source: 'probe',
      severity: 'medium',
      system: 'health_probe',
      message: `Degraded performance: health check "${step.name}" answered slower than ${step.thresholdMs} ms ${step.perf.consecutiveSlow} times in a row (last ${check.latencyMs} ms)`,
      occurredAt: now,
      dedupKey: probeLatencyDedupKey(probe.id),
      serviceKey: step.serviceKey,
      details: { probeId: probe.id, latencyMs: check.latencyMs, latencyThresholdMs: step.thresholdMs },
    })
    await db.probe.update({ where: { id: probe.id }, data: { degradedIncidentId: r.incidentId } })
    logger.warn({ probe: probe.id, incident: r.incidentId }, 'health probe slow: degraded performance incident raised')
    return { degradedIncidentId: r.incidentId, degradedResolved: false }
  }
  if (step.perf.resolve) {
    await resolveAlertsByKey(PROBE_ACTOR, probeLatencyDedupKey(probe.id), now, { source: 'probe' })
    await db.probe.update({ where: { id: probe.id }, data: { degradedIncidentId: null } })
    logger.info({ probe: probe.id }, 'health probe fast again: degraded performance resolved')
    return { degradedIncidentId: null, degradedResolved: true }
  }
  return { degradedIncidentId: null, degradedResolved: false }
}
