/**
 * The app under test for benchmarks: `npm start` on the existing production build (never builds:
 * WARDROOM_SKIP_BUILD=1) against either a throwaway database on the local PostgreSQL service (dropped
 * afterwards) or the embedded default (no DATABASE_URL: the server starts its own PostgreSQL in a throwaway
 * WARDROOM_DATA_DIR, removed afterwards).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { embeddedPaths, ownerUrlFor, readLiveLock } from '../lib/embedded'

export const RESULTS_DIR = path.resolve('bench-results')

/** Which database the app under test runs on. */
export type BenchDatabase = 'service' | 'embedded'

export const DATABASE_LABEL: Record<BenchDatabase, string> = {
  service: 'PostgreSQL service',
  embedded: 'embedded default',
}

export interface BenchServer {
  database: BenchDatabase
  baseUrl: string
  /** The database the app uses: suites create their data and run raw comparisons through it. */
  databaseUrl: string
  /**
   * The same database as its owner, for what the app's role may not do (ANALYZE). On the service both are
   * the admin user; on the embedded default the app connects as wardroom_app, the owner is wardroom_owner.
   */
  ownerUrl: string
  logFile: string
  stop: () => Promise<void>
}

/**
 * The production build under test: `.next`, or NEXT_DIST_DIR as next.config.ts and scripts/server.ts read it
 * (a build of one's own beside others on a shared checkout; the started server inherits the variable).
 */
export const BUILD_DIR = path.resolve(process.env.NEXT_DIST_DIR || '.next')

