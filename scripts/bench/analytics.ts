/**
 * `npm run bench -- analytics [--embedded] [--rows 1e6,1e7]`, against the production build (issue 13):
 * 1. Ingest: POST /api/analytics/batch (10,000 events a batch, BENCH_CONCURRENCY connections) as rows/s
 *    stored, next to a binary COPY of the same rows into the same table in the same run
 *    (./analytics-ingest.ts). Goals: ≥ 50 % of COPY (issue 13), ≥ 70 % (issue 17).
 * 2. Funnels: a 3-step funnel over each size of `--rows` (default 1e6,1e7; `--rows 0` skips it) against one
 *    sequential scan of the same rows (./analytics-funnel.ts). Goal: ≤ 2× the scan.
 * The machine's load average is printed with every figure and kept in bench-results/analytics.json: on a
 * shared machine the ratios of one run are the figures to quote, not the absolute rates.
 * With `--embedded` the same run follows on the embedded default, and the two are compared
 * (scripts/bench/compare.ts).
 *
 * Knobs: BENCH_ROWS (ingest rows, 200000; 0 skips ingest), BENCH_CONCURRENCY (4), BENCH_PING_COUNT (5000),
 * BENCH_PG_ADMIN_URL (postgresql://postgres@127.0.0.1:5432/postgres).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { compareRuns, figureOf, onEachDatabase, printComparison, watchLoad, type BenchOptions, type MachineLoad, type PathSpec } from './compare'
import pg from 'pg'
import { benchFunnel, type FunnelBenchResult } from './analytics-funnel'
import { BATCH, measureIngest, type IngestFigures } from './analytics-ingest'
import { DATABASE_LABEL, RESULTS_DIR, requireBuild, startBenchServer, type BenchDatabase } from './server'

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4)
const PING_COUNT = Number(process.env.BENCH_PING_COUNT ?? 5_000)
export const DEFAULT_FUNNEL_ROWS = [1_000_000, 10_000_000]
const GOALS = { ingestVsCopy: 0.5, ingestVsCopyIssue17: 0.7, funnelVsScan: 2 }

const say = (m: string) => console.log(`[bench analytics] ${m}`)
const loadNow = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')
const loadLine = (l: MachineLoad) => `${l.loadavgBefore.join(' ')} → ${l.loadavgAfter.join(' ')}`
const pct = (r: number) => `${Math.round(r * 100)} %`

interface AnalyticsRun {
  database: string
  ingest: (IngestFigures & { load: MachineLoad }) | null
  funnels: FunnelBenchResult[]
  verdict: { ingestVsCopy: boolean | null; ingestVsCopyIssue17: boolean | null; funnelVsScan: boolean | null }
}

const loadPair = (before: number[], after: number[]) => `${before.map((x) => x.toFixed(2)).join(' ')} → ${after.map((x) => x.toFixed(2)).join(' ')}`
const sizeLabel = (rows: number) => (rows >= 1e6 && rows % 1e6 === 0 ? `${rows / 1e6} M` : rows.toLocaleString('en'))

/** The rows of the table printed after each database's run. */
function printRun(r: AnalyticsRun): void {
  const rows: string[][] = [['figure', 'rate', 'ratio', 'load (1/5/15 min) before → after']]
  if (r.ingest) {
    const i = r.ingest
    rows.push(['GET /api/ping (floor)', `${i.pingPerSecond.toLocaleString('en')} req/s`, '', ''])
    rows.push([`POST /api/analytics/batch (${i.concurrency} conn.)`, `${i.http.rowsPerSecond.toLocaleString('en')} rows/s`, pct(i.ratio), loadLine(i.load)])
    rows.push([`COPY, same rows (${i.concurrency} streams)`, `${i.copy.rowsPerSecond.toLocaleString('en')} rows/s`, '100 %', ''])
  }
  for (const f of r.funnels) {
    rows.push([`3-step funnel, ${sizeLabel(f.rows)} rows (median of ${f.funnel.ms.length})`, `${f.funnel.medianMs.toLocaleString('en')} ms`, `${f.ratio.toFixed(2)}×`, loadPair(f.loadavg.before, f.loadavg.after)])
    rows.push([`sequential scan, same rows`, `${f.scan.medianMs.toLocaleString('en')} ms`, '1.00×', ''])
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)))
  say('')
  say(`${r.database}:`)
  for (const row of rows) say(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   '))
  if (r.ingest) {
    say(
      `ingest vs COPY ${pct(r.ingest.ratio)}: goal ≥ ${pct(GOALS.ingestVsCopy)} (issue 13) ${r.verdict.ingestVsCopy ? 'met' : 'MISSED'}, ≥ ${pct(GOALS.ingestVsCopyIssue17)} (issue 17) ${r.verdict.ingestVsCopyIssue17 ? 'met' : 'MISSED'}`,
    )
  }
  if (r.funnels.length) {
    say(`funnel vs scan: ${r.funnels.map((f) => `${sizeLabel(f.rows)} ${f.ratio.toFixed(2)}×`).join(', ')}: goal ≤ ${GOALS.funnelVsScan}× ${r.verdict.funnelVsScan ? 'met' : 'MISSED'}`)
  }
}

/** The funnels at each size, on the server's database as its owner (the bench makes and VACUUMs its own partitions). */
async function measureFunnels(ownerUrl: string, sizes: number[]): Promise<FunnelBenchResult[]> {
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 2 })
  try {
    const out: FunnelBenchResult[] = []
    for (const rows of sizes) {
      say(`funnel: writing ${sizeLabel(rows)} rows (load average ${loadNow()})…`)
      out.push(await benchFunnel(pool, { rows, log: say }))
    }
    return out
  } finally {
    await pool.end()
  }
}

