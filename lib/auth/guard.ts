/**
 * Authorisation for pages and server actions, at the place the data is touched.
 * Pages: `await requirePagePermission('audit:read')` redirects to /login or renders 403.
 * Actions: wrap with `defineAction(permission, schema, fn)`: authenticate → authorise → validate → run
 * (the action calls its area's command, which writes and audits) → return one FormState shape.
 * Authorising before validating is deliberate: someone who may not act learns nothing about the input's
 * shape (which fields exist, which values pass) from field errors; they get a plain 401/403.
 */
import { forbidden, redirect } from 'next/navigation'
import type { z } from 'zod'
import { hasPermission, type Permission } from '../rbac'
import { getSessionUser, type SessionUser } from './session'
import { zodFields, type FieldErrors, ApiError, toApiError } from '@/lib/errors'
import { actorOfUser } from './actor'

export async function requirePageUser(): Promise<SessionUser> {
  const user = await getSessionUser()
  if (!user) redirect('/login')
  return user
}

export async function requirePagePermission(permission: Permission): Promise<SessionUser> {
  const user = await requirePageUser()
  if (!hasPermission(user.role, permission)) forbidden()
  return user
}

export interface FormState<T = undefined> {
  ok: boolean
  message?: string
  fieldErrors?: FieldErrors
  /** HTTP-like status of the outcome, so callers and tests can tell 401/403/422 apart. */
  status?: number
  data?: T
}

export interface ActionContext {
  user: SessionUser
  actor: ReturnType<typeof actorOfUser>
}

export type GuardedAction<I, O> = ((input: I) => Promise<FormState<O>>) & {
  meta: { permission: Permission }
}

/** FormData as an object; a name sent several times (checkboxes) becomes an array. */
export function formDataObject(form: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const out: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {}
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key)
    out[key] = all.length > 1 ? all : all[0]!
  }
  return out
}

export function defineAction<S extends z.ZodType, O = undefined>(
  permission: Permission,
  schema: S,
  run: (input: z.infer<S>, ctx: ActionContext) => Promise<FormState<O>>,
): GuardedAction<unknown, O> {
  const action = async (raw: unknown): Promise<FormState<O>> => {
    const user = await getSessionUser()
    if (!user) return { ok: false, status: 401, message: 'Your session has ended. Sign in again.' }
    if (!hasPermission(user.role, permission)) {
      return { ok: false, status: 403, message: 'You do not have permission to do this.' }
    }
    const input = schema.safeParse(raw instanceof FormData ? formDataObject(raw) : raw)
    if (!input.success) {
      return { ok: false, status: 422, message: 'Please correct the highlighted fields.', fieldErrors: zodFields(input.error) }
    }
    try {
      return await run(input.data, { user, actor: actorOfUser(user) })
    } catch (err) {
      const e = err instanceof ApiError ? err : toApiError(err)
      return { ok: false, status: e.status, message: e.message, fieldErrors: e.fields }
    }
  }
  return Object.assign(action, { meta: { permission } })
}
