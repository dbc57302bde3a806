/**
 * `npm run bench -- flags [--embedded]`: OFREP evaluation over HTTP against the production build on PostgreSQL —
 * single flag (POST /ofrep/v1/evaluate/flags/{key}) and bulk (20 flags, POST /ofrep/v1/evaluate/flags) —
 * next to the peer, unleash-server's frontend API with the same 20 flags (scripts/bench/unleash.ts), and
 * the trivial route GET /api/ping of the same app, all in the same run; then in-process evaluations/s of
 * lib/flags/evaluate.ts. Every request carries a different targetingKey (userId for the peer), so no
 * response is served from a cache and every flag is evaluated.
 * Goals (issue 17): single and bulk ≥ 2× the peer's req/s at ≤ ½ its p99, and ≥ 5× GET /api/ping, at 50
 * connections; in-process ≥ 1,000,000 evaluations/s. Writes bench-results/flags.json.
 *
 * Knobs: BENCH_COUNT (20000), BENCH_CONCURRENCY (50), BENCH_EVALS (3000000), BENCH_PG_ADMIN_URL,
 * BENCH_PEER=off (skip unleash-server). `BENCH_ONLY=inprocess` skips the HTTP part. Without a production
 * build (or with BENCH_SERVER=handlers) the HTTP part runs against scripts/bench/handler-server.ts — the same
 * route handlers on bare node:http, labelled as such in the results.
 * With `--embedded` (production build required) the HTTP part follows on the embedded default and the two
 * are compared (scripts/bench/compare.ts); the peer and in-process evaluation run once.
 */
import { spawn } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { runLoad, type LoadResult } from './load'
import { measurePeer, type PeerResult } from './flags-peer'
import { compareRuns, figureOf, onEachDatabase, printComparison, watchLoad, type BenchOptions, type Runs } from './compare'
import { DATABASE_LABEL, RESULTS_DIR, admin, freePort, requireBuild, startBenchServer, type BenchDatabase, type BenchServer } from './server'
import { migrate } from '@/lib/migrations'
import { evaluateFlag, type FlagConfig } from '../../lib/flags/evaluate'
import type { EnvironmentConfig, FlagCreateInput, FlagType, Variant } from '../../lib/flags/schema'

const COUNT = Number(process.env.BENCH_COUNT ?? 20_000)
// The issue's comparison: 50 connections, as many as a busy frontend fleet keeps open to an evaluator.
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50)
const EVALS = Number(process.env.BENCH_EVALS ?? 3_000_000)
const WARMUP = 2_000
const GOALS = { peerRatio: 2, peerP99Ratio: 0.5, pingRatio: 5, inProcessPerSecond: 1_000_000 }

const say = (m: string) => console.log(`[bench flags] ${m}`)
const mark = (ok: boolean) => (ok ? 'met' : 'MISSED')
const line = (name: string, r: LoadResult) =>
  `${name.padEnd(22)} ${String(r.perSecond).padStart(6)} req/s   p50 ${r.latencyMs.p50} ms   p90 ${r.latencyMs.p90} ms   p99 ${r.latencyMs.p99} ms   max ${r.latencyMs.max} ms   errors ${r.errors}`

const DEPARTMENTS = ['emergency', 'radiology', 'cardiology', 'oncology']
const ROLES = ['physician', 'nurse', 'pharmacist']
const REGIONS = ['north', 'south']
const BOOL = [
  { key: 'off', value: false },
  { key: 'on', value: true },
]

interface BenchFlag {
  input: Pick<FlagCreateInput, 'key' | 'name'> & { type: FlagType; variants: Variant[] }
  config: EnvironmentConfig
}

