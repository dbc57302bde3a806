/**
 * One Wardroom instance for test/two-instances/two-instances.db.test.ts: a separate Node.js process (run with
 * `node --import tsx`) with its own module instances — Prisma pool, API-key cache, session-version cache,
 * job registry, lease holder id — on the database both instances share, as two containers behind the
 * proxy of compose.yaml have. It answers the parent's requests over the IPC channel; everything it does goes
 * through the code the app runs (the cron route handler, defineRoute's API-key check, the admin commands,
 * the sign-in and next-auth callbacks), nothing through test shortcuts.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { encode, getToken } from 'next-auth/jwt'
import { NextRequest } from 'next/server'
import { GET as cronRoute } from '@/app/api/cron/[job]/route'
import { createApiKey, revokeApiKey } from '@/lib/admin/commands/api-keys'
import { createUser, resetUserPassword } from '@/lib/admin/commands/users'
import { systemActor } from '@/lib/auth/actor'
import { verifyApiKey } from '@/lib/auth/api-keys'
import { authenticate } from '@/lib/auth/login'
import { authOptions } from '@/lib/auth/options'
import { userForSession, type SessionClaims } from '@/lib/auth/session-version'
import { closeDb, db } from '@/lib/db'
import { defineRoute, json } from '@/lib/http/route'
import { PROCESS_ID } from '@/lib/jobs/lease'
import { registerJob } from '@/lib/jobs/registry'
import { runJob } from '@/lib/jobs/runner'

export type InstanceRequest =
  | { op: 'whoami' }
  | { op: 'register-job'; name: string; ms: number }
  | { op: 'cron'; job: string; secret: string }
  | { op: 'scheduled-run'; job: string; settleMs: number }
  | { op: 'create-key'; name: string }
  | { op: 'check-key'; key: string }
  | { op: 'revoke-key'; id: string }
  | { op: 'create-user'; email: string; password: string }
  | { op: 'sign-in'; email: string; password: string }
  | { op: 'session'; cookie: string }
  | { op: 'reset-password'; userId: string }
  | { op: 'exit' }

export interface InstanceReply {
  id: number
  ok: boolean
  value?: unknown
  error?: string
}

const COOKIE = 'next-auth.session-token' // NEXTAUTH_URL is http:// here, so no __Secure- prefix
const secret = authOptions.secret!

// A route built like every machine route (defineRoute, API-key access), answering only who called.
const keyRoute = defineRoute({ route: '/test/whoami', access: { kind: 'apikey', scope: 'read' } }, async ({ actor }) => json({ actor: actor.label }))

async function handle(req: InstanceRequest): Promise<unknown> {
  switch (req.op) {
    case 'whoami':
      return { pid: process.pid, holder: PROCESS_ID }
    case 'register-job':
      // The same throwaway job in each process (registries are per process, as in two containers). A run
      // lasts until the other instance's attempt has been recorded as skipped (at most `ms`), so the two
      // attempts overlap however slowly the machine serves them; without a working lease both would run.
      registerJob({
        name: req.name,
        schedule: '0 0 1 1 *',
        description: 'two-instance lease test',
        run: async ({ signal }) => {
          const until = Date.now() + req.ms
          while (Date.now() < until && (await db.jobRun.count({ where: { job: req.name, status: 'skipped' } })) === 0) {
            await sleep(50, undefined, { signal })
          }
          return { ranOn: PROCESS_ID }
        },
      })
      return null
    case 'cron': {
      const res = await cronRoute(new Request(`http://wardroom/api/cron/${req.job}`, { headers: { authorization: `Bearer ${req.secret}` } }), {
        params: Promise.resolve({ job: req.job }),
      })
      return { status: res.status, body: (await res.json()) as unknown }
    }
    case 'scheduled-run': {
      const outcome = await runJob(req.job, 'schedule', { settleUntil: new Date(Date.now() + req.settleMs) })
      return { status: outcome.status, result: outcome.result }
    }
    case 'create-key': {
      const { key, row } = await createApiKey(systemActor('two-instance test'), { name: req.name, scopes: ['read'], environment: 'production' })
      return { key, id: row.id }
    }
    case 'check-key': {
      const principal = await verifyApiKey(req.key)
      const res = await keyRoute(new Request('http://wardroom/test/whoami', { headers: { authorization: `Bearer ${req.key}` } }), {
        params: Promise.resolve({}),
      })
      return { principal: principal?.id ?? null, status: res.status }
    }
    case 'revoke-key':
      return (await revokeApiKey(systemActor('two-instance test'), req.id)).changed
    case 'create-user': {
      const { user } = await createUser(systemActor('two-instance test'), { email: req.email, role: 'ops', password: req.password })
      return user.id
    }
    case 'sign-in': {
      // What next-auth does on a credentials sign-in: authorize (our authenticate), the jwt callback, encode.
      const user = await authenticate(req.email, req.password, '127.0.0.1')
      if (!user) return null
      const jwtCallback = authOptions.callbacks!.jwt!
      const token = await jwtCallback({ token: { sub: user.id }, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion }, account: null })
      return encode({ token, secret, maxAge: authOptions.session!.maxAge })
    }
    case 'session': {
      // What a request carrying the cookie meets: the token read with this instance's secret, the jwt
      // callback (the /api/auth/session refresh) and userForSession (every page, action and route).
      const request = new NextRequest('http://wardroom/', { headers: { cookie: `${COOKIE}=${req.cookie}` } })
      const token = await getToken({ req: request, secret, secureCookie: false })
      if (!token) return { token: false, refreshed: false, user: null }
      const refreshed = await authOptions.callbacks!.jwt!({ token, user: undefined as never, account: null })
      const user = await userForSession(token as SessionClaims)
      return { token: true, refreshed: Boolean(refreshed.uid), user: user?.id ?? null }
    }
    case 'reset-password':
      return (await resetUserPassword(systemActor('two-instance test'), req.userId)).password
    case 'exit':
      await closeDb()
      setImmediate(() => process.exit(0))
      return null
  }
}

process.on('message', (message: { id: number; req: InstanceRequest }) => {
  handle(message.req).then(
    (value) => process.send!({ id: message.id, ok: true, value } satisfies InstanceReply),
    (err: unknown) => process.send!({ id: message.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies InstanceReply),
  )
})
process.send!({ id: 0, ok: true, value: 'ready' } satisfies InstanceReply)
