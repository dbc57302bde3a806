/**
 * The embedded database: PGlite (PostgreSQL compiled to WASM) in <data dir>/pglite, served over the
 * PostgreSQL wire protocol on a Unix socket in <data dir>/run, so that the Next server, the CLI,
 * migrations and backups all reach it through `pg` exactly as they reach a real server.
 *
 * PGlite allows one process per data directory. The process that opens it holds <data dir>/run/wardroom.lock
 * (pid + connection URL). Another process that finds a live holder connects through its socket instead
 * (CLI, backup) or stops with a clear error (a second server). A lock left by a killed process is stale
 * (its pid is gone or its socket does not answer) and is taken over; PGlite recovers from an unclean stop.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { createHash } from 'node:crypto'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export interface LockInfo {
  pid: number
  url: string
  startedAt: string
}

export interface EmbeddedDatabase {
  url: string
  close: () => Promise<void>
}

export class DataDirectoryInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The embedded database in ${dataDir} is already in use by process ${holder.pid} (started ${holder.startedAt}). ` +
        `Stop that process first, or point WARDROOM_DATA_DIR at another directory.`,
    )
  }
}

const paths = (dataDir: string) => {
  const run = path.join(dataDir, 'run')
  // Unix socket paths are limited to ~107 bytes: a deep data directory gets its socket in a private
  // directory under the system temp dir instead (named after the data directory, mode 0700).
  const socketDir =
    Buffer.byteLength(path.join(run, '.s.PGSQL.5432')) <= 100
      ? run
      : path.join(os.tmpdir(), `wardroom-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`)
  return { pglite: path.join(dataDir, 'pglite'), run, lock: path.join(run, 'wardroom.lock'), socketDir }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function socketAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  const u = new URL(url)
  const host = u.searchParams.get('host')
  const target = host ? { path: path.join(host, `.s.PGSQL.${u.port || 5432}`) } : { host: u.hostname, port: Number(u.port) }
  return new Promise((resolve) => {
    const s = net.connect(target)
    const done = (ok: boolean) => {
      s.destroy()
      resolve(ok)
    }
    s.setTimeout(timeoutMs, () => done(false))
    s.once('connect', () => done(true))
    s.once('error', () => done(false))
  })
}

// Data directories this process holds. A lock naming our own pid but absent here was left by an earlier
// process that had the same pid (common after a container restart): stale.
const heldHere = new Set<string>()

/** The live holder of the data directory, or null when it is free (a stale lock is removed). */
export async function readLiveLock(dataDir: string): Promise<LockInfo | null> {
  const { lock } = paths(dataDir)
  if (!existsSync(lock)) return null
  let info: LockInfo
  try {
    info = JSON.parse(readFileSync(lock, 'utf8')) as LockInfo
  } catch {
    rmSync(lock, { force: true })
    return null
  }
  const live =
    info.pid === process.pid ? heldHere.has(path.resolve(dataDir)) : pidAlive(info.pid) && (await socketAnswers(info.url))
  if (live) return info
  rmSync(lock, { force: true })
  return null
}

function tryCreateLock(lockPath: string, info: LockInfo): boolean {
  try {
    const fd = openSync(lockPath, 'wx', 0o600)
    writeSync(fd, JSON.stringify(info))
    closeSync(fd)
    return true
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw e
  }
}

/**
 * Opens the embedded database and serves it on a Unix socket. Throws DataDirectoryInUseError when a live
 * process holds it.
 */
export async function openEmbedded(dataDir: string, log: (m: string) => void = () => {}): Promise<EmbeddedDatabase> {
  const p = paths(dataDir)
  mkdirSync(p.pglite, { recursive: true })
  for (const dir of new Set([p.run, p.socketDir])) {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    chmodSync(dir, 0o700) // only this OS user may reach the trust-auth socket
  }
  const port = 5432
  const socketPath = path.join(p.socketDir, `.s.PGSQL.${port}`)
  const url = `postgresql://postgres@localhost:${port}/postgres?host=${encodeURIComponent(p.socketDir)}`
  const info: LockInfo = { pid: process.pid, url, startedAt: new Date().toISOString() }

  if (!tryCreateLock(p.lock, info)) {
    const holder = await readLiveLock(dataDir)
    if (holder) throw new DataDirectoryInUseError(dataDir, holder)
    if (!tryCreateLock(p.lock, info)) {
      const again = await readLiveLock(dataDir)
      throw new DataDirectoryInUseError(dataDir, again ?? info)
    }
  }

  heldHere.add(path.resolve(dataDir))
  const releaseLock = () => {
    heldHere.delete(path.resolve(dataDir))
    try {
      const current = JSON.parse(readFileSync(p.lock, 'utf8')) as LockInfo
      if (current.pid === process.pid) rmSync(p.lock, { force: true })
    } catch {
      /* already gone */
    }
  }

  let db: PGlite | undefined
  let server: PGLiteSocketServer | undefined
  try {
    const fresh = !existsSync(path.join(p.pglite, 'PG_VERSION'))
    const t0 = Date.now()
    db = await PGlite.create(p.pglite, { extensions: { pg_trgm } })
    log(`${fresh ? 'created' : 'opened'} embedded PostgreSQL in ${path.relative(process.cwd(), p.pglite) || p.pglite} (${Date.now() - t0} ms)`)
    rmSync(socketPath, { force: true }) // left behind by an unclean stop
    server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 64 })
    await server.start()
  } catch (e) {
    await server?.stop().catch(() => {})
    await db?.close().catch(() => {})
    releaseLock()
    throw e
  }

  let closed = false
  return {
    url: info.url,
    close: async () => {
      if (closed) return
      closed = true
      await server?.stop().catch(() => {})
      await db?.close().catch(() => {})
      rmSync(socketPath, { force: true })
      releaseLock()
    },
  }
}

/**
 * For tools (CLI, migrate, seed, backup): the running server's database when there is one, otherwise the
 * embedded database opened by this process for the duration of the command.
 */
export async function connectEmbedded(dataDir: string, log?: (m: string) => void): Promise<EmbeddedDatabase & { shared: boolean }> {
  const live = await readLiveLock(dataDir)
  if (live) return { url: live.url, close: async () => {}, shared: true }
  const own = await openEmbedded(dataDir, log)
  return { ...own, shared: false }
}
