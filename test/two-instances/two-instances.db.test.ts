/**
 * Two app instances on one PostgreSQL, as compose.yaml runs them behind its proxy: two real Node.js processes
 * (instance.ts), each with its own caches, pool and lease holder id, connected as the app's runtime role.
 * Proves what the README promises for several instances: a job triggered on both at once runs once, an API
 * key revoked on one is refused by the other within the 10 s key cache, and a session cookie issued by one
 * is accepted by the other (shared NEXTAUTH_SECRET) until a password reset on the first ends it.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { db } from '@/lib/db'
import { uid } from '@/test/factories'
import type { InstanceReply, InstanceRequest } from './instance'

const root = path.resolve(import.meta.dirname, '../..')
const hooks = pathToFileURL(path.join(import.meta.dirname, 'cjs-default-hooks.mjs')).href
const NEXTAUTH_SECRET = randomBytes(32).toString('base64url')
const CRON_SECRET = randomBytes(32).toString('base64url')
/** lib/auth/api-keys.ts KEY_CACHE_MS: the bound the README gives for a revocation to reach every instance. */
const KEY_CACHE_MS = 10_000

interface Instance {
  call: <T>(req: InstanceRequest) => Promise<T>
  child: ChildProcess
}

function startInstance(name: string, secret = NEXTAUTH_SECRET): Promise<Instance> {
  const child = fork(path.join(import.meta.dirname, 'instance.ts'), [], {
    cwd: root,
    // tsx compiles the TypeScript; the hooks give next-auth's providers the bundlers' CommonJS interop.
    execArgv: ['--import', 'tsx', '--import', `data:text/javascript,import{register}from'node:module';register(${JSON.stringify(hooks)})`],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      ...process.env,
      DATABASE_URL: inject('runtimeDatabaseUrl'),
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: 'http://wardroom.test',
      CRON_SECRET,
      WARDROOM_SCHEDULER: 'off',
      LOG_LEVEL: 'silent',
    },
  })
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  let next = 1
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`instance ${name} exited with ${code}`)))
    child.on('message', (reply: InstanceReply) => {
      if (reply.id === 0) {
        resolve({
          child,
          call: <T>(req: InstanceRequest) =>
            new Promise<T>((res, rej) => {
              const id = next++
              waiting.set(id, { resolve: res as (v: unknown) => void, reject: rej })
              child.send({ id, req })
            }),
        })
        return
      }
      const w = waiting.get(reply.id)
      waiting.delete(reply.id)
      if (reply.ok) w?.resolve(reply.value)
      else w?.reject(new Error(`instance ${name}: ${reply.error}`))
    })
  })
}

let a: Instance
let b: Instance
/** An instance configured with another NEXTAUTH_SECRET: it must not accept A's cookies. */
let stranger: Instance

beforeAll(async () => {
  ;[a, b, stranger] = await Promise.all([
    startInstance('instance-a'),
    startInstance('instance-b'),
    startInstance('instance-c', randomBytes(32).toString('base64url')),
  ])
}, 90_000)

afterAll(async () => {
  const all = [a, b, stranger].filter(Boolean)
  await Promise.all(all.map((i) => i.call({ op: 'exit' }).catch(() => undefined)))
  for (const i of all) i.child.kill()
})

