import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { PrismaClient } from '@/lib/generated/prisma/client'
import { recordAudit, SYSTEM_ACTOR } from '@/lib/audit'
import { APP_ROLE, connectEmbedded, DataDirectoryInUseError, embeddedPaths, openEmbedded, OWNER_ROLE, readLiveLock } from './embedded'
import { listMigrations, CREATE_TABLE, migrate } from '@/lib/migrations'
import { migrateDatabase } from './database'

const dirs: string[] = []
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'wardroom-emb-'))
  dirs.push(d)
  return d
}
// Several clusters of ~40 MB each: removing them may outlast the default hook timeout on a busy machine.
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })), 60_000)

async function query<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return (await c.query(sql)).rows as T[]
  } finally {
    await c.end()
  }
}

/** Running, not a zombie waiting to be reaped. */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : ''
  return !/^\d+ \(.*\) Z/.test(stat)
}
const gone = async (pid: number) => {
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50))
  return !alive(pid)
}

/** A child process that owns the embedded database and keeps committing rows until it is killed. */
async function startOwner(dir: string): Promise<{ child: ChildProcess; postmaster: number; committed: () => Promise<number> }> {
  const script = `
    import { openEmbedded } from ${JSON.stringify(path.resolve('scripts/lib/embedded.ts'))}
    import pg from 'pg'
    const db = await openEmbedded(${JSON.stringify(dir)})
    const c = new pg.Client({ connectionString: db.ownerUrl }); await c.connect()
    await c.query('CREATE TABLE IF NOT EXISTS k (v int)'); await c.query('INSERT INTO k VALUES (7)')
    let n = 0
    console.log('ready')
    // Each INSERT autocommits; the count printed is of rows the server acknowledged.
    for (;;) { await c.query('INSERT INTO k VALUES (1)'); n++; if (n % 20 === 0) console.log('committed ' + n) }
  `
  // Its own process group, so that the test can kill it together with its PostgreSQL, as kill -9 of
  // `npm start`'s group does.
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'], detached: true })
  let acked = 0
  let ready!: () => void
  const readyP = new Promise<void>((r) => (ready = r))
  child.stdout!.on('data', (d: Buffer) => {
    for (const line of d.toString().split('\n')) {
      if (line === 'ready') ready()
      const m = /^committed (\d+)$/.exec(line)
      if (m) acked = Number(m[1])
    }
  })
  await Promise.race([readyP, new Promise((_, reject) => child.once('exit', (code) => reject(new Error(`owner exited ${code}`))))])
  const postmaster = Number(readFileSync(path.join(embeddedPaths(dir).cluster, 'postmaster.pid'), 'utf8').split('\n')[0])
  return { child, postmaster, committed: async () => acked }
}

