/**
 * The columns the admin pages and the admin commands return of users and API keys: never a password or key
 * hash. Not server-only, so the CLI (plain Node) can load the commands that use them.
 */
import type { Prisma } from '../db'

/** What the admin pages and the commands return of a user: never the password hash. */
export const adminUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabledAt: true,
  lastLoginAt: true,
  createdAt: true,
} satisfies Prisma.UserSelect
export type AdminUser = Prisma.UserGetPayload<{ select: typeof adminUserSelect }>

/** What the admin pages and the commands return of an API key: never its hash. */
export const adminApiKeySelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  environment: true,
  createdById: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  expiresAt: true,
} satisfies Prisma.ApiKeySelect
export type AdminApiKey = Prisma.ApiKeyGetPayload<{ select: typeof adminApiKeySelect }>
