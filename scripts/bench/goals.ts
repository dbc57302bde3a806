/**
 * `npm run bench -- goals [--embedded]`: every goal of issue 17 from one run, in one table
 * (./goals-table.ts) — the parts of the other suites each goal needs, through their own measuring
 * functions, each part on its own throwaway server (production build):
 *   flags      unleash-server's frontend API (the peer, once), then OFREP single and bulk and GET /api/ping
 *   alerts     POST /api/alerts, duplicates and unique keys, 16 connections
 *   sli        POST /api/sli/events against a raw COPY of the same rows
 *   analytics  POST /api/analytics/batch against a raw COPY of the same rows
 *   pages      every cockpit page with the demo data and the extra incidents
 * With `--embedded` each part runs on the PostgreSQL service and then on the embedded default, back to back,
 * and the table has a column for each. The machine's 1-minute load average is sampled every 5 s during each
 * part and printed with its start and end. Writes bench-results/goals.json (the table, every part's full
 * figures, the load).
 *
 * Knobs: BENCH_GOALS_PARTS (flags,alerts,sli,analytics,pages: a subset runs only those parts), the suites'
 * own (BENCH_COUNT for flags and alerts, BENCH_ROWS for sli and analytics, BENCH_RUNS and BENCH_INCIDENTS for
 * pages, BENCH_PEER=off). A short trial: BENCH_COUNT=2000 BENCH_ROWS=20000 BENCH_RUNS=3 BENCH_INCIDENTS=300.
 * Leave BENCH_CONCURRENCY unset: each part has its own (50 for flags, 16 for alerts, 4 for ingest).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ALERT_ROUTES, measureAlertsOn } from './alerts'
import { ANALYTICS_ROUTES, measureAnalyticsIngestOn } from './analytics'
import type { BenchOptions } from './compare'
import { FLAG_ROUTES, measureFlagsOn, measureFlagsPeer } from './flags'
import { evaluateGoals, formatGoalTable, partsFrom, summariseLoad, tally, type DatabaseFigures, type LoadSummary, type Part, type Rate } from './goals-table'
import type { LoadResult } from './load'
import { measurePagesOn } from './pages'
import { measureSliIngestOn, SLI_ROUTES } from './sli'
import { DATABASE_LABEL, RESULTS_DIR, requireBuild, type BenchDatabase } from './server'

const SAMPLE_MS = 5_000

const say = (m: string) => console.log(`[bench goals] ${m}`)
const rate = (r: LoadResult): Rate => ({ perSecond: r.perSecond, p99Ms: r.latencyMs.p99, errors: r.errors })
const loadText = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')

/** Samples the 1-minute load average every 5 s until the returned function is called. */
function sampleLoad(): () => LoadSummary {
  const start = os.loadavg()[0]!
  const during: number[] = []
  const timer = setInterval(() => during.push(os.loadavg()[0]!), SAMPLE_MS)
  timer.unref()
  return () => {
    clearInterval(timer)
    return summariseLoad(start, during, os.loadavg()[0]!)
  }
}

/** Each part: its suite's measuring function on one database, and the figures the goals read from it. */
const MEASURE: Record<Part, (database: BenchDatabase) => Promise<{ raw: unknown; figures: Partial<DatabaseFigures> }>> = {
  flags: async (d) => {
    const r = await measureFlagsOn(d)
    return { raw: r, figures: { flags: { ping: rate(r.ping), single: rate(r.single), bulk: rate(r.bulk) } } }
  },
  alerts: async (d) => {
    const r = await measureAlertsOn(d)
    return { raw: r, figures: { alerts: { unique: rate(r.unique), duplicates: rate(r.duplicates) } } }
  },
  sli: async (d) => {
    const r = await measureSliIngestOn(d)
    return { raw: r, figures: { sli: { ingestPerSecond: r.ingest.rowsPerSecond, copyPerSecond: r.ingest.copyRowsPerSecond, errors: r.ingest.errors } } }
  },
  analytics: async (d) => {
    const r = await measureAnalyticsIngestOn(d)
    return { raw: r, figures: { analytics: { ingestPerSecond: r.http.rowsPerSecond, copyPerSecond: r.copy.rowsPerSecond, errors: r.http.errors } } }
  },
  pages: async (d) => {
    const r = await measurePagesOn(d)
    const pages = r.pages.map((p) => ({ path: p.path, ttfbMs: p.ttfb.p50, fullMs: p.full.p50, ...(p.error ? { error: p.error } : {}) }))
    return { raw: r, figures: { pages: { pages, noRecord: r.noRecord } } }
  },
}

