/**
 * Fault tests: the production server (`scripts/start.ts`, scheduler on) under concurrent alert ingest while
 * its database fails. Every answer must be 202, 503 (with Retry-After) or 429; every acknowledged alert
 * must be stored; the server recovers by itself; the log has no unhandled error.
 *
 * - Embedded default: PostgreSQL stopped by a fast shutdown (SIGINT: "terminating connection due to
 *   administrator command", then "the database system is shutting down / starting up"), killed with
 *   SIGKILL (the supervisor restarts it; `/health` says so), and, as root, its data directory's disk
 *   filled (a tmpfs) and freed again.
 * - With TEST_DATABASE_URL (CI's PostgreSQL service, which other tests share and so cannot be stopped):
 *   the app's connections are terminated by the server (57P01), and cut by a TCP proxy that then refuses
 *   connections for five seconds, as a failover or network partition does.
 *
 * Needs a production build (`npm run build`; `npm test` builds first). Results: test-results/faults.json.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync, openSync, closeSync, writeSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readLiveLock } from '@/scripts/lib/embedded'
import { Load, RESULTS, health, logProblems, runFault, serverLog, sleep, startServer, type FaultOutcome, type FaultServer } from './harness'

const outcomes: Record<string, FaultOutcome[]> = {}
const summaries: Record<string, unknown> = {}

afterAll(() => {
  mkdirSync(RESULTS, { recursive: true })
  writeFileSync(path.join(RESULTS, 'faults.json'), JSON.stringify({ outcomes, summaries }, null, 2))
  console.info(`fault summary ${JSON.stringify({ outcomes, summaries }, null, 2)}`)
})

/** Stored alerts among the acknowledged ones. */
async function storedOf(url: string, ids: Set<string>): Promise<number> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    const r = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Alert" WHERE id = ANY($1::uuid[])`, [[...ids]])
    return r.rows[0]!.n
  } finally {
    await c.end()
  }
}

