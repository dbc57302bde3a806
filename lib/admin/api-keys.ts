/**
 * API key administration shared by the CLI and the admin pages. The key is returned once, in clear, from
 * createApiKey; only its SHA-256 is stored. Audit summaries name the key and its scopes, never the secret.
 */
import type { z } from 'zod'
import { db, Prisma } from '../db'
import { recordAudit, type Actor } from '../audit'
import { clearApiKeyCache, generateApiKey } from '../auth/api-keys'
import { conflict, notFound, parseOrThrow } from '@/lib/errors'
import { ApiKeyRef, CreateApiKeyInput } from './schema'

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

export interface CreatedApiKey {
  /** The whole key, shown once. */
  key: string
  row: AdminApiKey
}

/** Creates a key. Names are unique among keys that are not revoked, so a key can be told apart in lists. */
export async function createApiKey(raw: z.input<typeof CreateApiKeyInput>, actor: Actor): Promise<CreatedApiKey> {
  const input = parseOrThrow(CreateApiKeyInput, raw)
  const scopes = [...new Set(input.scopes)]
  const { key, prefix, hash } = generateApiKey()
  const row = await db.$transaction(async (tx) => {
    const clash = await tx.apiKey.findFirst({ where: { name: input.name, revokedAt: null }, select: { id: true } })
    if (clash) throw conflict(`An active API key named ${input.name} already exists`, { name: ['Already in use'] })
    const created = await tx.apiKey.create({
      data: {
        name: input.name,
        prefix,
        hash,
        scopes,
        environment: input.environment,
        expiresAt: input.expiresAt ?? null,
        createdById: actor.type === 'user' ? actor.id : null,
      },
      select: adminApiKeySelect,
    })
    await recordAudit(
      actor,
      {
        action: 'apikey.create',
        targetType: 'apikey',
        targetId: created.id,
        summary: { name: created.name, prefix, scopes, environment: created.environment, expiresAt: created.expiresAt?.toISOString() ?? null },
      },
      tx,
    )
    return created
  })
  return { key, row }
}

export interface RevokedApiKey {
  row: AdminApiKey
  /** False when the key was already revoked (nothing written, nothing audited). */
  changed: boolean
}

/**
 * Revokes a key by id or prefix. Other instances honour it within the key cache's lifetime (seconds);
 * this process drops its cache at once.
 */
export async function revokeApiKey(ref: string, actor: Actor): Promise<RevokedApiKey> {
  const parsed = parseOrThrow(ApiKeyRef, ref)
  const where: Prisma.ApiKeyWhereUniqueInput = parsed.startsWith('wr_') ? { prefix: parsed } : { id: parsed }
  const result = await db.$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({ where, select: adminApiKeySelect })
    if (!key) throw notFound(`No API key ${ref}`)
    if (key.revokedAt) return { row: key, changed: false }
    const row = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() }, select: adminApiKeySelect })
    await recordAudit(actor, { action: 'apikey.revoke', targetType: 'apikey', targetId: key.id, summary: { name: key.name, prefix: key.prefix } }, tx)
    return { row, changed: true }
  })
  clearApiKeyCache()
  return result
}
