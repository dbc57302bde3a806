/**
 * `npm run bench -- sli [--embedded]`, on a throwaway PostgreSQL database:
 * 1. the SLO overview with 90 days of demo data (lib/seed/slo.ts): `getSloOverview` in this process, and an
 *    HTTP GET of /slo with a session cookie when the production build has the page. Goal ≤ 150 ms.
 * 2. `slo-evaluate` over 20 SLOs × 30 days of per-minute rollups. Goal ≤ 1 s.
 * 3. batch ingest over HTTP (POST /api/sli/events, 10,000 items a batch) as rows/s, next to a raw COPY of the
 *    same rows into the same table in the same run (pg-copy-streams, as many streams as HTTP connections).
 *    Goal ≥ 70 % of COPY (issue 17). Without a production build that has the route, what the handler does after
 *    authentication runs in this process instead (JSON parse, validation, insert, audit; no HTTP) and the
 *    result says so. GET /api/ping is measured just before, as the framework's floor on this machine.
 * With `--embedded` (production build required) the same run follows on the embedded default, COPY going
 * into the embedded server, and the two are compared (scripts/bench/compare.ts).
 * Writes bench-results/sli.json.
 *
 * Knobs: BENCH_ROWS (200000), BENCH_CONCURRENCY (4), BENCH_PING_COUNT (5000), BENCH_PG_ADMIN_URL (postgresql://postgres@127.0.0.1:5432/postgres).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { compareRuns, figureOf, onEachDatabase, printComparison, watchLoad, type BenchOptions, type Figure, type PathSpec } from './compare'
import { runLoad, type LoadResult } from './load'
import { BUILD_DIR, DATABASE_LABEL, RESULTS_DIR, requireBuild, signIn, startBenchServer, type BenchDatabase, type BenchServer } from './server'
import { copyBatches, evaluationData, makeBatches, ownDatabase } from './sli-data'

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4)
const PING_COUNT = Number(process.env.BENCH_PING_COUNT ?? 5_000)
const BATCH = 10_000
const EVAL_SLOS = 20
const RUNS = 20
const GOALS = { ingestVsCopy: 0.7, evaluateMs: 1000, overviewMs: 150 }
const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

const say = (m: string) => console.log(`[bench sli] ${m}`)
const mark = (ok: boolean) => (ok ? 'met' : 'MISSED')
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b)
  const at = (q: number) => round(s[Math.min(s.length - 1, Math.floor(q * s.length))]!)
  return { runs: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(s[s.length - 1]!), mean: round(s.reduce((a, b) => a + b, 0) / s.length) }
}

async function timed(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await fn()
    out.push(performance.now() - t)
  }
  return out
}

function hasBuildOf(routes: string[]): boolean {
  try {
    requireBuild(routes)
    return true
  } catch {
    return false
  }
}

/**
 * Part 3 on its own: GET /api/ping, then ROWS rows over HTTP (or in this process without a server) and a
 * raw COPY of the same rows into the same server. Needs DATABASE_URL set to `databaseUrl` and closes nothing.
 */