/** 20 flags shaped like the demo's: static, targeted (department/role/region/semver), percentage splits. */
function benchFlags(): BenchFlag[] {
  const out: BenchFlag[] = []
  for (let i = 0; i < 20; i++) {
    const key = `bench_flag_${String(i).padStart(2, '0')}`
    const kind = i % 4
    if (kind === 0) {
      out.push({ input: { key, name: key, type: 'boolean', variants: BOOL }, config: { enabled: true, offVariant: 'off', rules: [], defaultServe: { variant: 'on' } } })
    } else if (kind === 1) {
      out.push({
        input: { key, name: key, type: 'boolean', variants: BOOL },
        config: {
          enabled: true,
          offVariant: 'off',
          rules: [
            { id: 'ed-physicians', conditions: [{ attribute: 'department', operator: 'in', values: ['emergency'] }, { attribute: 'role', operator: 'equals', values: ['physician'] }], serve: { variant: 'on' } },
            { id: 'north', conditions: [{ attribute: 'region', operator: 'in', values: ['north'] }], serve: { split: [{ variant: 'on', weight: 30 }, { variant: 'off', weight: 70 }] } },
          ],
          defaultServe: { variant: 'off' },
        },
      })
    } else if (kind === 2) {
      out.push({ input: { key, name: key, type: 'boolean', variants: BOOL }, config: { enabled: true, offVariant: 'off', rules: [], defaultServe: { split: [{ variant: 'on', weight: 25 }, { variant: 'off', weight: 75 }] } } })
    } else {
      out.push({
        input: { key, name: key, type: 'string', variants: [{ key: 'stable', value: '1.4.2' }, { key: 'next', value: '2.0.0' }] },
        config: {
          enabled: true,
          offVariant: 'stable',
          rules: [{ id: 'new-apps', conditions: [{ attribute: 'appVersion', operator: 'semver_gte', values: ['3.2.0'] }], serve: { variant: 'next' } }],
          defaultServe: { variant: 'stable' },
        },
      })
    }
  }
  return out
}

const contextOf = (i: number) => ({
  targetingKey: `clinician-${i}`,
  department: DEPARTMENTS[i % DEPARTMENTS.length]!,
  role: ROLES[i % ROLES.length]!,
  region: REGIONS[i % REGIONS.length]!,
  appVersion: i % 3 === 0 ? '3.4.1' : '3.1.0',
})

function inProcess(flags: BenchFlag[]) {
  const configs: FlagConfig[] = flags.map((f, i) => ({
    key: f.input.key,
    type: f.input.type,
    variants: f.input.variants,
    environment: 'production',
    killed: false,
    version: i + 1,
    ...f.config,
  }))
  const contexts = Array.from({ length: 10_000 }, (_, i) => contextOf(i))
  let sink = 0
  const pass = (n: number) => {
    const started = performance.now()
    for (let i = 0; i < n; i++) {
      const r = evaluateFlag(configs[i % configs.length]!, contexts[i % contexts.length]!)
      if (r.variant !== null) sink++
    }
    return performance.now() - started
  }
  pass(200_000) // warm-up (JIT)
  const ms = pass(EVALS)
  return { evaluations: EVALS, seconds: Math.round(ms) / 1000, perSecond: Math.round(EVALS / (ms / 1000)), served: sink }
}

async function setUp(databaseUrl: string, flags: BenchFlag[]): Promise<string> {
  process.env.DATABASE_URL = databaseUrl
  const { createApiKey } = await import('../../lib/admin/commands/api-keys')
  const { createFlag } = await import('../../lib/flags/commands/flags')
  const { updateEnvironment } = await import('../../lib/flags/commands/environments')
  const { FlagCreateInput } = await import('../../lib/flags/schema')
  const { systemActor } = await import('../../lib/auth/actor')
  const { stopSnapshotPolling } = await import('../../lib/flags/snapshot')
  const { closeDb } = await import('../../lib/db')
  for (const f of flags) {
    await createFlag(systemActor(), FlagCreateInput.parse(f.input))
    await updateEnvironment(systemActor(), f.input.key, 'production', f.config)
  }
  const { key } = await createApiKey(systemActor('bench'), { name: `bench-flags-${Date.now()}`, scopes: ['flags:evaluate'], environment: 'production', expiresAt: undefined })
  stopSnapshotPolling()
  await closeDb()
  return key
}