/** The side-by-side rows of `--embedded`: ingest and COPY (the throughput paths), each funnel and scan as runs/s. */
const compared = (sizes: number[]): { ping: PathSpec<AnalyticsRun>; paths: PathSpec<AnalyticsRun>[] } => ({
  ping: { path: 'GET /api/ping', targeted: false, figure: (r) => (r.ingest ? figureOf(r.ingest.ping) : null) },
  paths: [
    { path: 'POST /api/analytics/batch', targeted: true, figure: (r) => (r.ingest ? { perSecond: r.ingest.http.rowsPerSecond, unit: 'rows/s', p99Ms: r.ingest.http.batchP99Ms } : null) },
    { path: 'COPY (raw, same rows)', targeted: true, figure: (r) => (r.ingest ? { perSecond: r.ingest.copy.rowsPerSecond, unit: 'rows/s', p99Ms: r.ingest.copy.batchP99Ms } : null) },
    ...sizes.flatMap((rows, i): PathSpec<AnalyticsRun>[] => [
      { path: `funnel, ${sizeLabel(rows)} rows (1/median)`, targeted: false, figure: (r) => funnelFigure(r.funnels[i], (f) => f.funnel.medianMs) },
      { path: `scan, ${sizeLabel(rows)} rows (1/median)`, targeted: false, figure: (r) => funnelFigure(r.funnels[i], (f) => f.scan.medianMs) },
    ]),
  ],
})

function funnelFigure(f: FunnelBenchResult | undefined, ms: (f: FunnelBenchResult) => number) {
  return f ? { perSecond: Math.round((1000 / ms(f)) * 100) / 100, unit: 'runs/s', p99Ms: null } : null
}

export const ANALYTICS_ROUTES = ['/api/analytics/batch', '/api/ping']

/** Only the ingest part (batch ingest vs COPY of the same rows) on one database, on its own server. */
export async function measureAnalyticsIngestOn(database: BenchDatabase): Promise<IngestFigures> {
  requireBuild(ANALYTICS_ROUTES)
  say(`starting the production build on the ${DATABASE_LABEL[database]}…`)
  const server = await startBenchServer({ name: 'analytics', readyPath: '/api/ping', env: { WARDROOM_SCHEDULER: 'off' }, database })
  try {
    return await measureIngest(server, { rows: ROWS, concurrency: CONCURRENCY, pingCount: PING_COUNT })
  } finally {
    await server.stop()
  }
}

export async function run(opts: BenchOptions = { embedded: false }): Promise<void> {
  requireBuild(ANALYTICS_ROUTES)
  const sizes = opts.rows ?? DEFAULT_FUNNEL_ROWS
  const whole = watchLoad()
  say(
    `machine: ${os.availableParallelism()} CPUs, load average ${loadNow()}; ` +
      (ROWS > 0 ? `ingest ${ROWS.toLocaleString('en')} rows in batches of ${BATCH.toLocaleString('en')}` : 'no ingest (BENCH_ROWS=0)') +
      (sizes.length ? `; funnels over ${sizes.map(sizeLabel).join(' and ')} rows` : '; no funnels (--rows 0)'),
  )
  const runs = await onEachDatabase(opts, async (database): Promise<AnalyticsRun> => {
    say(`starting the production build on the ${DATABASE_LABEL[database]}…`)
    const server = await startBenchServer({ name: 'analytics', readyPath: '/api/ping', env: { WARDROOM_SCHEDULER: 'off' }, database })
    try {
      const load = watchLoad()
      const figures = ROWS > 0 ? await measureIngest(server, { rows: ROWS, concurrency: CONCURRENCY, pingCount: PING_COUNT }) : null
      const ingest = figures ? { ...figures, load: load() } : null
      const funnels = await measureFunnels(server.ownerUrl, sizes)
      const result: AnalyticsRun = {
        database: DATABASE_LABEL[database],
        ingest,
        funnels,
        verdict: {
          ingestVsCopy: ingest ? ingest.ratio >= GOALS.ingestVsCopy : null,
          ingestVsCopyIssue17: ingest ? ingest.ratio >= GOALS.ingestVsCopyIssue17 : null,
          funnelVsScan: funnels.length ? funnels.every((f) => f.ratio <= GOALS.funnelVsScan) : null,
        },
      }
      printRun(result)
      return result
    } finally {
      await server.stop()
    }
  })
  const machine = whole()
  const service = runs.service[0]!
  const embedded = runs.embedded[0] ? { ...runs.embedded[0], comparison: compareRuns(runs, compared(sizes), machine) } : undefined
  if (embedded) printComparison(say, embedded.comparison)
  const result = {
    suite: 'analytics',
    at: new Date().toISOString(),
    config: { rows: ROWS, batch: BATCH, concurrency: CONCURRENCY, pingCount: PING_COUNT, funnelRows: sizes, scheduler: 'off' },
    machine: { cpus: os.cpus().length, nproc: machine.nproc, model: os.cpus()[0]?.model ?? 'unknown', node: process.version, loadavgBefore: machine.loadavgBefore, loadavgAfter: machine.loadavgAfter },
    goals: GOALS,
    service,
    ...(embedded ? { embedded } : {}),
  }
  mkdirSync(RESULTS_DIR, { recursive: true })
  const out = path.join(RESULTS_DIR, 'analytics.json')
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`)
  say(`written to ${path.relative(process.cwd(), out)}`)
}