describe('embedded PostgreSQL', () => {
  it('serves one process; a second opener gets a clear error; tools share the socket; data persists', async () => {
    const dir = tempDir()
    const db = await openEmbedded(dir)
    try {
      await query(db.ownerUrl, 'CREATE TABLE t (v int); INSERT INTO t VALUES (42)')
      await expect(openEmbedded(dir)).rejects.toBeInstanceOf(DataDirectoryInUseError)
      await expect(openEmbedded(dir)).rejects.toThrow(/already in use by process/)
      expect((await readLiveLock(dir))?.pid).toBe(process.pid)
      // The lock hands other processes the runtime role's URL, never the superuser's.
      expect(new URL((await readLiveLock(dir))!.url).username).toBe(APP_ROLE)
      expect(await query(db.ownerUrl, 'SELECT v FROM t')).toEqual([{ v: 42 }])
      // A real server: the version is PostgreSQL's own, and sessions are separate (advisory locks are per session).
      expect((await query<{ server_version: string }>(db.url, 'SHOW server_version'))[0]!.server_version).toMatch(/^1[5-9]/)
      const a = new pg.Client({ connectionString: db.url })
      const b = new pg.Client({ connectionString: db.url })
      await a.connect()
      await b.connect()
      expect((await a.query('SELECT pg_try_advisory_lock(99) AS ok')).rows[0].ok).toBe(true)
      expect((await b.query('SELECT pg_try_advisory_lock(99) AS ok')).rows[0].ok).toBe(false)
      await a.end()
      await b.end()
    } finally {
      await db.close()
    }
    // Closed cleanly: the lock is gone, the server stopped, and the data persists.
    expect(await readLiveLock(dir)).toBeNull()
    expect(existsSync(path.join(embeddedPaths(dir).cluster, 'postmaster.pid'))).toBe(false)
    const again = await connectEmbedded(dir)
    try {
      expect(again.shared).toBe(false)
      expect(await query(again.ownerUrl, 'SELECT v FROM t')).toEqual([{ v: 42 }])
    } finally {
      await again.close()
    }
  }, 60_000)

  it('keeps the passwords and the audit key in secrets.json (mode 0600) and refuses a connection without them', async () => {
    const dir = tempDir()
    const db = await openEmbedded(dir)
    try {
      const file = path.join(dir, 'secrets.json')
      expect(statSync(file).mode & 0o777).toBe(0o600)
      const secrets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>
      for (const k of ['POSTGRES_PASSWORD', 'WARDROOM_DB_OWNER_PASSWORD', 'WARDROOM_DB_APP_PASSWORD']) expect(secrets[k]).toMatch(/^[\w-]{24,}$/)
      expect(secrets.WARDROOM_AUDIT_KEY).toMatch(/^[\w-]{40,}$/)
      const password = secrets.WARDROOM_DB_APP_PASSWORD
      expect(new URL(db.url).username).toBe(APP_ROLE)
      expect(db.url).toContain(encodeURIComponent(password!))
      expect(new URL(db.ownerUrl).username).toBe(OWNER_ROLE)
      expect(db.ownerUrl).toContain(encodeURIComponent(secrets.WARDROOM_DB_OWNER_PASSWORD!))
      const wrong = new URL(db.url)
      wrong.password = 'not-the-password'
      await expect(query(wrong.toString(), 'SELECT 1')).rejects.toThrow(/password authentication failed/)
    } finally {
      await db.close()
    }
  }, 60_000)

  it('gives an earlier install (objects owned by postgres) to the owner role; the app role cannot alter the audit trail', async () => {
    const dir = tempDir()
    let db = await openEmbedded(dir)
    // An earlier version migrated as the superuser.
    const superuser = new URL(db.ownerUrl)
    superuser.username = 'postgres'
    superuser.password = (JSON.parse(readFileSync(path.join(dir, 'secrets.json'), 'utf8')) as Record<string, string>).POSTGRES_PASSWORD!
    const su = new pg.Client({ connectionString: superuser.toString() })
    await su.connect()
    await migrate(su)
    await su.query(`INSERT INTO "AuditLog" (at, "actorType", "actorLabel", action, "prevHash", hash) VALUES (now(), 'system', 'system', 'test.old', 'x', 'y')`)
    await su.end()
    await db.close()

    const logs: string[] = []
    db = await openEmbedded(dir, { log: (m) => logs.push(m) })
    try {
      expect(logs.join('\n')).toMatch(new RegExp(`gave \\d+ database object\\(s\\) to ${OWNER_ROLE}`))
      const owners = await query<{ owner: string }>(db.ownerUrl, `SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = 'public'`)
      expect(owners).toEqual([{ owner: OWNER_ROLE }])
      expect(await query(db.ownerUrl, `SELECT 1 FROM pg_database WHERE datname = current_database() AND pg_get_userbyid(datdba) = '${OWNER_ROLE}'`)).toHaveLength(1)
      const { separateRoles } = await migrateDatabase({ url: db.url, migrateUrl: db.ownerUrl })
      expect(separateRoles).toBe(true)
      // The runtime role reads and appends, and can do nothing else to the trail.
      expect(await query(db.url, 'SELECT count(*)::int AS n FROM "AuditLog"')).toEqual([{ n: 1 }])
      await query(db.url, `INSERT INTO "AuditLog" (at, "actorType", "actorLabel", action, "prevHash", hash) VALUES (now(), 'system', 'system', 'test.new', 'y', 'z')`)
      await expect(query(db.url, 'TRUNCATE "AuditLog"')).rejects.toThrow(/permission denied/)
      await expect(query(db.url, `UPDATE "AuditLog" SET action = 'x'`)).rejects.toThrow(/permission denied/)
      await expect(query(db.url, 'ALTER TABLE "AuditLog" DISABLE TRIGGER USER')).rejects.toThrow(/must be owner/)
      // The owner is refused by the trigger.
      await expect(query(db.ownerUrl, 'TRUNCATE "AuditLog"')).rejects.toThrow(/append-only/)
    } finally {
      await db.close()
    }
    // Idempotent: nothing left to give on the next start.
    const again: string[] = []
    const third = await openEmbedded(dir, { log: (m) => again.push(m) })
    await third.close()
    expect(again.join('\n')).not.toMatch(/gave/)
  }, 90_000)

  it('takes over a stale lock left by a dead process', async () => {
    const dir = tempDir()
    mkdirSync(path.join(dir, 'run'), { recursive: true })
    writeFileSync(path.join(dir, 'run', 'wardroom.lock'), JSON.stringify({ pid: 2 ** 22 + 7, url: 'postgresql://x@localhost/x?host=/nonexistent', startedAt: 'then' }))
    const db = await openEmbedded(dir)
    await db.close()
  }, 60_000)

  it('recovers after kill -9 of the whole process group and loses nothing acknowledged', async () => {
    const dir = tempDir()
    const owner = await startOwner(dir)
    // While the owner holds it, a tool connects through the owner's socket.
    const shared = await connectEmbedded(dir)
    expect(shared.shared).toBe(true)
    expect(shared.url).toBe((await readLiveLock(dir))!.url)
    expect((await query<{ n: number }>(shared.ownerUrl, 'SELECT count(*)::int AS n FROM k WHERE v = 7'))[0]!.n).toBe(1)
    await new Promise((r) => setTimeout(r, 300))

    process.kill(-owner.child.pid!, 'SIGKILL')
    await new Promise((r) => owner.child.once('exit', r))
    const acked = await owner.committed()
    expect(acked).toBeGreaterThan(0)
    expect(await gone(owner.postmaster)).toBe(true)

    const t0 = Date.now()
    const db = await openEmbedded(dir)
    const recoveryMs = Date.now() - t0
    try {
      const rows = await query<{ n: number }>(db.ownerUrl, 'SELECT count(*)::int AS n FROM k WHERE v = 1')
      expect(rows[0]!.n).toBeGreaterThanOrEqual(acked)
      console.info(`embedded recovery after kill -9: ${recoveryMs} ms, ${acked} acknowledged rows all present`)
    } finally {
      await db.close()
    }
  }, 90_000)

  it('stops the server within seconds when its supervisor is killed alone', async () => {
    const dir = tempDir()
    const owner = await startOwner(dir)
    owner.child.kill('SIGKILL') // the node process only
    await new Promise((r) => owner.child.once('exit', r))
    expect(await gone(owner.postmaster)).toBe(true)
    const db = await openEmbedded(dir)
    await db.close()
  }, 90_000)

  it('shuts down a PostgreSQL orphaned with its watchdog, then starts its own', async () => {
    const dir = tempDir()
    const owner = await startOwner(dir)
    // Kill the watchdog first (as a `kill -9 -1` would), then the supervisor: the server keeps running.
    const watchdog = spawnSync('pgrep', ['-f', `wardroom-pg-watchdog ${owner.child.pid} ${owner.postmaster}`], { encoding: 'utf8' }).stdout.trim()
    expect(watchdog).toMatch(/^\d+$/)
    process.kill(Number(watchdog), 'SIGKILL')
    owner.child.kill('SIGKILL')
    await new Promise((r) => owner.child.once('exit', r))
    await new Promise((r) => setTimeout(r, 1500))
    expect(alive(owner.postmaster)).toBe(true)
    const acked = await owner.committed()

    const logs: string[] = []
    const db = await openEmbedded(dir, { log: (m) => logs.push(m) })
    try {
      expect(await gone(owner.postmaster)).toBe(true)
      expect(logs.join('\n')).toMatch(/stopping a PostgreSQL \(pid \d+\) left running/)
      expect((await query<{ n: number }>(db.ownerUrl, 'SELECT count(*)::int AS n FROM k WHERE v = 1'))[0]!.n).toBeGreaterThanOrEqual(acked)
    } finally {
      await db.close()
    }
  }, 90_000)
})