async function ingestVsCopy(server: BenchServer | null, databaseUrl: string) {
  const { db } = await import('../../lib/db')
  const { createApiKey } = await import('../../lib/admin/commands/api-keys')
  const { systemActor } = await import('../../lib/auth/actor')
  const batches = makeBatches(Date.now(), ROWS, BATCH)
  const key = (await createApiKey(systemActor('bench'), { name: `bench-sli-${Date.now()}`, scopes: ['sli:write'], environment: 'production' })).key
  await db.slo.create({
    data: { key: 'bench_ingest', name: 'bench ingest', sli: 'patient_response_time', sliType: 'threshold', threshold: 2000, comparator: 'lte', service: 'bench-ingest', target: 0.99 },
  })
  let ping: LoadResult | null = null
  let ingestSeconds: number
  let ingestP99Ms: number | null = null
  let ingestErrors = 0
  if (server) {
    const pingReq = () => ({ method: 'GET' as const, path: '/api/ping' })
    await runLoad({ baseUrl: server.baseUrl, concurrency: CONCURRENCY, count: PING_COUNT / 5, request: pingReq, okStatus: [200] })
    ping = await runLoad({ baseUrl: server.baseUrl, concurrency: CONCURRENCY, count: PING_COUNT, request: pingReq, okStatus: [200] })
    say(`GET /api/ping (trivial route): ${ping.perSecond} req/s, p99 ${ping.latencyMs.p99} ms, errors ${ping.errors}`)
    const base = { baseUrl: server.baseUrl, concurrency: CONCURRENCY, okStatus: [202] }
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' }
    await runLoad({ ...base, count: 2, request: (i) => ({ method: 'POST', path: '/api/sli/events', headers, body: batches[i]!.json }) })
    say(`ingesting ${ROWS} rows over HTTP in ${batches.length} batches, ${CONCURRENCY} connections…`)
    const r = await runLoad({ ...base, count: batches.length, request: (i) => ({ method: 'POST', path: '/api/sli/events', headers, body: batches[i]!.json }) })
    ingestSeconds = r.seconds
    ingestP99Ms = r.latencyMs.p99
    ingestErrors = r.errors
  } else {
    // The route module pulls in next-auth, which does not load in plain Node: run what the handler runs
    // after authentication (parse, validate, insert, audit).
    const { parseSliEventBatch } = await import('../../lib/slo/schema')
    const { ingestSliEvents } = await import('../../lib/slo/commands')
    const send = async (body: string) => {
      const parsed = parseSliEventBatch(JSON.parse(body), new Date())
      if (!parsed.success) ingestErrors++
      else await ingestSliEvents(systemActor('bench'), parsed.data.items)
    }
    await send(batches[0]!.json)
    say(`ingesting ${ROWS} rows in process (parse, validate, insert, audit) in ${batches.length} batches, ${CONCURRENCY} at a time…`)
    let next = 0
    const started = performance.now()
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < batches.length; i = next++) await send(batches[i]!.json)
      }),
    )
    ingestSeconds = (performance.now() - started) / 1000
  }
  await copyBatches(databaseUrl, batches.slice(0, 1), CONCURRENCY)
  say(`copying the same ${ROWS} rows with COPY into the same server, ${CONCURRENCY} streams…`)
  const copy = await copyBatches(databaseUrl, batches, CONCURRENCY)
  const ingestRate = Math.round(ROWS / ingestSeconds)
  const copyRate = Math.round(ROWS / copy.seconds)
  const ratio = round(ingestRate / copyRate, 2)
  say(`ingest ${ingestRate} rows/s vs COPY ${copyRate} rows/s: ${Math.round(ratio * 100)} % (goal ≥ ${GOALS.ingestVsCopy * 100} %)`)
  return {
    ping,
    ingest: {
      path: server ? 'http' : 'in process: parse, validate, insert, audit (no production build, no HTTP)',
      rows: ROWS,
      seconds: round(ingestSeconds, 3),
      rowsPerSecond: ingestRate,
      batchP99Ms: ingestP99Ms,
      errors: ingestErrors,
      copySeconds: round(copy.seconds, 3),
      copyRowsPerSecond: copyRate,
      copyBatchMs: stats(copy.batchMs),
      ratio,
    },
  }
}

export const SLI_ROUTES = ['/api/sli/events', '/api/ping']
export type SliIngest = Awaited<ReturnType<typeof ingestVsCopy>>

/** Only the ingest part (issue 17's goal) on one database, on its own production-build server. */
export async function measureSliIngestOn(database: BenchDatabase): Promise<SliIngest> {
  requireBuild(SLI_ROUTES)
  say(`starting the production build on the ${DATABASE_LABEL[database]}…`)
  const server = await startBenchServer({ name: 'sli', readyPath: '/api/ping', env: { WARDROOM_SCHEDULER: 'off' }, database })
  process.env.DATABASE_URL = server.databaseUrl
  const { closeDb } = await import('../../lib/db')
  try {
    return await ingestVsCopy(server, server.databaseUrl)
  } finally {
    await closeDb()
    await server.stop()
  }
}

/**
 * One database's run: overview, slo-evaluate, GET /api/ping, ingest and COPY into the same server, rollup.
 * `server` is null for the in-process fallback (no production build), on `databaseUrl`.
 */