/** The fallback server: a migrated throwaway database and scripts/bench/handler-server.ts in its own process. */
async function startHandlerServer(): Promise<BenchServer> {
  const dbName = 'wr_bench_flags_handlers'
  const base = new URL(process.env.BENCH_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres')
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  await admin(`CREATE DATABASE ${dbName}`)
  const databaseUrl = `${base.protocol}//${base.username}${base.password ? `:${base.password}` : ''}@${base.host}/${dbName}`
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  await migrate(client)
  await client.end()
  const port = await freePort()
  mkdirSync(RESULTS_DIR, { recursive: true })
  const logFile = path.join(RESULTS_DIR, 'flags-server.log')
  const log = openSync(logFile, 'w')
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './scripts/bench/handler-hooks/register.mjs', 'scripts/bench/handler-server.ts'], {
    stdio: ['ignore', log, 'pipe'],
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), NODE_ENV: 'production', WARDROOM_SCHEDULER: 'off' },
  })
  closeSync(log)
  await new Promise<void>((resolve, reject) => {
    let err = ''
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString()
      if (err.includes('ready')) resolve()
    })
    child.once('exit', () => reject(new Error(`The handler server exited: ${err.slice(-2000)}`)))
  })
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
    }
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  }
  return { database: 'service', baseUrl: `http://127.0.0.1:${port}`, databaseUrl, ownerUrl: databaseUrl, logFile, stop }
}

export const FLAG_ROUTES = ['/api/ping', '/ofrep/v1/evaluate/flags', '/ofrep/v1/evaluate/flags/[key]']

/** One server's HTTP run: warm-up, GET /api/ping, OFREP single, OFREP bulk. */
async function measureHttp(server: BenchServer, flags: BenchFlag[]) {
  const key = await setUp(server.databaseUrl, flags)
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' }
  const base = { baseUrl: server.baseUrl, concurrency: CONCURRENCY }
  const ping = () => ({ method: 'GET' as const, path: '/api/ping' })
  const single = (i: number) => ({
    method: 'POST' as const,
    path: `/ofrep/v1/evaluate/flags/${flags[i % flags.length]!.input.key}`,
    headers,
    body: JSON.stringify({ context: contextOf(i) }),
  })
  const bulk = (i: number) => ({ method: 'POST' as const, path: '/ofrep/v1/evaluate/flags', headers, body: JSON.stringify({ context: contextOf(i) }) })

  say('warming up…')
  await runLoad({ ...base, count: WARMUP, request: ping, okStatus: [200] })
  await runLoad({ ...base, count: WARMUP, request: (i) => single(1_000_000 + i), okStatus: [200] })
  await runLoad({ ...base, count: WARMUP, request: (i) => bulk(2_000_000 + i), okStatus: [200] })

  say('measuring GET /api/ping (trivial route)…')
  const pingResult = await runLoad({ ...base, count: COUNT, request: ping, okStatus: [200] })
  say(line('GET /api/ping', pingResult))
  say('measuring OFREP single…')
  const singleResult = await runLoad({ ...base, count: COUNT, request: single, okStatus: [200] })
  say(line('OFREP single', singleResult))
  say('measuring OFREP bulk (20 flags)…')
  const bulkResult = await runLoad({ ...base, count: COUNT, request: (i) => bulk(COUNT + i), okStatus: [200] })
  say(line('OFREP bulk (20 flags)', bulkResult))
  return { ping: pingResult, single: singleResult, bulk: bulkResult }
}

export type HttpResult = Awaited<ReturnType<typeof measureHttp>> & { server: string }

