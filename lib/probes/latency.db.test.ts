/**
 * Degraded performance: a probe that stays up but answers slower than its latency threshold opens a medium
 * "degraded performance" incident through ingest after failureThreshold slow checks, and resolves it after
 * successThreshold fast ones. The HTTP call is a stand-in with a chosen head latency; the job runs every
 * 15 s on a fake clock and checks a 30 s probe every other tick.
 */
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { runDueProbes } from '@/lib/jobs/health-probes'
import type { OutboundRequest } from '@/lib/http/outbound'
import { uid } from '@/test/factories'
import { probeLatencyDedupKey } from './probe'

let latencyMs = 100
const request: OutboundRequest = async () => ({ status: 200, headers: {}, body: Buffer.alloc(0), headMs: latencyMs })

describe('probe latency threshold', () => {
  it('opens a degraded-performance incident after 3 slow checks and resolves it after 3 fast ones', async () => {
    const service = await db.service.create({ data: { key: uid('svc'), name: 'Imaging reader', workflows: ['diagnosis'] } })
    const probe = await db.probe.create({ data: { serviceId: service.id, name: uid('healthz'), url: 'http://probe.invalid/healthz', intervalSeconds: 30, timeoutMs: 2000 } })
    expect(probe.latencyThresholdMs).toBe(500)
    const t0 = Date.now()
    const tick = (n: number) => runDueProbes(new Date(t0 + n * 15_000), { request, probeIds: [probe.id] })
    const incidents = () => db.incident.findMany({ where: { dedupKey: probeLatencyDedupKey(probe.id) } })

    // The 15 s job checks the 30 s probe on every other tick.
    expect(await tick(0)).toMatchObject({ due: 1, up: 1, slow: 0 })
    expect(await tick(1)).toMatchObject({ due: 0 })
    latencyMs = 800
    expect(await tick(2)).toMatchObject({ due: 1, up: 1, degradedOpened: 0 })
    expect(await tick(4)).toMatchObject({ due: 1, degradedOpened: 0 })
    expect(await incidents()).toHaveLength(0)
    expect(await tick(6)).toMatchObject({ due: 1, up: 1, slow: 1, degradedOpened: 1 })

    const [opened] = await incidents()
    expect(opened).toMatchObject({ status: 'triggered', severity: 'medium', serviceId: service.id })
    expect(opened!.title).toContain('Degraded performance')
    expect(opened!.title).toContain('slower than 500 ms 3 times in a row (last 800 ms)')
    expect(await db.probe.findUniqueOrThrow({ where: { id: probe.id } })).toMatchObject({ state: 'up', performance: 'degraded', consecutiveSlow: 3, degradedIncidentId: opened!.id })

    expect(await tick(8)).toMatchObject({ degradedOpened: 0 }) // still slow: no second incident
    latencyMs = 120
    expect(await tick(10)).toMatchObject({ degradedResolved: 0 })
    expect(await tick(12)).toMatchObject({ degradedResolved: 0 })
    expect(await tick(14)).toMatchObject({ degradedResolved: 1 })

    const after = await incidents()
    expect(after).toHaveLength(1)
    expect(after[0]!.status).toBe('resolved')
    expect(await db.probe.findUniqueOrThrow({ where: { id: probe.id } })).toMatchObject({ performance: 'ok', consecutiveFast: 3, degradedIncidentId: null })
    // The availability side never moved: no down incident.
    expect(await db.incident.count({ where: { dedupKey: `probe:${probe.id}` } })).toBe(0)
  })
})