/** An install of an earlier version: PGlite in <data dir>/pglite, migrated, with users, settings and audit rows. */
async function makeLegacyInstall(dir: string): Promise<{ users: number; audits: number }> {
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm')
  const lite = await PGlite.create(path.join(dir, 'pglite'), { extensions: { pg_trgm } })
  await lite.exec(CREATE_TABLE)
  for (const m of listMigrations()) {
    await lite.exec(m.sql)
    await lite.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
      [crypto.randomUUID(), m.checksum, m.name],
    )
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(lite) })
  for (let i = 0; i < 3; i++) {
    const user = await prisma.user.create({ data: { email: `legacy${i}@test.wardroom.local`, name: `Legacy ${i} — ünï`, role: 'ops', passwordHash: 'x' } })
    await prisma.$transaction((tx) => recordAudit(SYSTEM_ACTOR, { action: 'user.create', targetType: 'user', targetId: user.id, summary: { i } }, tx))
  }
  await prisma.$disconnect()
  await lite.close()
  return { users: 3, audits: 3 }
}

describe('moving an earlier PGlite install', () => {
  it('moves the data into PostgreSQL, verifies counts and the audit chain, and keeps the old directory', async () => {
    const dir = tempDir()
    const expected = await makeLegacyInstall(dir)
    const logs: string[] = []
    const db = await openEmbedded(dir, { log: (m) => logs.push(m) })
    try {
      expect(logs.join('\n')).toMatch(/moved the earlier embedded database \(PGlite.*\) into PostgreSQL: \d+ tables, \d+ rows, audit chain verified/)
      expect((await query<{ n: number }>(db.ownerUrl, 'SELECT count(*)::int AS n FROM "User"'))[0]!.n).toBe(expected.users)
      expect((await query<{ n: number }>(db.ownerUrl, 'SELECT count(*)::int AS n FROM "AuditLog"'))[0]!.n).toBe(expected.audits)
      expect((await query<{ name: string }>(db.ownerUrl, `SELECT name FROM "User" WHERE email = 'legacy1@test.wardroom.local'`))[0]!.name).toBe('Legacy 1 — ünï')
      // Moved as the owner: the objects are the owner's, not the superuser's.
      expect(await query(db.ownerUrl, `SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tableowner <> '${OWNER_ROLE}'`)).toEqual([])
      expect(existsSync(path.join(dir, 'pglite', 'PG_VERSION'))).toBe(true)
    } finally {
      await db.close()
    }
    // Moved once: the next start opens PostgreSQL and does not move again.
    const logs2: string[] = []
    const again = await openEmbedded(dir, { log: (m) => logs2.push(m) })
    await again.close()
    expect(logs2.join('\n')).not.toMatch(/moved/)
  }, 120_000)

  it('stops with a clear message and leaves the old directory untouched when the move fails', async () => {
    const dir = tempDir()
    mkdirSync(path.join(dir, 'pglite'), { recursive: true })
    writeFileSync(path.join(dir, 'pglite', 'PG_VERSION'), '17\n') // a damaged PGlite directory
    writeFileSync(path.join(dir, 'pglite', 'keep-me'), 'x')
    await expect(openEmbedded(dir)).rejects.toThrow(/Could not move the earlier embedded database .*pglite.* is untouched; nothing was started/)
    expect(readFileSync(path.join(dir, 'pglite', 'keep-me'), 'utf8')).toBe('x')
    expect(existsSync(embeddedPaths(dir).cluster)).toBe(false)
    expect(await readLiveLock(dir)).toBeNull()
  }, 120_000)
})
