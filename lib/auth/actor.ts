/**
 * Who performs a command. Every write of an area's `commands.ts` takes an `Actor` as a required argument:
 * a signed-in person, an API key, or the system (jobs, seed, benchmarks; server code only, no HTTP path
 * reaches it). There is no "nobody": a command cannot be called without one.
 *
 * The guards resolve the actor from the database once per request (`defineAction`: the session, checked
 * against the account's session version and disabled state; `defineRoute`: the session or the API key,
 * checked for revocation and expiry). `authorize` is then a pure check on what the actor carries.
 */
import type { AuditActor } from '../audit'
import { ApiError } from '../errors'
import { hasPermission, type ApiScope, type Permission, type Role } from '../rbac'
import type { ApiKeyPrincipal } from './api-keys'
import type { SessionUser } from './session'

export interface UserActor extends AuditActor {
  type: 'user'
  id: string
  role: Role
}
export interface ApiKeyActor extends AuditActor {
  type: 'apikey'
  id: string
  scopes: readonly ApiScope[]
  /** The one environment a key acts in (flags). */
  environment: string
}
export interface SystemActor extends AuditActor {
  type: 'system'
  id: null
}
export type Actor = UserActor | ApiKeyActor | SystemActor

export const actorOfUser = (u: SessionUser): UserActor => ({ type: 'user', id: u.id, label: u.email, role: u.role })
export const actorOfApiKey = (k: ApiKeyPrincipal): ApiKeyActor => ({
  type: 'apikey',
  id: k.id,
  label: `key:${k.name}`,
  scopes: k.scopes,
  environment: k.environment,
})
export const systemActor = (label = 'system'): SystemActor => ({ type: 'system', id: null, label })

/**
 * The permission check of a command (403 naming what is missing). A person needs the role permission; an
 * API key needs `scope`, and may only act where the command names the scope that admits keys at all; the
 * system may do anything (it is server code).
 */
export function authorize(actor: Actor, permission: Permission, opts: { scope?: ApiScope } = {}): void {
  switch (actor.type) {
    case 'user':
      if (!hasPermission(actor.role, permission)) {
        throw new ApiError(403, 'forbidden', `You need the ${permission} permission to do this`, { permission: [permission] })
      }
      return
    case 'apikey':
      if (!opts.scope) throw new ApiError(403, 'forbidden', `An API key cannot do this: it needs a person with ${permission}`, { permission: [permission] })
      if (!actor.scopes.includes(opts.scope)) throw new ApiError(403, 'forbidden', `The API key lacks the scope ${opts.scope}`, { scope: [opts.scope] })
      return
    case 'system':
      return
  }
}