/** Fails with what to do when there is no production build, or one from before the routes under test. */
export function requireBuild(routes: string[]): void {
  const shown = path.relative(process.cwd(), BUILD_DIR)
  if (!existsSync(path.join(BUILD_DIR, 'BUILD_ID'))) {
    throw new Error(`No production build (${shown}/BUILD_ID is missing): run \`npm run build\` first.`)
  }
  const missing = routes.filter((r) => !existsSync(path.join(BUILD_DIR, 'server/app', r.replace(/^\//, ''), 'route.js')))
  if (missing.length) throw new Error(`The production build predates ${missing.join(', ')}: run \`npm run build\` again.`)
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

export async function admin<T>(sql: string): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.BENCH_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' })
  await client.connect()
  try {
    return (await client.query(sql)) as T
  } finally {
    await client.end()
  }
}

const exited = (child: ChildProcess, ms: number) =>
  new Promise<boolean>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(true)
    const t = setTimeout(() => resolve(false), ms)
    child.once('exit', () => {
      clearTimeout(t)
      resolve(true)
    })
  })

const pidAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function waitUntilDead(pids: number[], ms: number): Promise<boolean> {
  const until = Date.now() + ms
  while (pids.some(pidAlive)) {
    if (Date.now() > until) return false
    await new Promise((r) => setTimeout(r, 100))
  }
  return true
}

/** The embedded database's supervisor (start.ts, the lock holder) and postmaster, as far as their files say. */
function embeddedPids(dataDir: string): number[] {
  const p = embeddedPaths(dataDir)
  const read = (file: string, parse: (text: string) => number) => {
    try {
      return parse(readFileSync(file, 'utf8')) || 0
    } catch {
      return 0
    }
  }
  const supervisor = read(p.lock, (t) => Number((JSON.parse(t) as { pid?: number }).pid))
  const postmaster = read(path.join(p.cluster, 'postmaster.pid'), (t) => Number(t.split('\n')[0]))
  return [supervisor, postmaster].filter((pid) => pid > 0 && pid !== process.pid)
}

/** A throwaway database on the PostgreSQL service, dropped by `drop`. */
async function serviceDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const dbName = `wr_bench_${name}`
  const base = new URL(process.env.BENCH_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres')
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  await admin(`CREATE DATABASE ${dbName}`)
  return {
    url: `${base.protocol}//${base.username}${base.password ? `:${base.password}` : ''}@${base.host}/${dbName}`,
    drop: () => admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`),
  }
}

/**
 * Starts the server on a free port and waits until `readyPath` answers 200. On the service (the default)
 * it first creates the database; on the embedded default the server creates its own cluster, and the
 * database URL (with its generated password) is read from the data directory's lock once the server is ready.
 */
export async function startBenchServer(opts: {
  name: string
  readyPath: string
  env?: Record<string, string>
  database?: BenchDatabase
  /** How long start-up may take (90 s): longer where the server loads the demo data before it listens. */
  readySeconds?: number
}): Promise<BenchServer> {
  const database = opts.database ?? 'service'
  const embedded = database === 'embedded'
  const tag = embedded ? `${opts.name}-embedded` : opts.name
  const service = embedded ? null : await serviceDatabase(opts.name)

  const port = await freePort()
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `wardroom-bench-${tag}-`))
  mkdirSync(RESULTS_DIR, { recursive: true })
  const logFile = path.join(RESULTS_DIR, `${tag}-server.log`)
  // The server writes its request log straight to a file: piping it through this process would cost CPU
  // on the machine being measured.
  const log = openSync(logFile, 'w')
  const secret = () => randomBytes(32).toString('base64url')
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    WARDROOM_SEED: 'never',
    // One key from one address at full speed is what a benchmark is: measure the path, not the rate limiter.
    RATE_LIMIT_INGEST_PER_SECOND: '0',
    RATE_LIMIT_API_PER_SECOND: '0',
    WARDROOM_SKIP_BUILD: '1',
    WARDROOM_DATA_DIR: dataDir,
    NEXTAUTH_SECRET: secret(),
    CRON_SECRET: secret(),
    WARDROOM_SECRET: secret(),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    ...opts.env,
  }
  if (service) env.DATABASE_URL = service.url
  else {
    // The embedded default exactly as `npm start` runs it: no DATABASE_URL inherited from this shell, and
    // the Unix socket only.
    delete env.DATABASE_URL
    delete env.WARDROOM_PG_PORT
  }
  const child = spawn('npm', ['start', '--silent'], {
    detached: true, // its own process group: npm → start.ts → next start are stopped together
    stdio: ['ignore', log, log],
    env,
  })
  closeSync(log)

  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    // The embedded PostgreSQL runs in its own process group, stopped by start.ts after Next: wait for both
    // (start.ts holds the lock) before removing the data directory under them.
    const supervisors = embedded ? embeddedPids(dataDir) : []
    if (child.pid && child.exitCode === null) {
      process.kill(-child.pid, 'SIGTERM')
      if (!(await exited(child, 15_000))) process.kill(-child.pid, 'SIGKILL')
    }
    if (!(await waitUntilDead(supervisors, 40_000))) {
      // Last resort. SIGQUIT is PostgreSQL's immediate shutdown (never SIGKILL a postmaster); it ends Node too.
      for (const p of supervisors.filter(pidAlive)) process.kill(p, 'SIGQUIT')
      await waitUntilDead(supervisors, 5_000)
    }
    if (embedded) {
      const { socketDir } = embeddedPaths(dataDir)
      if (!socketDir.startsWith(dataDir + path.sep)) rmSync(socketDir, { recursive: true, force: true })
    }
    rmSync(dataDir, { recursive: true, force: true })
    await service?.drop()
  }

  const baseUrl = `http://127.0.0.1:${port}`
  const readySeconds = opts.readySeconds ?? 90
  const deadline = Date.now() + readySeconds * 1000
  for (;;) {
    if (child.exitCode !== null) {
      await stop()
      throw new Error(`The server exited during start-up:\n${readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n')}`)
    }
    try {
      const res = await fetch(`${baseUrl}${opts.readyPath}`)
      if (res.status === 200) break
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`The server did not become ready within ${readySeconds} s; see ${logFile}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  if (service) return { database, baseUrl, databaseUrl: service.url, ownerUrl: service.url, logFile, stop }
  const lock = await readLiveLock(dataDir)
  if (!lock) {
    await stop()
    throw new Error(`The server answers but holds no embedded database in ${dataDir}; see ${logFile}`)
  }
  return { database, baseUrl, databaseUrl: lock.url, ownerUrl: ownerUrlFor(dataDir, lock.url), logFile, stop }
}

/** next-auth credentials sign-in over HTTP; returns the Cookie header of the session. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`)
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string }
  const jar = new Map<string, string>()
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const i = pair!.indexOf('=')
      jar.set(pair!.slice(0, i), pair!.slice(i + 1))
    }
  }
  keep(csrfRes)
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ email, password, csrfToken, json: 'true' }),
  })
  keep(res)
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`Sign-in failed (HTTP ${res.status})`)
  return cookie()
}