describe('two instances on one database', () => {
  it('are separate processes with separate lease holders', async () => {
    const [wa, wb] = await Promise.all([a.call<{ pid: number; holder: string }>({ op: 'whoami' }), b.call<{ pid: number; holder: string }>({ op: 'whoami' })])
    expect(wa.pid).not.toBe(wb.pid)
    expect(wa.pid).not.toBe(process.pid)
    expect(wa.holder).not.toBe(wb.holder)
  })

  it('run a job triggered through /api/cron on both at once exactly once; the other answers skipped, naming the holder', async () => {
    const job = uid('two-instance-job')
    await Promise.all([a, b].map((i) => i.call({ op: 'register-job', name: job, ms: 10_000 })))
    type Answer = { status: number; body: { status: string; result: { ranOn?: string; heldBy?: string } } }
    const answers = await Promise.all([a, b].map((i) => i.call<Answer>({ op: 'cron', job, secret: CRON_SECRET })))
    expect(answers.map((x) => x.status)).toEqual([200, 200])
    const ran = answers.filter((x) => x.body.status === 'ok')
    const skipped = answers.filter((x) => x.body.status === 'skipped')
    expect(ran).toHaveLength(1)
    expect(skipped).toHaveLength(1)
    expect(skipped[0]!.body.result.heldBy).toContain(ran[0]!.body.result.ranOn)
    const runs = await db.jobRun.groupBy({ by: ['status'], where: { job }, _count: true })
    expect(Object.fromEntries(runs.map((r) => [r.status, r._count]))).toEqual({ ok: 1, skipped: 1 })
    expect(await db.jobLease.count({ where: { job } })).toBe(0)
  })

  it('run a scheduled tick fired by both schedulers once, and a late scheduler finds it settled', async () => {
    const job = uid('two-instance-tick')
    await Promise.all([a, b].map((i) => i.call({ op: 'register-job', name: job, ms: 10_000 })))
    type Outcome = { status: string }
    const both = await Promise.all([a, b].map((i) => i.call<Outcome>({ op: 'scheduled-run', job, settleMs: 30_000 })))
    expect(both.map((o) => o.status).sort()).toEqual(['ok', 'skipped'])
    // The slower instance's scheduler fires the same tick after the run finished: still skipped.
    expect((await b.call<Outcome>({ op: 'scheduled-run', job, settleMs: 30_000 })).status).toBe('skipped')
    expect(await db.jobRun.count({ where: { job, status: 'ok' } })).toBe(1)
  })

  it(`refuse on B an API key revoked on A within ${KEY_CACHE_MS / 1000} s (B's key cache), and at once on A`, async () => {
    const created = await a.call<{ key: string; id: string }>({ op: 'create-key', name: uid('two-instance-key') })
    type Check = { principal: string | null; status: number }
    // Both instances have checked (and cached) the key, as under steady traffic.
    expect(await a.call<Check>({ op: 'check-key', key: created.key })).toEqual({ principal: created.id, status: 200 })
    expect(await b.call<Check>({ op: 'check-key', key: created.key })).toEqual({ principal: created.id, status: 200 })
    const cachedAt = Date.now()

    expect(await a.call<boolean>({ op: 'revoke-key', id: created.id })).toBe(true)
    const revokedAt = Date.now()
    expect(await a.call<Check>({ op: 'check-key', key: created.key })).toEqual({ principal: null, status: 401 })

    // B polls on its real clock until it refuses the key; it must within the cache bound of its last read.
    let refusedAfter = -1
    while (Date.now() - cachedAt < KEY_CACHE_MS + 2_000) {
      const check = await b.call<Check>({ op: 'check-key', key: created.key })
      if (check.principal === null) {
        expect(check.status).toBe(401)
        refusedAfter = Date.now() - revokedAt
        break
      }
      await new Promise((r) => setTimeout(r, 200))
    }
    expect(refusedAfter).toBeGreaterThanOrEqual(0)
    expect(refusedAfter).toBeLessThanOrEqual(KEY_CACHE_MS + 500)
  }, 30_000)

  it('accept on B a session cookie issued by A, and end it on B after a password reset on A', async () => {
    const email = `${uid('two-instance')}@test.wardroom.local`
    const password = `pw-${randomBytes(12).toString('base64url')}`
    const userId = await a.call<string>({ op: 'create-user', email, password })
    const cookie = await a.call<string | null>({ op: 'sign-in', email, password })
    expect(cookie).toEqual(expect.any(String))

    type Session = { token: boolean; refreshed: boolean; user: string | null }
    expect(await b.call<Session>({ op: 'session', cookie: cookie! })).toEqual({ token: true, refreshed: true, user: userId })

    // An instance with another NEXTAUTH_SECRET cannot read it: the instances must share the secret.
    expect(await stranger.call<Session>({ op: 'session', cookie: cookie! })).toEqual({ token: false, refreshed: false, user: null })

    const newPassword = await a.call<string>({ op: 'reset-password', userId })
    // Pages, actions and routes re-read the user on every request: B refuses the old cookie at once. The
    // jwt callback's version cache (3 s per instance) may keep refreshing it a moment longer; then it stops.
    const after = await b.call<Session>({ op: 'session', cookie: cookie! })
    expect(after.user).toBeNull()
    await new Promise((r) => setTimeout(r, 3_100))
    expect(await b.call<Session>({ op: 'session', cookie: cookie! })).toEqual({ token: true, refreshed: false, user: null })
    // The old password is gone; signing in with the new one (a new session version) on A is accepted by B.
    expect(await a.call<string | null>({ op: 'sign-in', email, password })).toBeNull()
    const fresh = await a.call<string | null>({ op: 'sign-in', email, password: newPassword })
    expect(await b.call<Session>({ op: 'session', cookie: fresh! })).toEqual({ token: true, refreshed: true, user: userId })
  }, 60_000)
})