interface PartLoad extends LoadSummary {
  part: string
  database: string
}

export async function run(opts: BenchOptions = { embedded: false }): Promise<void> {
  const parts = partsFrom(process.env.BENCH_GOALS_PARTS)
  requireBuild([...new Set([...FLAG_ROUTES, ...ALERT_ROUTES, ...SLI_ROUTES, ...ANALYTICS_ROUTES])])
  const databases: BenchDatabase[] = opts.embedded ? ['service', 'embedded'] : ['service']
  const loadBefore = os.loadavg()
  say(`machine: ${os.availableParallelism()} CPUs, load average (1/5/15 min) ${loadText()}; parts ${parts.join(', ')} on the ${databases.map((d) => DATABASE_LABEL[d]).join(' and the ')}`)

  const figures: Record<BenchDatabase, DatabaseFigures> = { service: {}, embedded: {} }
  const raw: Record<BenchDatabase, Partial<Record<Part, unknown>>> = { service: {}, embedded: {} }
  const loads: PartLoad[] = []
  const timed = async (part: string, database: string, fn: () => Promise<void>) => {
    const load = sampleLoad()
    const started = performance.now()
    try {
      await fn()
    } finally {
      const l = { part, database, ...load() }
      loads.push(l)
      say(`${part} on ${database}: ${Math.round((performance.now() - started) / 1000)} s; load average (1 min) ${l.start} at the start, mean ${l.mean}, max ${l.max} over ${l.samples} samples, ${l.end} at the end`)
    }
  }

  let peer: Rate | null = null
  let peerRaw: unknown = null
  for (const part of parts) {
    if (part === 'flags') {
      await timed('flags peer', 'unleash-server', async () => {
        const p = await measureFlagsPeer()
        peerRaw = p
        peer = p ? rate(p.frontend) : null
      })
    }
    for (const database of databases) {
      say(`${part} on the ${DATABASE_LABEL[database]}…`)
      await timed(part, DATABASE_LABEL[database], async () => {
        try {
          const r = await MEASURE[part](database)
          raw[database][part] = r.raw
          Object.assign(figures[database], r.figures)
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e)
          say(`${part} on the ${DATABASE_LABEL[database]} failed: ${message}`)
          figures[database].failed = { ...figures[database].failed, [part]: message }
        }
      })
    }
  }

  const rows = evaluateGoals({ peer, service: figures.service, ...(opts.embedded ? { embedded: figures.embedded } : {}) })
  const count = tally(rows)
  const loadAfter = os.loadavg()
  say('')
  say(`issue 17 goals, one run (${new Date().toISOString()}); ratio = measured ÷ peer, ping, COPY or target as the goal reads`)
  for (const line of formatGoalTable(rows, DATABASE_LABEL)) say(line)
  say('')
  say(`machine: ${os.availableParallelism()} CPUs; load average (1/5/15 min) ${loadBefore.map((x) => x.toFixed(2)).join(' ')} at the start, ${loadText()} at the end`)
  for (const l of loads) say(`  ${`${l.part}, ${l.database}`.padEnd(40)} 1-min load ${l.start} → mean ${l.mean}, max ${l.max} → ${l.end}`)
  say(`${count.met} met, ${count.missed} missed, ${count['not run']} not run`)

  const result = {
    suite: 'goals',
    at: new Date().toISOString(),
    config: { parts, databases, env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('BENCH_') && !k.endsWith('_URL'))) },
    machine: { cpus: os.cpus().length, nproc: os.availableParallelism(), model: os.cpus()[0]?.model ?? 'unknown', node: process.version, loadavgBefore: loadBefore, loadavgAfter: loadAfter },
    rows,
    tally: count,
    load: loads,
    peer: peerRaw,
    figures: { service: figures.service, ...(opts.embedded ? { embedded: figures.embedded } : {}) },
    raw: { service: raw.service, ...(opts.embedded ? { embedded: raw.embedded } : {}) },
  }
  mkdirSync(RESULTS_DIR, { recursive: true })
  const out = path.join(RESULTS_DIR, 'goals.json')
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`)
  say(`written to ${path.relative(process.cwd(), out)}`)
  // A missed goal is a finding, not a failure of the bench; a part that threw is.
  if (databases.some((d) => figures[d].failed)) process.exitCode = 1
}
