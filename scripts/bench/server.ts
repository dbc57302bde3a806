/**
 * The app under test for benchmarks: a throwaway PostgreSQL database and `npm start` on the existing
 * production build (never builds: WARDROOM_SKIP_BUILD=1), stopped and dropped afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

export const RESULTS_DIR = path.resolve('bench-results')

export interface BenchServer {
  baseUrl: string
  databaseUrl: string
  logFile: string
  stop: () => Promise<void>
}

/** Fails with what to do when there is no production build, or one from before the routes under test. */
export function requireBuild(routes: string[]): void {
  if (!existsSync(path.resolve('.next/BUILD_ID'))) {
    throw new Error('No production build (.next/BUILD_ID is missing): run `npm run build` first.')
  }
  const missing = routes.filter((r) => !existsSync(path.resolve('.next/server/app', r.replace(/^\//, ''), 'route.js')))
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

/** Creates the database, starts the server on a free port and waits until `readyPath` answers 200. */
export async function startBenchServer(opts: { name: string; readyPath: string; env?: Record<string, string> }): Promise<BenchServer> {
  const dbName = `wr_bench_${opts.name}`
  const base = new URL(process.env.BENCH_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres')
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  await admin(`CREATE DATABASE ${dbName}`)
  const databaseUrl = `${base.protocol}//${base.username}${base.password ? `:${base.password}` : ''}@${base.host}/${dbName}`

  const port = await freePort()
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `wardroom-bench-${opts.name}-`))
  mkdirSync(RESULTS_DIR, { recursive: true })
  const logFile = path.join(RESULTS_DIR, `${opts.name}-server.log`)
  // The server writes its request log straight to a file: piping it through this process would cost CPU
  // on the machine being measured.
  const log = openSync(logFile, 'w')
  const secret = () => randomBytes(32).toString('base64url')
  const child = spawn('npm', ['start', '--silent'], {
    detached: true, // its own process group: npm → start.ts → next start are stopped together
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      WARDROOM_SEED: 'never',
      WARDROOM_SKIP_BUILD: '1',
      WARDROOM_DATA_DIR: dataDir,
      NEXTAUTH_SECRET: secret(),
      CRON_SECRET: secret(),
      WARDROOM_SECRET: secret(),
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      ...opts.env,
    },
  })
  closeSync(log)

  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    if (child.pid && child.exitCode === null) {
      process.kill(-child.pid, 'SIGTERM')
      if (!(await exited(child, 15_000))) process.kill(-child.pid, 'SIGKILL')
    }
    rmSync(dataDir, { recursive: true, force: true })
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  }

  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 90_000
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
      throw new Error(`The server did not become ready within 90 s; see ${logFile}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return { baseUrl, databaseUrl, logFile, stop }
}
