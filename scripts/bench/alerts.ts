/**
 * `npm run bench -- alerts [--embedded]`: alerts over HTTP to POST /api/alerts on PostgreSQL, in two phases —
 * duplicates (every alert repeats one of ~100 open incidents' keys) and unique keys (every alert opens an
 * incident, an alert storm) — and in the same run GET /api/ping, the cockpit's trivial route through Next.
 * Goals (issue 17), at 16 connections: unique ≥ 1,000 alerts/s, duplicates ≥ 5,000 alerts/s, p99 ≤ 100 ms
 * in both; with `--embedded` the embedded default reaches ≥ 80 % of the service's unique rate (compared by
 * scripts/bench/compare.ts). After the run the data is checked: one open incident per key, every answered
 * alert stored. Writes bench-results/alerts.json.
 *
 * Knobs: BENCH_COUNT (20000), BENCH_CONCURRENCY (16), BENCH_PG_ADMIN_URL (postgresql://postgres@127.0.0.1:5432/postgres).
 */
import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { runLoad, type LoadResult } from './load'
import { compareRuns, figureOf, onEachDatabase, printComparison, watchLoad, type BenchOptions } from './compare'
import { DATABASE_LABEL, RESULTS_DIR, requireBuild, startBenchServer, type BenchDatabase, type BenchServer } from './server'

const COUNT = Number(process.env.BENCH_COUNT ?? 20_000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16)
const OPEN_INCIDENTS = 100
const WARMUP = 2_000
const GOALS = { uniquePerSecond: 1_000, duplicatesPerSecond: 5_000, p99Ms: 100 }

const say = (m: string) => console.log(`[bench alerts] ${m}`)
const line = (name: string, r: LoadResult) =>
  `${name.padEnd(16)} ${String(r.perSecond).padStart(6)} req/s   p50 ${r.latencyMs.p50} ms   p90 ${r.latencyMs.p90} ms   p99 ${r.latencyMs.p99} ms   max ${r.latencyMs.max} ms   errors ${r.errors}`

async function createKey(databaseUrl: string): Promise<string> {
  process.env.DATABASE_URL = databaseUrl
  const { createApiKey } = await import('../../lib/admin/commands/api-keys')
  const { systemActor } = await import('../../lib/auth/actor')
  const { closeDb } = await import('../../lib/db')
  const { key } = await createApiKey(systemActor('bench'), { name: `bench-alerts-${Date.now()}`, scopes: ['alerts:write'], environment: 'production' })
  await closeDb()
  return key
}

async function check(databaseUrl: string, runId: string) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const q = async (sql: string, params: unknown[] = []) => Number((await client.query<{ n: string }>(sql, params)).rows[0]!.n)
    return {
      openIncidentsPerDuplicateKey: await q(
        `SELECT max(n)::text AS n FROM (SELECT count(*) AS n FROM "Incident" WHERE "dedupKey" LIKE $1 AND status <> 'resolved' GROUP BY "dedupKey") s`,
        [`bench-${runId}-open-%`],
      ),
      incidents: await q(`SELECT count(*)::text AS n FROM "Incident"`),
      alerts: await q(`SELECT count(*)::text AS n FROM "Alert"`),
      ingestAuditRows: await q(`SELECT count(*)::text AS n FROM "AuditLog" WHERE action = 'alert.ingest'`),
    }
  } finally {
    await client.end()
  }
}

