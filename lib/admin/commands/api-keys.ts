/**
 * The write layer of API key administration, for the admin pages and the CLI (`apikey:manage`). The key is
 * returned once, in clear, from createApiKey; only its SHA-256 is stored. Audit summaries name the key and
 * its scopes, never the secret. Inputs arrive validated (CreateApiKeyInput, an ApiKeyRef).
 */
import type { Prisma } from '@/lib/db'
import { recordAudit } from '@/lib/audit'
import { inTransaction } from '@/lib/tx'
import { conflict, notFound } from '@/lib/errors'
import { authorize, type Actor } from '@/lib/auth/actor'
import { clearApiKeyCache, generateApiKey } from '@/lib/auth/api-keys'
import { adminApiKeySelect, type AdminApiKey } from '../selects'
import type { CreateApiKeyInput } from '../schema'

export interface CreatedApiKey {
  /** The whole key, shown once. */
  key: string
  row: AdminApiKey
}

/** Creates a key. Names are unique among keys that are not revoked, so a key can be told apart in lists. */
export async function createApiKey(actor: Actor, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  authorize(actor, 'apikey:manage')
  const scopes = [...new Set(input.scopes)]
  const { key, prefix, hash } = generateApiKey()
  const row = await inTransaction(async (tx) => {
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
 * Revokes a key by a validated ApiKeyRef (id or prefix). Other instances honour it within the key cache's
 * lifetime (seconds); this process drops its cache once the revocation has committed.
 */
export async function revokeApiKey(actor: Actor, ref: string): Promise<RevokedApiKey> {
  authorize(actor, 'apikey:manage')
  const where: Prisma.ApiKeyWhereUniqueInput = ref.startsWith('wr_') ? { prefix: ref } : { id: ref }
  return inTransaction(
    async (tx) => {
      const key = await tx.apiKey.findUnique({ where, select: adminApiKeySelect })
      if (!key) throw notFound(`No API key ${ref}`)
      if (key.revokedAt) return { row: key, changed: false }
      const row = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() }, select: adminApiKeySelect })
      await recordAudit(actor, { action: 'apikey.revoke', targetType: 'apikey', targetId: key.id, summary: { name: key.name, prefix: key.prefix } }, tx)
      return { row, changed: true }
    },
    { afterCommit: clearApiKeyCache },
  )
}
