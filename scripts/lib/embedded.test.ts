import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { connectEmbedded, DataDirectoryInUseError, openEmbedded, readLiveLock } from './embedded'

const dirs: string[] = []
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'wardroom-emb-'))
  dirs.push(d)
  return d
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

async function query(url: string, sql: string): Promise<unknown[]> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return (await c.query(sql)).rows
  } finally {
    await c.end()
  }
}

describe('embedded database', () => {
  it('serves one process; a second opener gets a clear error; tools share the socket', async () => {
    const dir = tempDir()
    const db = await openEmbedded(dir)
    try {
      await query(db.url, 'CREATE TABLE t (v int); INSERT INTO t VALUES (42)')
      await expect(openEmbedded(dir)).rejects.toBeInstanceOf(DataDirectoryInUseError)
      await expect(openEmbedded(dir)).rejects.toThrow(/already in use by process/)
      expect((await readLiveLock(dir))?.pid).toBe(process.pid)
      expect(await query(db.url, 'SELECT v FROM t')).toEqual([{ v: 42 }])
    } finally {
      await db.close()
    }
    // Closed cleanly: the lock is gone and the data persists.
    expect(await readLiveLock(dir)).toBeNull()
    const again = await connectEmbedded(dir)
    try {
      expect(again.shared).toBe(false)
      expect(await query(again.url, 'SELECT v FROM t')).toEqual([{ v: 42 }])
    } finally {
      await again.close()
    }
  }, 60_000)

  it('takes over a stale lock left by a dead process', async () => {
    const dir = tempDir()
    mkdirSync(path.join(dir, 'run'), { recursive: true })
    writeFileSync(path.join(dir, 'run', 'wardroom.lock'), JSON.stringify({ pid: 2 ** 22 + 7, url: 'postgresql://x@localhost/x?host=/nonexistent', startedAt: 'then' }))
    const db = await openEmbedded(dir)
    await db.close()
  }, 60_000)

  it('recovers after the owning process is killed with SIGKILL, and shares a live one', async () => {
    const dir = tempDir()
    const script = `
      import { openEmbedded } from ${JSON.stringify(path.resolve('scripts/lib/embedded.ts'))}
      import pg from 'pg'
      const db = await openEmbedded(${JSON.stringify(dir)})
      const c = new pg.Client({ connectionString: db.url }); await c.connect()
      await c.query('CREATE TABLE k (v int)'); await c.query('INSERT INTO k VALUES (7)')
      console.log('ready')
      setInterval(() => c.query('INSERT INTO k VALUES (1)'), 5)
    `
    // `node --import tsx` keeps it one process, so SIGKILL really kills the database's owner.
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve())
      child.once('exit', (code) => reject(new Error(`child exited ${code}`)))
    })
    // While the child holds it, a tool connects through the child's socket.
    const shared = await connectEmbedded(dir)
    expect(shared.shared).toBe(true)
    const rows = (await query(shared.url, 'SELECT count(*)::int AS n FROM k WHERE v = 7')) as { n: number }[]
    expect(rows[0]!.n).toBe(1)

    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    const db = await openEmbedded(dir)
    try {
      const after = (await query(db.url, 'SELECT count(*)::int AS n FROM k WHERE v = 7')) as { n: number }[]
      expect(after[0]!.n).toBe(1)
    } finally {
      await db.close()
    }
  }, 90_000)
})