/** The HTTP part on each database in turn (the embedded default needs the production build). */
async function overHttp(flags: BenchFlag[], opts: BenchOptions): Promise<Runs<HttpResult>> {
  const handlersOnly = !opts.embedded && (process.env.BENCH_SERVER === 'handlers' || !existsSync(path.resolve('.next/BUILD_ID')))
  if (!handlersOnly) requireBuild(FLAG_ROUTES)
  const mode = handlersOnly ? 'route handlers on node:http (no production build)' : 'production build (npm start)'
  return onEachDatabase(opts, (database) => (handlersOnly ? onServer(mode, database, flags, startHandlerServer) : measureFlagsOn(database, flags)))
}

async function onServer(mode: string, database: BenchDatabase, flags: BenchFlag[], start: () => Promise<BenchServer>): Promise<HttpResult> {
  say(`starting ${mode} on the ${DATABASE_LABEL[database]} (${COUNT} requests per phase, ${CONCURRENCY} connections)…`)
  const server = await start()
  try {
    return { server: mode, ...(await measureHttp(server, flags)) }
  } finally {
    await server.stop()
  }
}

/** The HTTP part on one database against the production build (npm start): ping, OFREP single and bulk. */
export function measureFlagsOn(database: BenchDatabase, flags: BenchFlag[] = benchFlags()): Promise<HttpResult> {
  const start = () => startBenchServer({ name: 'flags', readyPath: '/api/ping', env: { WARDROOM_SCHEDULER: 'off' }, database })
  return onServer('production build (npm start)', database, flags, start)
}

/** The peer (unleash-server's frontend API) with the suite's load, connections and contexts; null when BENCH_PEER=off. */
export const measureFlagsPeer = (): Promise<PeerResult | null> => measurePeer({ count: COUNT, warmup: WARMUP, concurrency: CONCURRENCY, contextOf, say })

const ratioOf = (a: number, b: number) => Math.round((a / b) * 100) / 100

/** The goals of one HTTP run against the peer and the trivial route, printed and returned. */
function httpVerdict(label: string, r: HttpResult | undefined, peer: PeerResult | null) {
  if (!r) return { ratio: null, verdict: { peerRatio: null, peerP99: null, pingRatio: null, noErrors: null } }
  const ratio = {
    bulkToPing: ratioOf(r.bulk.perSecond, r.ping.perSecond),
    singleToPing: ratioOf(r.single.perSecond, r.ping.perSecond),
    bulkToPeer: peer ? ratioOf(r.bulk.perSecond, peer.frontend.perSecond) : null,
    singleToPeer: peer ? ratioOf(r.single.perSecond, peer.frontend.perSecond) : null,
    bulkP99ToPeer: peer ? ratioOf(r.bulk.latencyMs.p99, peer.frontend.latencyMs.p99) : null,
    singleP99ToPeer: peer ? ratioOf(r.single.latencyMs.p99, peer.frontend.latencyMs.p99) : null,
  }
  const verdict = {
    peerRatio: peer ? ratio.bulkToPeer! >= GOALS.peerRatio && ratio.singleToPeer! >= GOALS.peerRatio : null,
    peerP99: peer ? ratio.bulkP99ToPeer! <= GOALS.peerP99Ratio && ratio.singleP99ToPeer! <= GOALS.peerP99Ratio : null,
    pingRatio: ratio.bulkToPing >= GOALS.pingRatio && ratio.singleToPing >= GOALS.pingRatio,
    noErrors: r.ping.errors + r.single.errors + r.bulk.errors === 0 && (peer?.frontend.errors ?? 0) === 0,
  }
  if (peer) {
    say(`${label}req/s vs the peer: bulk ${ratio.bulkToPeer}×, single ${ratio.singleToPeer}× (goal ≥ ${GOALS.peerRatio}×: ${mark(!!verdict.peerRatio)})`)
    say(`${label}p99 vs the peer: bulk ${ratio.bulkP99ToPeer}×, single ${ratio.singleP99ToPeer}× (goal ≤ ${GOALS.peerP99Ratio}×: ${mark(!!verdict.peerP99)})`)
  } else say(`${label}no peer in this run (BENCH_PEER=off): the peer goals are not judged`)
  say(`${label}req/s vs GET /api/ping: bulk ${ratio.bulkToPing}×, single ${ratio.singleToPing}× (goal ≥ ${GOALS.pingRatio}×: ${mark(verdict.pingRatio)})`)
  return { ratio, verdict }
}

