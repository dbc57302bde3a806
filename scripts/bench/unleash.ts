/**
 * The peer for `npm run bench -- flags`: unleash-server, pinned, installed from the npm registry into
 * .bench/unleash (outside the app's dependencies; nothing is downloaded from anywhere else), started on a
 * throwaway database of the local PostgreSQL service with telemetry and version checks off, and seeded
 * through its admin API with the same 20 flags the bench gives Wardroom (scripts/bench/flags.ts), as close
 * as Unleash's model allows: constraints for rules, flexible rollouts for percentage splits, strategy
 * variants for string flags. Its frontend API (`POST /api/frontend`, a context in, the enabled flags with
 * their variants out) is the counterpart of OFREP bulk evaluation.
 *
 * Rerun the comparison by hand: `npm run bench -- flags` (set BENCH_PEER=off to skip the peer).
 */
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { admin, freePort, RESULTS_DIR } from './server'

export const UNLEASH_VERSION = '7.5.1'
const DIR = path.resolve('.bench/unleash')
const ADMIN_TOKEN = '*:*.wardroom-bench-admin-token'
export const UNLEASH_FRONTEND_TOKEN = 'default:development.wardroom-bench-frontend-token'
const DB = 'wr_bench_unleash'

/** A flag in the peer's terms: strategies in order, each with constraints, a rollout and variants. */
export interface UnleashFlag {
  name: string
  strategies: {
    constraints?: { contextName: string; operator: 'IN' | 'SEMVER_GT'; values?: string[]; value?: string }[]
    rollout: number
    variants?: { name: string; weight: number; payload?: { type: 'string'; value: string } }[]
  }[]
}

function installedVersion(): string | null {
  try {
    return (JSON.parse(readFileSync(path.join(DIR, 'node_modules/unleash-server/package.json'), 'utf8')) as { version: string }).version
  } catch {
    return null
  }
}

/** Installs unleash-server UNLEASH_VERSION into .bench/unleash unless it is there already (about a minute). */
export function ensureUnleash(say: (m: string) => void): void {
  if (installedVersion() === UNLEASH_VERSION) return
  say(`installing unleash-server ${UNLEASH_VERSION} into ${path.relative(process.cwd(), DIR)} (npm registry)…`)
  mkdirSync(DIR, { recursive: true })
  writeFileSync(path.join(DIR, 'package.json'), `${JSON.stringify({ name: 'wardroom-bench-unleash', private: true, type: 'module', dependencies: { 'unleash-server': UNLEASH_VERSION } }, null, 2)}\n`)
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: DIR, stdio: 'inherit' })
  if (r.status !== 0 || installedVersion() !== UNLEASH_VERSION) throw new Error(`npm install unleash-server@${UNLEASH_VERSION} failed`)
}

async function call(baseUrl: string, method: string, p: string, body?: unknown): Promise<void> {
  const res = await fetch(`${baseUrl}${p}`, {
    method,
    headers: { authorization: ADMIN_TOKEN, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`unleash ${method} ${p}: ${res.status} ${await res.text()}`)
}

async function seed(baseUrl: string, flags: UnleashFlag[]): Promise<void> {
  const project = '/api/admin/projects/default/features'
  for (const f of flags) {
    await call(baseUrl, 'POST', project, { name: f.name, type: 'release' })
    for (const s of f.strategies) {
      await call(baseUrl, 'POST', `${project}/${f.name}/environments/development/strategies`, {
        name: 'flexibleRollout',
        constraints: (s.constraints ?? []).map((c) => ({ ...c, caseInsensitive: false, inverted: false })),
        parameters: { rollout: String(s.rollout), stickiness: 'default', groupId: f.name },
        variants: (s.variants ?? []).map((v) => ({ ...v, weightType: 'variable', stickiness: 'default' })),
      })
    }
    await call(baseUrl, 'POST', `${project}/${f.name}/environments/development/on`)
  }
}

export interface UnleashServer {
  baseUrl: string
  logFile: string
  stop: () => Promise<void>
}

/** Starts the peer on a fresh database, seeds `flags`, and waits until its frontend API serves them all. */
export async function startUnleash(flags: UnleashFlag[], say: (m: string) => void): Promise<UnleashServer> {
  ensureUnleash(say)
  await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)
  await admin(`CREATE DATABASE ${DB}`)
  const base = new URL(process.env.BENCH_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres')
  const port = await freePort()
  mkdirSync(RESULTS_DIR, { recursive: true })
  const logFile = path.join(RESULTS_DIR, 'unleash-server.log')
  const log = openSync(logFile, 'w')
  const child = spawn(process.execPath, ['--input-type=module', '-e', "import { start } from 'unleash-server'; await start({})"], {
    cwd: DIR,
    stdio: ['ignore', log, log],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_HOST: base.hostname,
      DATABASE_PORT: base.port || '5432',
      DATABASE_USERNAME: decodeURIComponent(base.username),
      DATABASE_PASSWORD: decodeURIComponent(base.password),
      DATABASE_NAME: DB,
      DATABASE_SSL: 'false',
      // Its default pool (4) is what a stock install runs with; the frontend API serves from memory anyway.
      LOG_LEVEL: 'warn',
      CHECK_VERSION: 'false',
      SEND_TELEMETRY: 'false',
      UNLEASH_DEFAULT_ADMIN_PASSWORD: 'wardroom-bench-admin',
      INIT_ADMIN_API_TOKENS: ADMIN_TOKEN,
      INIT_FRONTEND_API_TOKENS: UNLEASH_FRONTEND_TOKEN,
      // The cache behind the frontend API refreshes on every flag change; this bounds it when idle.
      FRONTEND_API_REFRESH_INTERVAL_MS: '1000',
    },
  })
  closeSync(log)
  const baseUrl = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await new Promise((r) => child.once('exit', r))
      clearTimeout(t)
    }
    await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)
  }
  try {
    const deadline = Date.now() + 120_000
    for (;;) {
      if (child.exitCode !== null) throw new Error(`unleash-server exited during start-up; see ${logFile}`)
      const ok = await fetch(`${baseUrl}/health`).then((r) => r.ok, () => false)
      if (ok) break
      if (Date.now() > deadline) throw new Error(`unleash-server did not start within 120 s; see ${logFile}`)
      await new Promise((r) => setTimeout(r, 500))
    }
    await seed(baseUrl, flags)
    // The frontend API answers from a cache that follows flag changes: wait until it holds every flag that
    // is on for everyone (the unconstrained 100 % strategies).
    const always = flags.filter((f) => f.strategies.some((s) => !s.constraints?.length && s.rollout === 100)).length
    for (const until = Date.now() + 60_000; ; ) {
      const res = await fetch(`${baseUrl}/api/frontend`, { method: 'POST', headers: { authorization: UNLEASH_FRONTEND_TOKEN, 'content-type': 'application/json' }, body: '{"context":{}}' })
      const served = res.ok ? ((await res.json()) as { toggles: unknown[] }).toggles.length : -1
      if (served >= always) break
      if (Date.now() > until) throw new Error(`unleash's frontend API serves ${served} of ${always} flags after 60 s`)
      await new Promise((r) => setTimeout(r, 500))
    }
    return { baseUrl, logFile, stop }
  } catch (e) {
    await stop()
    throw e
  }
}

/** BENCH_PEER=off skips the peer (its first install needs the npm registry). */
export const peerWanted = () => process.env.BENCH_PEER !== 'off'
