import 'server-only'
/** Reads for the probes page: current state, 24 h uptime and latency from ProbeResult, recent checks. */
import { db } from '@/lib/db'

const DAY_MS = 24 * 60 * 60 * 1000

export interface ProbeStats {
  checks: number
  up: number
  /** Fraction of checks up over the last 24 h (0..1); null when there were none. */
  uptime: number | null
  p50LatencyMs: number | null
}

export async function probeStats24h(now: Date): Promise<Map<string, ProbeStats>> {
  const since = new Date(now.getTime() - DAY_MS)
  const rows = await db.$queryRaw<{ probeId: string; checks: bigint; up: bigint; p50: number | null }[]>`
    SELECT "probeId", count(*) AS checks, count(*) FILTER (WHERE "up") AS up,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY "latencyMs") AS p50
    FROM "ProbeResult"
    WHERE "at" > ${since} AND "at" <= ${now}
    GROUP BY "probeId"`
  const out = new Map<string, ProbeStats>()
  for (const r of rows) {
    const checks = Number(r.checks)
    const up = Number(r.up)
    out.set(r.probeId, { checks, up, uptime: checks ? up / checks : null, p50LatencyMs: r.p50 === null ? null : Math.round(Number(r.p50)) })
  }
  return out
}

export async function listProbes(now: Date = new Date()) {
  const [probes, stats] = await Promise.all([
    db.probe.findMany({
      orderBy: [{ service: { name: 'asc' } }, { name: 'asc' }],
      include: {
        service: { select: { id: true, name: true, key: true } },
        results: { orderBy: { at: 'desc' }, take: 1, select: { at: true, up: true, latencyMs: true, statusCode: true, error: true } },
      },
    }),
    probeStats24h(now),
  ])
  return probes.map(({ results, ...p }) => ({
    ...p,
    last: results[0] ?? null,
    stats: stats.get(p.id) ?? { checks: 0, up: 0, uptime: null, p50LatencyMs: null },
  }))
}
export type ProbeListItem = Awaited<ReturnType<typeof listProbes>>[number]

export async function recentProbeResults(probeId: string | null, take = 30) {
  return db.probeResult.findMany({
    where: probeId ? { probeId } : {},
    orderBy: { at: 'desc' },
    take,
    select: { id: true, at: true, up: true, latencyMs: true, statusCode: true, error: true, probe: { select: { id: true, name: true } } },
  })
}
export type ProbeResultItem = Awaited<ReturnType<typeof recentProbeResults>>[number]

export async function listServiceOptions() {
  return db.service.findMany({ where: { archivedAt: null }, orderBy: { name: 'asc' }, select: { id: true, name: true } })
}
