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
import type { EnvironmentConfig } from '@/lib/flags/schema'

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
  // The OFREP change stream authenticates by the stream token in its URL (an HMAC of an API key id, checked
  // with the key's validity and flags:evaluate scope inside the handler) or an API key: browsers' EventSource
  // cannot send headers. 401 without either; see lib/flags/change-stream.db.test.ts.
  '/ofrep/v1/events',
  // The feedback widget's API authenticates by the site key in its path and the request's Origin (the key's
  // allow-list), rate-limited per address and per key: browsers on a host app's pages hold no API key.
  // 401 unknown or revoked key, 403 other origins; see app/api/feedback/widget/[key]/route.db.test.ts.
  '/api/feedback/widget/[key]',
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

/**
 * What operations may do with feature flags (lib/rbac.ts): stop harm during an incident (kill switch either
 * way, pause, roll back), but not change what a flag does or start and advance rollouts: those are the
 * product manager's, with 4-eyes on gated flags. Checked end to end through the actions.
 */
describe('operations and feature flags', () => {
  const ON: EnvironmentConfig = { enabled: true, offVariant: 'off', rules: [], defaultServe: { variant: 'on' } }

  it('ops toggles the kill switch, pauses and rolls back; editing, creating and starting or resuming rollouts are refused', async () => {
    const { flagKey, makeFlag } = await import('./flag-factories')
    const flags = await import('@/lib/flags/actions')
    const flag = await makeFlag({}, { staging: ON })
    const ref = { flagKey: flag.key, environment: 'staging' }
    const rollout = { ...ref, variant: 'on', stages: '10, 50, 100', stageIntervalHours: '24', violationThreshold: '3' }

    signInAs(users.ops)
    expect(await flags.startRolloutAction(rollout)).toMatchObject({ ok: false, status: 403 })
    signInAs(users.pm)
    expect(await flags.startRolloutAction(rollout)).toMatchObject({ ok: true })

    signInAs(users.ops)
    expect(await flags.pauseRolloutAction({ ...ref, reason: 'Triage latency up' })).toMatchObject({ ok: true })
    expect(await flags.resumeRolloutAction(ref)).toMatchObject({ ok: false, status: 403 })
    expect(await flags.rollbackNowAction({ ...ref, reason: 'INC-12' })).toMatchObject({ ok: true })
    expect(await flags.setKillSwitchAction({ ...ref, killed: true })).toMatchObject({ ok: true })
    expect(await flags.setKillSwitchAction({ ...ref, killed: false })).toMatchObject({ ok: true })
    const details = { flagKey: flag.key, name: 'Renamed by ops', category: 'operational', lifecycle: 'active' }
    expect(await flags.updateFlagAction(details)).toMatchObject({ ok: false, status: 403 })
    expect(await flags.updateEnvironmentAction({ ...ref, config: ON })).toMatchObject({ ok: false, status: 403 })
    expect(await flags.createFlagAction({ key: flagKey('ops'), name: 'x', type: 'boolean' })).toMatchObject({ ok: false, status: 403 })
    signOut()
  })

  it('on a gated flag ops turns the kill switch off through a change request it may apply once a PM approves', async () => {
    const { flagKey, flagInput } = await import('./flag-factories')
    const { actorOfUser } = await import('@/lib/auth/actor')
    const { createFlag } = await import('@/lib/flags/commands/flags')
    const { recordCompliance } = await import('@/lib/flags/commands/compliance')
    const { ComplianceInput } = await import('@/lib/flags/schema')
    const { db } = await import('@/lib/db')
    const flags = await import('@/lib/flags/actions')
    const key = flagKey('gated')
    const pm = actorOfUser(users.pm)
    await createFlag(pm, flagInput({ key, category: 'diagnostic' }))
    await recordCompliance(pm, key, ComplianceInput.parse({ kind: 'clinical_validation', reference: 'CV-1', date: '2026-02-10', scope: 'ED' }))
    const ref = { flagKey: key, environment: 'production' }
    const approver = await createUser('pm')
    // Live in production first (itself a 4-eyes change), so that switching the kill switch off exposes it again.
    const { updateEnvironment } = await import('@/lib/flags/commands/environments')
    const { approveChangeRequest, applyChangeRequest } = await import('@/lib/flags/commands/change-requests')
    const live = await updateEnvironment(pm, key, 'production', ON)
    await approveChangeRequest(actorOfUser(approver), live.changeRequestId!)
    await applyChangeRequest(pm, live.changeRequestId!)

    signInAs(users.ops)
    expect(await flags.setKillSwitchAction({ ...ref, killed: true })).toMatchObject({ ok: true, status: 200 })
    const off = await flags.setKillSwitchAction({ ...ref, killed: false })
    expect(off).toMatchObject({ ok: true, status: 202 })
    const id = (off.data as { changeRequestId: string }).changeRequestId
    signInAs(approver)
    expect(await flags.approveChangeRequestAction({ id })).toMatchObject({ ok: true })
    signInAs(users.ops)
    expect(await flags.applyChangeRequestAction({ id })).toMatchObject({ ok: true })
    expect((await db.flagEnvironment.findFirstOrThrow({ where: { flag: { key }, environment: 'production' } })).killed).toBe(false)
    signOut()
  })
})