/** One server's run: warm-up, GET /api/ping, POST /api/alerts, then the data check. */
async function measure(server: BenchServer) {
  const key = await createKey(server.databaseUrl)
  const runId = randomUUID().slice(0, 8)
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' }
  const alert = (dedupKey: string) => ({
    method: 'POST' as const,
    path: '/api/alerts',
    headers,
    body: JSON.stringify({
      severity: 'high',
      system: 'sla_monitoring',
      message: 'Response time SLA violated',
      timestamp: new Date().toISOString(),
      dedupKey,
      details: { p99Ms: 2034, thresholdMs: 2000 },
    }),
  })
  const openKey = (i: number) => `bench-${runId}-open-${i % OPEN_INCIDENTS}`
  const base = { baseUrl: server.baseUrl, concurrency: CONCURRENCY }

  say(`opening ${OPEN_INCIDENTS} incidents and warming up…`)
  const opened = await runLoad({ ...base, concurrency: 8, count: OPEN_INCIDENTS, request: (i) => alert(openKey(i)), okStatus: [202] })
  if (opened.errors) throw new Error(`Could not open the incidents: ${JSON.stringify(opened.statuses)}`)
  await runLoad({ ...base, count: WARMUP, request: () => ({ method: 'GET', path: '/api/ping' }), okStatus: [200] })
  await runLoad({ ...base, count: WARMUP, request: (i) => alert(openKey(i)), okStatus: [202] })

  say('measuring GET /api/ping (trivial route)…')
  const ping = await runLoad({ ...base, count: COUNT, request: () => ({ method: 'GET', path: '/api/ping' }), okStatus: [200] })
  say(line('GET /api/ping', ping))
  say('measuring POST /api/alerts, duplicates of open incidents…')
  const duplicates = await runLoad({ ...base, count: COUNT, request: (i) => alert(openKey(i)), okStatus: [202] })
  say(line('duplicates', duplicates))
  say('measuring POST /api/alerts, unique keys (each opens an incident)…')
  const unique = await runLoad({ ...base, count: COUNT, request: (i) => alert(`bench-${runId}-new-${i}`), okStatus: [202] })
  say(line('unique keys', unique))

  const ratio = {
    uniqueToPing: Math.round((unique.perSecond / ping.perSecond) * 100) / 100,
    duplicatesToPing: Math.round((duplicates.perSecond / ping.perSecond) * 100) / 100,
  }
  const data = await check(server.databaseUrl, runId)
  const expectedAlerts = OPEN_INCIDENTS + WARMUP + 2 * COUNT
  const verdict = {
    unique: unique.perSecond >= GOALS.uniquePerSecond,
    duplicates: duplicates.perSecond >= GOALS.duplicatesPerSecond,
    p99: unique.latencyMs.p99 <= GOALS.p99Ms && duplicates.latencyMs.p99 <= GOALS.p99Ms,
    noErrors: unique.errors === 0 && duplicates.errors === 0 && ping.errors === 0,
    nothingLost: data.alerts >= expectedAlerts && data.openIncidentsPerDuplicateKey === 1,
  }
  const mark = (ok: boolean) => (ok ? 'met' : 'MISSED')
  say(`unique ${unique.perSecond} alerts/s (goal ≥ ${GOALS.uniquePerSecond}: ${mark(verdict.unique)}), duplicates ${duplicates.perSecond} alerts/s (goal ≥ ${GOALS.duplicatesPerSecond}: ${mark(verdict.duplicates)})`)
  say(`p99 unique ${unique.latencyMs.p99} ms, duplicates ${duplicates.latencyMs.p99} ms (goal ≤ ${GOALS.p99Ms}: ${mark(verdict.p99)}); to GET /api/ping: unique ${ratio.uniqueToPing}×, duplicates ${ratio.duplicatesToPing}×`)
  say(`check: at most ${data.openIncidentsPerDuplicateKey} open incident per duplicated key; ${data.alerts} alerts stored of ${expectedAlerts} answered 202 (${mark(verdict.nothingLost)}); ${data.incidents} incidents, ${data.ingestAuditRows} ingest audit rows`)
  return { ping, duplicates, unique, ratio, verdict, check: data }
}

export const ALERT_ROUTES = ['/api/alerts', '/api/ping']
export type AlertsRun = Awaited<ReturnType<typeof measure>>

/** The suite's measurement on one database: its own server (production build), the phases, the data check. */
export async function measureAlertsOn(database: BenchDatabase): Promise<AlertsRun> {
  say(`starting the production build on the ${DATABASE_LABEL[database]} (${COUNT} requests per phase, ${CONCURRENCY} connections)…`)
  // The in-process scheduler is off so that periodic jobs do not run in the middle of a measurement.
  const server = await startBenchServer({ name: 'alerts', readyPath: '/api/ping', env: { WARDROOM_SCHEDULER: 'off' }, database })
  try {
    return await measure(server)
  } finally {
    await server.stop()
  }
}

export async function run(opts: BenchOptions = { embedded: false }): Promise<void> {
  requireBuild(ALERT_ROUTES)
  const whole = watchLoad()
  const runs = await onEachDatabase(opts, measureAlertsOn)
  const machine = whole()
  const service = runs.service[0]!
  const embedded = runs.embedded[0]
    ? {
        ...runs.embedded[0],
        database: 'embedded',
        comparison: compareRuns(
          runs,
          {
            ping: { path: 'GET /api/ping', targeted: false, figure: (r) => figureOf(r.ping) },
            paths: [
              { path: 'alerts, unique keys', targeted: true, figure: (r) => figureOf(r.unique) },
              { path: 'alerts, duplicates', targeted: true, figure: (r) => figureOf(r.duplicates) },
            ],
          },
          machine,
        ),
      }
    : undefined
  if (embedded) printComparison(say, embedded.comparison)

  const result = {
    suite: 'alerts',
    at: new Date().toISOString(),
    config: { count: COUNT, concurrency: CONCURRENCY, openIncidents: OPEN_INCIDENTS, warmup: WARMUP, scheduler: 'off', database: 'postgresql' },
    machine: { cpus: os.cpus().length, nproc: machine.nproc, model: os.cpus()[0]?.model ?? 'unknown', node: process.version, loadavgBefore: machine.loadavgBefore, loadavgAfter: machine.loadavgAfter },
    ping: service.ping,
    duplicates: service.duplicates,
    unique: service.unique,
    ratio: service.ratio,
    goals: GOALS,
    verdict: service.verdict,
    check: service.check,
    ...(embedded ? { embedded } : {}),
  }
  const out = path.join(RESULTS_DIR, 'alerts.json')
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`)
  say(`written to ${path.relative(process.cwd(), out)}`)
  if ([...runs.service, ...runs.embedded].some((r) => !r.verdict.noErrors || !r.verdict.nothingLost)) process.exitCode = 1
}