async function measure(server: BenchServer | null, databaseUrl: string, ownerUrl: string, sloPage: boolean) {
  process.env.DATABASE_URL = databaseUrl
  const { closeDb, db } = await import('../../lib/db')
  try {
    const { seedSlo } = await import('../../lib/seed/slo')
    const { getSloOverview } = await import('../../lib/slo/overview')
    const { evaluateSlos } = await import('../../lib/slo/evaluate')
    const { rollupSliEvents } = await import('../../lib/slo/rollup')
    const { hashPassword } = await import('../../lib/auth/password')
    const { env } = await import('../../lib/env')

    // 1. Overview with 90 days of demo data.
    say('seeding the SLO demo data (90 days)…')
    let seedLine = ''
    await seedSlo((m) => (seedLine = m))
    say(seedLine)
    const rollupRows = Number((await db.sloRollup.count()).toString())
    await timed(3, () => getSloOverview(new Date()))
    const overview = stats(await timed(RUNS, () => getSloOverview(new Date())))
    const overviewSlos = (await getSloOverview(new Date())).length
    say(`getSloOverview: p50 ${overview.p50} ms, p95 ${overview.p95} ms, max ${overview.max} ms (${rollupRows} rollup rows)`)
    let page: ReturnType<typeof stats> | null = null
    if (server && sloPage) {
      const email = 'bench-executive@bench.wardroom.local'
      const password = 'bench-password-2026'
      await db.user.create({ data: { email, name: 'Bench executive', role: 'executive', passwordHash: await hashPassword(password) } })
      const cookie = await signIn(server.baseUrl, email, password)
      const get = async () => {
        const res = await fetch(`${server.baseUrl}/slo`, { headers: { cookie } })
        await res.text()
        if (res.status !== 200) throw new Error(`GET /slo answered ${res.status}`)
      }
      await timed(3, get)
      page = stats(await timed(RUNS, get))
      say(`GET /slo (server render, session cookie): p50 ${page.p50} ms, p95 ${page.p95} ms`)
    }

    // 2. slo-evaluate over 20 SLOs × 30 days of per-minute rollups.
    say(`writing ${EVAL_SLOS} SLOs × 30 days of per-minute rollups…`)
    const now = new Date()
    const keys = await evaluationData(databaseUrl, ownerUrl, now, EVAL_SLOS)
    const firstStart = performance.now()
    const first = await evaluateSlos(now, { timeZone: env.WARDROOM_TIMEZONE, keys })
    const firstMs = performance.now() - firstStart
    const steady = stats(await timed(10, () => evaluateSlos(now, { timeZone: env.WARDROOM_TIMEZONE, keys })))
    say(`slo-evaluate: first run ${round(firstMs)} ms (opened ${first.opened} violations and incidents), then p50 ${steady.p50} ms, max ${steady.max} ms`)

    // 3. Ingest vs COPY, after the trivial route as the framework's floor.
    const { ping, ingest } = await ingestVsCopy(server, databaseUrl)
    const rollupStart = performance.now()
    const rolled = await rollupSliEvents()
    const rollupMs = performance.now() - rollupStart
    say(`sli-rollup of ${rolled.events} events: ${round(rollupMs)} ms (${Math.round(rolled.events / (rollupMs / 1000))} events/s)`)

    const verdict = {
      ingestVsCopy: ingest.ratio >= GOALS.ingestVsCopy,
      evaluate: steady.max <= GOALS.evaluateMs && firstMs <= GOALS.evaluateMs,
      overview: overview.p50 <= GOALS.overviewMs,
      noErrors: ingest.errors === 0 && (ping?.errors ?? 0) === 0,
    }
    say(`goals: ingest/COPY ${mark(verdict.ingestVsCopy)}, evaluate ${mark(verdict.evaluate)}, overview ${mark(verdict.overview)}${page ? ` (page p50 ${page.p50} ms)` : ''}`)
    return {
      ping,
      overview: { getSloOverviewMs: overview, pageGetMs: page, rollupRows, slos: overviewSlos, seed: seedLine },
      evaluate: { slos: EVAL_SLOS, rollupRows: EVAL_SLOS * (30 * 1440 + 1), firstRunMs: round(firstMs), firstRun: first, steadyMs: steady },
      ingest,
      rollup: { events: rolled.events, ms: round(rollupMs), rows: rolled.rows },
      verdict,
    }
  } finally {
    await closeDb()
  }
}

type SliRun = Awaited<ReturnType<typeof measure>>


