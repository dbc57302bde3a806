/**
 * Enumerates every route handler (app/**\/route.ts) and every server action (lib/**\/actions.ts) and checks
 * the role × permission matrix against what each declares: unauthenticated → 401, a role without the
 * permission → 403, a key without the scope → 403. New routes and actions are covered automatically; a
 * handler or action that is not built with defineRoute / defineAction fails this test.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { ROLES, hasPermission, type Role } from '@/lib/rbac'
import type { RouteHandler } from '@/lib/http/route'
import type { FormState } from '@/lib/auth/guard'
import { createApiKey, createUser, request, routeParams } from './factories'
import { signInAs, signOut } from './session-state'
import type { SessionUser } from '@/lib/auth/session'

vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }))

const root = path.resolve(import.meta.dirname, '..')
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

/** Routes anyone may call. Adding one here is a deliberate, reviewed decision. */
const PUBLIC_ROUTES = new Set([
  '/api/auth/[...nextauth]',
  '/health',
  '/health/db',
  '/metrics',
  // PagerDuty Events v2 authenticates by the body's routing_key (an API key with alerts:write: verifyApiKey +
  // scope check inside the handler, 400/401/403 in PagerDuty's shape), not by a header; see its route.db.test.ts.
  '/api/alerts/events/v2',
  // Does nothing: the framework's floor measured by `npm run bench -- alerts`.
  '/api/ping',
])

const filesNamed = (dir: string, name: RegExp) =>
  readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => name.test(path.basename(f)))
    .map((f) => path.join(dir, f))
    .sort()
const routeFiles = filesNamed('app', /^route\.ts$/)
// Server-action modules: actions.ts and <topic>-actions.ts.
const actionFiles = filesNamed('lib', /^(.+-)?actions\.ts$/)

const users = {} as Record<Role, SessionUser>
beforeAll(async () => {
  for (const role of ROLES) users[role] = await createUser(role)
})

function urlOf(template: string): string {
  return template.replace(/\[\.\.\.(\w+)\]/g, 'x/y').replace(/\[(\w+)\]/g, 'x')
}

describe('route handlers', () => {
  it('are found', () => {
    expect(routeFiles.length).toBeGreaterThan(0)
  })

  for (const file of routeFiles) {
    describe(file, () => {
      it('declare their access with defineRoute and enforce it', async () => {
        const mod = (await import(path.join(root, file))) as Record<string, unknown>
        const handlers = METHODS.filter((m) => typeof mod[m] === 'function')
        expect(handlers.length, `${file} exports no handler`).toBeGreaterThan(0)
        for (const method of handlers) {
          const handler = mod[method] as RouteHandler
          expect(handler.meta, `${method} ${file} is not built with defineRoute`).toBeDefined()
          const { access, route } = handler.meta
          const call = (headers: Record<string, string> = {}) =>
            handler(request(urlOf(route), { method, headers, ...(method === 'GET' ? {} : { raw: '{}' }) }), routeParams({}))

          if (access.kind === 'public') {
            expect(PUBLIC_ROUTES.has(route), `${route} is public but not in the reviewed list`).toBe(true)
            continue
          }
          if (access.kind === 'cron') {
            expect((await call()).status).toBe(401)
            expect((await call({ authorization: 'Bearer wrong-secret-wrong-secret' })).status).toBe(401)
            continue
          }
          if (access.kind === 'apikey' || access.kind === 'session-or-apikey') {
            signOut()
            expect((await call()).status, `${method} ${route} without a key`).toBe(401)
            expect((await call({ authorization: 'Bearer wr_notakey' })).status).toBe(401)
            const other = (['alerts:write', 'read'] as const).find((s) => s !== access.scope)!
            const { key } = await createApiKey([other])
            expect((await call({ authorization: `Bearer ${key}` })).status, `${method} ${route} with the wrong scope`).toBe(403)
            expect((await call({ 'x-api-key': key })).status).toBe(403)
          }
          if (access.kind === 'session' || access.kind === 'session-or-apikey') {
            signOut()
            expect((await call()).status, `${method} ${route} signed out`).toBe(401)
            for (const role of ROLES) {
              signInAs(users[role])
              const status = (await call()).status
              if (hasPermission(role, access.permission)) expect(status, `${role} → ${method} ${route}`).not.toBe(403)
              else expect(status, `${role} → ${method} ${route}`).toBe(403)
            }
            signOut()
          }
        }
      })
    })
  }
})

describe('server actions', () => {
  it('are found, and every "use server" module is among them', () => {
    expect(actionFiles.length).toBeGreaterThan(0)
    const useServer = [...filesNamed('lib', /\.tsx?$/), ...filesNamed('app', /\.tsx?$/), ...filesNamed('components', /\.tsx?$/)].filter((f) =>
      /^\s*['"]use server['"]/.test(readFileSync(path.join(root, f), 'utf8')),
    )
    expect(useServer.sort()).toEqual(actionFiles)
  })

  for (const file of actionFiles) {
    it(`${file}: every action is guarded and enforces its permission`, async () => {
      const mod = (await import(path.join(root, file))) as Record<string, unknown>
      const actions = Object.entries(mod).filter(([, v]) => typeof v === 'function') as [
        string,
        ((input: unknown) => Promise<FormState<unknown>>) & { meta?: { permission: Parameters<typeof hasPermission>[1] } },
      ][]
      expect(actions.length).toBeGreaterThan(0)
      for (const [name, action] of actions) {
        expect(action.meta, `${name} in ${file} is not built with defineAction`).toBeDefined()
        const permission = action.meta!.permission
        signOut()
        expect((await action({})).status, `${name} signed out`).toBe(401)
        for (const role of ROLES) {
          if (hasPermission(role, permission)) continue
          signInAs(users[role])
          expect((await action({})).status, `${role} → ${name}`).toBe(403)
        }
        signOut()
      }
    })
  }
})
