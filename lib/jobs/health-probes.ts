/**
 * Every 15 seconds: runs the enabled health probes whose interval has elapsed (30 s at the shortest, the
 * operations guide's monitoring interval), a few at a time. Results feed
 * the probes page and availability SLIs; streaks of failures open incidents (lib/probes/probe.ts).
 */
import { db } from '../db'
import type { OutboundRequest } from '../http/outbound'
import { logger } from '../logger'
import { runProbe } from '../probes/probe'
import type { JobDefinition } from './types'

const CONCURRENCY = 8
// The scheduler fires a little after each tick; without slack a 30 s probe would skip every other run.
// Less than the 15 s tick, so no probe runs a tick early.
const SLACK_MS = 5_000

export async function runDueProbes(now: Date, deps: { request?: OutboundRequest; probeIds?: string[]; signal?: AbortSignal } = {}) {
  const probes = await db.probe.findMany({
    where: { enabled: true, ...(deps.probeIds ? { id: { in: deps.probeIds } } : {}) },
    select: { id: true, name: true, url: true, expectedStatus: true, timeoutMs: true, intervalSeconds: true, lastCheckedAt: true },
  })
  const due = probes.filter((p) => !p.lastCheckedAt || p.lastCheckedAt.getTime() + p.intervalSeconds * 1000 - SLACK_MS <= now.getTime())
  const summary = { due: due.length, up: 0, down: 0, opened: 0, resolved: 0, slow: 0, degradedOpened: 0, degradedResolved: 0, errors: 0 }
  for (let i = 0; i < due.length; i += CONCURRENCY) {
    deps.signal?.throwIfAborted()
    const results = await Promise.allSettled(due.slice(i, i + CONCURRENCY).map((p) => runProbe(p, { request: deps.request, now })))
    for (const [j, r] of results.entries()) {
      if (r.status === 'rejected') {
        summary.errors++
        logger.error({ probe: due[i + j]?.id, err: r.reason instanceof Error ? r.reason.message : 'unknown' }, 'health probe run failed')
        continue
      }
      if (r.value.up) summary.up++
      else summary.down++
      if (r.value.openedIncidentId) summary.opened++
      if (r.value.resolved) summary.resolved++
      if (r.value.performance === 'degraded') summary.slow++
      if (r.value.degradedIncidentId) summary.degradedOpened++
      if (r.value.degradedResolved) summary.degradedResolved++
    }
  }
  return summary
}

export const healthProbes: JobDefinition = {
  name: 'health-probes',
  schedule: '*/15 * * * * *',
  description:
    'Runs the HTTP health checks whose interval has elapsed (every 30 s at the shortest), stores latency and up/down, and opens or resolves an incident after N failures or successes in a row (3 by default); slow answers over the latency threshold open a degraded-performance incident the same way.',
  timeoutSeconds: 150,
  async run({ now, signal }) {
    return runDueProbes(now, { signal })
  },
}
