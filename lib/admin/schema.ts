/**
 * Input schemas of the administration functions (users, API keys), shared by the CLI, the admin pages'
 * server actions and any route handler.
 */
import { z } from 'zod'
import { API_SCOPES, ROLES } from '../rbac'

export const PASSWORD_MIN_LENGTH = 12

export const Email = z.string().trim().toLowerCase().pipe(z.email('Enter a valid e-mail address').max(254))

export const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Passwords have at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(256, 'Passwords have at most 256 characters')

export const CreateUserInput = z.object({
  email: Email,
  name: z.string().trim().min(1).max(120).optional(),
  role: z.enum(ROLES, 'Choose one of the roles'),
  /** Omitted: a password is generated and returned once. */
  password: Password.optional(),
})
export type CreateUserInput = z.infer<typeof CreateUserInput>

/** A user named by id (uuid) or e-mail address. */
export const UserRef = z.union([z.uuid(), Email], 'Give a user id or e-mail address')

export const API_KEY_ENVIRONMENTS = ['development', 'staging', 'production'] as const
export type ApiKeyEnvironment = (typeof API_KEY_ENVIRONMENTS)[number]

export const API_KEY_NAME_MAX = 80
/** The naming rule in words, shown beside the field before anyone breaks it. */
export const API_KEY_NAME_RULE = `Letters, digits, spaces and . _ : - (no brackets), starting with a letter or digit; at most ${API_KEY_NAME_MAX} characters.`

/** A key's name: the form checks it as you type and the server again, with this one schema. */
export const ApiKeyName = z
  .string()
  .trim()
  .min(1, 'Name the key after the system that uses it')
  .max(API_KEY_NAME_MAX, `At most ${API_KEY_NAME_MAX} characters`)
  .regex(/^[A-Za-z0-9]/, 'Start with a letter or digit')
  .regex(/^[A-Za-z0-9 ._:-]*$/, 'Use letters, digits, spaces and . _ : - only (no brackets or other symbols)')

export const CreateApiKeyInput = z.object({
  name: ApiKeyName,
  scopes: z.array(z.enum(API_SCOPES, `Unknown scope; known scopes: ${API_SCOPES.join(', ')}`)).min(1, 'Give at least one scope'),
  environment: z.enum(API_KEY_ENVIRONMENTS).default('production'),
  expiresAt: z.coerce
    .date()
    .refine((d) => d.getTime() > Date.now(), 'The expiry must be in the future')
    .optional(),
})
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInput>

/** An API key named by id (uuid) or prefix (`wr_` + 12 characters). */
export const ApiKeyRef = z.union([z.uuid(), z.string().regex(/^wr_[A-Za-z0-9_-]{12}$/)], 'Give a key id or prefix (wr_…)')

export const ChangeUserRoleInput = z.object({
  userId: z.uuid('Choose a user'),
  role: z.enum(ROLES, 'Choose one of the roles'),
})
export type ChangeUserRoleInput = z.infer<typeof ChangeUserRoleInput>
