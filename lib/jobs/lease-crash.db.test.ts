/**
 * A holder that dies mid-run (SIGKILL: no finally, no release) blocks its job only until its lease
 * expires: it stops renewing, and the next run after the expiry takes the job over and runs it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { uid } from '@/test/factories'
import { registerJob } from './registry'
import { runJob } from './runner'

const root = path.resolve(import.meta.dirname, '../..')
const LEASE_SECONDS = 2
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A process that registers a slow job, runs it through the real runJob, says "running" and hangs there. */
function startHolder(job: string): ChildProcess {
  const script = `
    import { registerJob } from ${JSON.stringify(path.join(root, 'lib/jobs/registry.ts'))}
    import { runJob } from ${JSON.stringify(path.join(root, 'lib/jobs/runner.ts'))}
    registerJob({
      name: ${JSON.stringify(job)},
      schedule: '0 0 1 1 *',
      description: 'slow test job',
      leaseSeconds: ${LEASE_SECONDS},
      run: () => {
        console.log('running')
        return new Promise(() => setInterval(() => undefined, 1000))
      },
    })
    await runJob(${JSON.stringify(job)}, 'cli')
  `
  // `node --import tsx` keeps it one process, so SIGKILL really kills the lease holder.
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, LOG_LEVEL: 'silent', WARDROOM_SCHEDULER: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

function untilRunning(child: ChildProcess): Promise<void> {
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  return new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('running') && resolve())
    child.once('exit', (code) => reject(new Error(`the holder exited (${code}) before running: ${stderr}`)))
  })
}

let child: ChildProcess | undefined
afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL')
})

describe('a lease holder killed mid-run', () => {
  it('holds the job while alive (renewing past its lease), and after SIGKILL the next run after the expiry is ok', async () => {
    const name = uid('test-crash')
    let runs = 0
    const unregister = registerJob({ name, schedule: '0 0 1 1 *', description: 'test', leaseSeconds: LEASE_SECONDS, run: async () => ({ run: ++runs }) })
    try {
      child = startHolder(name)
      await untilRunning(child)
      const lease = await db.jobLease.findUniqueOrThrow({ where: { job: name } })
      expect(lease.holder).toContain(`:${child.pid}:`)

      // Longer than one lease: only renewals keep the dead-slow run's lease alive.
      await sleep(LEASE_SECONDS * 1000 + 800)
      const busy = await runJob(name, 'http')
      expect(busy).toMatchObject({ status: 'skipped', result: { heldBy: lease.holder, since: lease.takenAt.toISOString() } })
      expect(runs).toBe(0)

      child.kill('SIGKILL')
      await new Promise((r) => child!.once('exit', r))

      // Within a lease of the kill the dead holder's lease may still be valid; after it, the job is free.
      const deadline = Date.now() + LEASE_SECONDS * 1000 * 3 + 2_000
      let outcome = await runJob(name, 'http')
      while (outcome.status === 'skipped' && Date.now() < deadline) {
        await sleep(250)
        outcome = await runJob(name, 'http')
      }
      expect(outcome).toMatchObject({ status: 'ok', result: { run: 1 } })
      expect(await db.jobLease.findUnique({ where: { job: name } })).toBeNull()

      // The killed run never finished: its row stays `running` (shown as interrupted), nothing else is counted.
      const rows = await db.jobRun.findMany({ where: { job: name, status: { not: 'skipped' } }, orderBy: { id: 'asc' } })
      expect(rows.map((r) => [r.trigger, r.status])).toEqual([
        ['cli', 'running'],
        ['http', 'ok'],
      ])
    } finally {
      unregister()
    }
  }, 60_000)
})