/** A rate (higher is better) from a timing in milliseconds, for the side-by-side table. */
const perSecondOf = (ms: number) => (ms > 0 ? Math.round((1000 / ms) * 10) / 10 : 0)
const timing = (s: ReturnType<typeof stats> | null, unit: string): Figure | null => (s ? { perSecond: perSecondOf(s.p50), unit, p99Ms: s.p99 } : null)

/** Throughput rows are counted for the target; timings of single runs are shown as runs/s, for context. */
const COMPARED: { ping: PathSpec<SliRun>; paths: PathSpec<SliRun>[] } = {
  ping: { path: 'GET /api/ping', targeted: false, figure: (r) => (r.ping ? figureOf(r.ping) : null) },
  paths: [
    { path: 'POST /api/sli/events', targeted: true, figure: (r) => ({ perSecond: r.ingest.rowsPerSecond, unit: 'rows/s', p99Ms: r.ingest.batchP99Ms }) },
    { path: 'COPY (raw, same rows)', targeted: true, figure: (r) => ({ perSecond: r.ingest.copyRowsPerSecond, unit: 'rows/s', p99Ms: r.ingest.copyBatchMs.p99 }) },
    { path: 'slo-evaluate (1/p50)', targeted: false, figure: (r) => timing(r.evaluate.steadyMs, 'runs/s') },
    { path: 'getSloOverview (1/p50)', targeted: false, figure: (r) => timing(r.overview.getSloOverviewMs, 'runs/s') },
    { path: 'GET /slo (1/p50)', targeted: false, figure: (r) => timing(r.overview.pageGetMs, 'req/s') },
    { path: 'sli-rollup', targeted: false, figure: (r) => ({ perSecond: Math.round(r.rollup.events / (r.rollup.ms / 1000)), unit: 'events/s', p99Ms: null }) },
  ],
}

export async function run(opts: BenchOptions = { embedded: false }): Promise<void> {
  const whole = watchLoad()
  const httpIngest = hasBuildOf(['/api/sli/events', '/api/ping'])
  if (opts.embedded && !httpIngest) requireBuild(['/api/sli/events', '/api/ping'])
  const sloPage = httpIngest && existsSync(path.join(BUILD_DIR, 'server/app/(cockpit)/slo/page.js'))
  const runs = await onEachDatabase(opts, async (database) => {
    if (!httpIngest) {
      say('no production build with /api/sli/events (run `npm run build` for the HTTP figures): measuring ingest in this process')
      const own = await ownDatabase(ADMIN_URL)
      try {
        return await measure(null, own.url, own.url, false)
      } finally {
        await own.drop()
      }
    }
    say(`starting the production build on the ${DATABASE_LABEL[database]}…`)
    const server = await startBenchServer({ name: 'sli', readyPath: '/api/ping', env: { WARDROOM_SCHEDULER: 'off' }, database })
    try {
      return await measure(server, server.databaseUrl, server.ownerUrl, sloPage)
    } finally {
      await server.stop()
    }
  })
  const machine = whole()
  const service = runs.service[0]!
  const embedded = runs.embedded[0] ? { ...runs.embedded[0], database: 'embedded', comparison: compareRuns(runs, COMPARED, machine) } : undefined
  if (embedded) printComparison(say, embedded.comparison)

  const result = {
    suite: 'sli',
    at: new Date().toISOString(),
    config: { rows: ROWS, batch: BATCH, concurrency: CONCURRENCY, evalSlos: EVAL_SLOS, runs: RUNS, pingCount: PING_COUNT, database: 'postgresql', scheduler: 'off' },
    machine: { cpus: os.cpus().length, nproc: machine.nproc, model: os.cpus()[0]?.model ?? 'unknown', node: process.version, loadavgBefore: machine.loadavgBefore, loadavgAfter: machine.loadavgAfter },
    ping: service.ping,
    overview: service.overview,
    evaluate: service.evaluate,
    ingest: service.ingest,
    rollup: service.rollup,
    goals: GOALS,
    verdict: service.verdict,
    ...(embedded ? { embedded } : {}),
  }
  mkdirSync(RESULTS_DIR, { recursive: true })
  const out = path.join(RESULTS_DIR, 'sli.json')
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`)
  say(`written to ${path.relative(process.cwd(), out)}`)
  if ([...runs.service, ...runs.embedded].some((r) => !r.verdict.noErrors)) process.exitCode = 1
}