export async function run(opts: BenchOptions = { embedded: false }): Promise<void> {
  const whole = watchLoad()
  const flags = benchFlags()
  const httpWanted = process.env.BENCH_ONLY !== 'inprocess'
  const peer = httpWanted ? await measureFlagsPeer() : null
  if (peer) say(line('unleash /api/frontend', peer.frontend))
  const runs = httpWanted ? await overHttp(flags, opts) : null
  say(`measuring in-process evaluation (${EVALS.toLocaleString('en')} evaluations over 20 flags, 10,000 contexts)…`)
  const local = inProcess(flags)
  say(`in-process ${local.perSecond.toLocaleString('en')} evaluations/s`)
  const machine = whole()

  const http = runs?.service[0] ?? null
  if (peer && http) {
    say(line('unleash /api/frontend', peer.frontend))
    for (const [name, r] of [['GET /api/ping', http.ping], ['OFREP single', http.single], ['OFREP bulk (20 flags)', http.bulk]] as const) say(line(name, r))
  }
  const { ratio, verdict: httpGoals } = httpVerdict(runs?.embedded.length ? `${DATABASE_LABEL.service}: ` : '', http ?? undefined, peer)
  const verdict = { ...httpGoals, inProcess: local.perSecond >= GOALS.inProcessPerSecond }
  say(`in-process goal ≥ ${GOALS.inProcessPerSecond.toLocaleString('en')}/s: ${mark(verdict.inProcess)}`)
  say(`machine: ${os.cpus().length} cores, load average ${machine.loadavgBefore.join(' ')} before, ${machine.loadavgAfter.join(' ')} after`)

  let embedded = null
  if (runs?.embedded[0]) {
    const goals = httpVerdict(`${DATABASE_LABEL.embedded}: `, runs.embedded[0], peer)
    const comparison = compareRuns(
      runs,
      {
        ping: { path: 'GET /api/ping', targeted: false, figure: (r) => figureOf(r.ping) },
        paths: [
          { path: 'OFREP single', targeted: true, figure: (r) => figureOf(r.single) },
          { path: 'OFREP bulk (20 flags)', targeted: true, figure: (r) => figureOf(r.bulk) },
        ],
      },
      machine,
    )
    printComparison(say, comparison)
    embedded = { database: 'embedded', http: runs.embedded[0], ratio: goals.ratio, verdict: goals.verdict, comparison }
  }

  const result = {
    suite: 'flags',
    at: new Date().toISOString(),
    config: { count: COUNT, concurrency: CONCURRENCY, warmup: WARMUP, flags: flags.length, evaluations: EVALS, scheduler: 'off', database: 'postgresql', distinctContexts: true },
    machine: { cpus: os.cpus().length, nproc: machine.nproc, model: os.cpus()[0]?.model ?? 'unknown', node: process.version, loadavgBefore: machine.loadavgBefore, loadavgAfter: machine.loadavgAfter },
    peer,
    http,
    inProcess: local,
    ratio,
    goals: GOALS,
    verdict,
    ...(embedded ? { embedded } : {}),
  }
  mkdirSync(RESULTS_DIR, { recursive: true })
  const out = path.join(RESULTS_DIR, 'flags.json')
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`)
  say(`written to ${path.relative(process.cwd(), out)}`)
  const httpErrors =
    (peer?.frontend.errors ?? 0) > 0 || [...(runs?.service ?? []), ...(runs?.embedded ?? [])].some((r) => r.ping.errors + r.single.errors + r.bulk.errors > 0)
  if (httpErrors) process.exitCode = 1
}
