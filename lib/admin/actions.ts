'use server'
/**
 * Server actions of the admin pages. Each adapts its form to a command of ./commands/users.ts or
 * ./commands/api-keys.ts (built with defineAction: authorise → validate → run the command, which writes
 * and audits in one transaction), then the page is revalidated. Secrets (a generated password, a new API key) are returned once, never stored.
 */
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { defineAction, type FormState } from '../auth/guard'
import { ROLE_LABELS } from '../rbac'
import { ChangeUserRoleInput, CreateApiKeyInput, CreateUserInput } from './schema'
import { createUser, disableUser, enableUser, resetUserPassword, updateUserRole } from './commands/users'
import { createApiKey, revokeApiKey } from './commands/api-keys'

const USERS_PATH = '/admin/users'
const API_KEYS_PATH = '/admin/api-keys'

/** An empty form field means "not given": drop it so optional fields stay optional. */
function dropBlankFields(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  return Object.fromEntries(Object.entries(value).filter(([, v]) => !(typeof v === 'string' && v.trim() === '')))
}

export interface CreatedUserData {
  email: string
  /** Present when no password was given. */
  generatedPassword?: string
}

export interface CreatedApiKeyData {
  /** The whole key, in clear, this once. */
  key: string
  name: string
  prefix: string
}

const UserId = z.object({ userId: z.uuid('Choose a user') })
const ApiKeyId = z.object({ keyId: z.uuid('Choose an API key') })

export const createUserAction = defineAction(
  'user:manage',
  z.preprocess(dropBlankFields, CreateUserInput),
  async (input, { actor }): Promise<FormState<CreatedUserData>> => {
    const { user, generatedPassword } = await createUser(actor, input)
    revalidatePath(USERS_PATH)
    return {
      ok: true,
      status: 201,
      message: generatedPassword
        ? `${user.email} was created. Give them the password below; it is shown only once.`
        : `${user.email} was created.`,
      data: { email: user.email, ...(generatedPassword ? { generatedPassword } : {}) },
    }
  },
)

export const disableUserAction = defineAction('user:manage', UserId, async ({ userId }, { actor }) => {
  // disableUser refuses (409) the actor's own account and the last active administrator.
  const { user, changed } = await disableUser(actor, userId)
  revalidatePath(USERS_PATH)
  return { ok: true, status: 200, message: changed ? `${user.email} was disabled and signed out.` : `${user.email} was already disabled.` }
})

export const enableUserAction = defineAction('user:manage', UserId, async ({ userId }, { actor }) => {
  const { user, changed } = await enableUser(actor, userId)
  revalidatePath(USERS_PATH)
  return { ok: true, status: 200, message: changed ? `${user.email} can sign in again.` : `${user.email} was already active.` }
})

export const resetPasswordAction = defineAction(
  'user:manage',
  UserId,
  async ({ userId }, { actor }): Promise<FormState<{ password: string; email: string }>> => {
    const { user, password } = await resetUserPassword(actor, userId)
    return { ok: true, status: 200, message: `A new password was set for ${user.email}. Give it to them securely: it is shown only once.`, data: { password, email: user.email } }
  },
)

export const changeRoleAction = defineAction('user:manage', ChangeUserRoleInput, async (input, { actor }) => {
  // updateUserRole refuses (409) the actor's own role and demoting the last active administrator.
  const { user, changed } = await updateUserRole(actor, input)
  revalidatePath(USERS_PATH)
  const role = ROLE_LABELS[user.role]
  return { ok: true, status: 200, message: changed ? `${user.email} is now ${role}.` : `${user.email} already was ${role}.` }
})

export const createApiKeyAction = defineAction(
  'apikey:manage',
  // Scopes arrive as an array: the form sends a plain object, since FormData → object keeps one value per name.
  z.preprocess(dropBlankFields, CreateApiKeyInput),
  async (input, { actor }): Promise<FormState<CreatedApiKeyData>> => {
    const { key, row } = await createApiKey(actor, input)
    revalidatePath(API_KEYS_PATH)
    return {
      ok: true,
      status: 201,
      message: `API key ${row.name} was created. Copy it now: it is shown only once.`,
      data: { key, name: row.name, prefix: row.prefix },
    }
  },
)

export const revokeApiKeyAction = defineAction('apikey:manage', ApiKeyId, async ({ keyId }, { actor }) => {
  const { row, changed } = await revokeApiKey(actor, keyId)
  revalidatePath(API_KEYS_PATH)
  return {
    ok: true,
    status: 200,
    message: changed ? `API key ${row.name} was revoked; calls using it are refused from now on.` : `API key ${row.name} was already revoked.`,
  }
})