function expectOnlyAllowedAnswers(load: Load, outcomesOfRun: FaultOutcome[]) {
  expect(load.unexpected).toEqual([])
  for (const o of outcomesOfRun) {
    const statuses = Object.keys(o.requests)
    expect({ fault: o.fault, statuses: statuses.filter((s) => !['202', '503', '429'].includes(s)) }).toEqual({ fault: o.fault, statuses: [] })
    // Nothing stalls: the fault's window saw requests answered either way.
    expect(Object.values(o.requests).reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
  }
}

/** A tmpfs over the data directory, so the disk-full fault can fill it; only root may mount. */
function mountTmpfs(dir: string, size: string): boolean {
  if (process.getuid?.() !== 0) return false
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0711`, 'tmpfs', dir], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Fills the file system of `dir` to the last byte (what `df` shows as 100 %). */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w')
  const chunk = Buffer.alloc(1 << 20)
  try {
    for (;;) writeSync(fd, chunk)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e
  }
  // The last partial megabyte too.
  const small = Buffer.alloc(4096)
  try {
    for (;;) writeSync(fd, small)
  } catch {
    /* full */
  } finally {
    closeSync(fd)
  }
}

const postmasterPid = (dataDir: string) => Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0])

describe('faults on the embedded database (the default)', () => {
  let dataDir = ''
  let onTmpfs = false
  let server: FaultServer
  let load: Load
  const mine: FaultOutcome[] = (outcomes.embedded = [])

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'wardroom-fault-'))
    onTmpfs = mountTmpfs(dataDir, '600m')
    server = await startServer('embedded', { WARDROOM_DATA_DIR: dataDir, DATABASE_URL: '' })
    load = new Load(server)
    load.start(4)
    await sleep(3000)
  }, 240_000)

  afterAll(async () => {
    await load?.stop()
    await server?.stop()
    if (onTmpfs) execFileSync('umount', ['-l', dataDir])
    rmSync(dataDir, { recursive: true, force: true })
  }, 90_000)

  it('a fast shutdown of PostgreSQL (SIGINT): 503s while it restarts, then back by itself', async () => {
    const o = await runFault(server, load, 'embedded: fast shutdown', async () => {
      process.kill(postmasterPid(dataDir), 'SIGINT')
    })
    mine.push(o)
    // Requests in flight meet "terminating connection due to administrator command", new ones "the
    // database system is shutting down" or a missing socket until the supervisor has restarted it.
    expect(o.requests['503'] ?? 0).toBeGreaterThan(0)
    expect(o.recoveryMs).toBeLessThan(30_000)
  }, 150_000)

  it('kill -9 of PostgreSQL: the supervisor restarts it and /health names the part that is down', async () => {
    const o = await runFault(server, load, 'embedded: kill -9', async () => {
      process.kill(postmasterPid(dataDir), 'SIGKILL')
    })
    mine.push(o)
    expect(o.recoveryMs).toBeLessThan(30_000)
    expect(o.healthDuringOutage).toMatchObject({ status: 'unhealthy', checks: { database: { status: 'down' } } })
    expect(String(o.healthDuringOutage?.reason)).toMatch(/embedded PostgreSQL server stopped \(signal SIGKILL\) and is being restarted|database does not answer/)
    const after = await health(server.baseUrl)
    expect(after.body).toMatchObject({ status: 'healthy', checks: { embeddedServer: { status: 'running' } } })
    expect((after.body!.checks as { embeddedServer: { restarts: number } }).embeddedServer.restarts).toBeGreaterThanOrEqual(2)
  }, 150_000)

  if (process.getuid?.() === 0) {
    it('a full disk: ingest answers 503 and nothing half-written; it recovers when space returns', async () => {
      expect(onTmpfs).toBe(true)
      const ballast = path.join(dataDir, 'ballast')
      const o = await runFault(server, load, 'embedded: disk full', async () => fillDisk(ballast), {
        holdMs: 5000,
        repair: async () => rmSync(ballast, { force: true }),
      })
      mine.push(o)
      expect(o.requests['503'] ?? 0).toBeGreaterThan(0)
      expect(o.healthDuringOutage?.reason).toMatch(/disk is full/)
      expect(statfsSync(dataDir).bavail).toBeGreaterThan(0)
    }, 200_000)
  }

  it('answered every request with 202, 503 or 429, lost no acknowledged alert, logged no unhandled error', async () => {
    await load.stop()
    const lock = await readLiveLock(dataDir)
    expect(lock).not.toBeNull()
    const stored = await storedOf(lock!.url, load.acknowledged)
    const log = serverLog(server)
    summaries.embedded = {
      acknowledged: load.acknowledged.size,
      stored,
      byPhase: load.byPhase,
      supervisorLines: log.filter((l) => /embedded PostgreSQL/.test(l)),
      warningsFor503: log.filter((l) => /database unavailable; answered 503/.test(l)).length,
    }
    expectOnlyAllowedAnswers(load, mine)
    expect(stored).toBe(load.acknowledged.size)
    expect(logProblems(log)).toEqual([])
    expect(log.some((l) => /embedded PostgreSQL is back after/.test(l))).toBe(true)
  }, 60_000)
})

/** A TCP proxy in front of PostgreSQL that can drop every connection and refuse new ones for a while. */
function faultProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>()
  let refusing = false
  const server = net.createServer((client) => {
    if (refusing) return client.destroy()
    const upstream = net.connect(target)
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => {})
    }
    client.pipe(upstream).pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  return {
    listen: () => new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as net.AddressInfo).port))),
    /** Resets every open connection and refuses new ones until `heal`. */
    cut: () => {
      refusing = true
      for (const s of sockets) s.resetAndDestroy()
    },
    heal: () => {
      refusing = false
    },
    close: () => new Promise((r) => server.close(r)),
  }
}

const serviceUrl = process.env.TEST_DATABASE_URL
if (serviceUrl) {
  describe('faults on a PostgreSQL service (TEST_DATABASE_URL)', () => {
    const database = `${new URL(serviceUrl).pathname.slice(1)}_fault_${randomBytes(3).toString('hex')}`.slice(0, 63)
    const admin = (db?: string) => {
      const u = new URL(serviceUrl)
      if (db) u.pathname = `/${db}`
      return u.toString()
    }
    const proxy = faultProxy({ host: new URL(serviceUrl).hostname, port: Number(new URL(serviceUrl).port || 5432) })
    let server: FaultServer
    let load: Load
    const mine: FaultOutcome[] = (outcomes.postgres = [])

    const sql = async (q: string, db?: string) => {
      const c = new pg.Client({ connectionString: admin(db) })
      await c.connect()
      try {
        return await c.query(q)
      } finally {
        await c.end()
      }
    }

    beforeAll(async () => {
      await sql(`CREATE DATABASE "${database}"`)
      const port = await proxy.listen()
      const u = new URL(serviceUrl)
      u.hostname = '127.0.0.1'
      u.port = String(port)
      u.pathname = `/${database}`
      server = await startServer('postgres', { DATABASE_URL: u.toString(), WARDROOM_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'wardroom-fault-pg-')) })
      load = new Load(server)
      load.start(4)
      await sleep(3000)
    }, 240_000)

    afterAll(async () => {
      await load?.stop()
      await server?.stop()
      await proxy.close()
      await sql(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => {})
    }, 90_000)

    it("the server terminates the app's connections (57P01): 503 or a retry, never a 500", async () => {
      const o = await runFault(server, load, 'postgres: connections terminated', async () => {
        await sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database}' AND pid <> pg_backend_pid()`)
      })
      mine.push(o)
      expect(o.recoveryMs).toBeLessThan(30_000)
    }, 150_000)

    it('a network partition for five seconds (connections reset, new ones refused): 503s, then back by itself', async () => {
      const o = await runFault(server, load, 'postgres: partition 5 s', async () => proxy.cut(), { holdMs: 5000, repair: async () => proxy.heal() })
      mine.push(o)
      expect(o.healthDuringOutage).toMatchObject({ status: 'unhealthy', checks: { database: { status: 'down' } } })
      expect(o.requests['503'] ?? 0).toBeGreaterThan(0)
    }, 150_000)

    it('answered every request with 202, 503 or 429, lost no acknowledged alert, logged no unhandled error', async () => {
      await load.stop()
      const stored = await storedOf(admin(database), load.acknowledged)
      const log = serverLog(server)
      summaries.postgres = { acknowledged: load.acknowledged.size, stored, byPhase: load.byPhase, warningsFor503: log.filter((l) => /database unavailable; answered 503/.test(l)).length }
      expectOnlyAllowedAnswers(load, mine)
      expect(stored).toBe(load.acknowledged.size)
      expect(logProblems(log)).toEqual([])
    }, 60_000)
  })
}
