import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { actorOfUser, systemActor, type Actor } from '@/lib/auth/actor'
import { parseOrThrow } from '@/lib/errors'
import { clearApiKeyCache, hashApiKey, verifyApiKey } from '@/lib/auth/api-keys'
import { createUser as createTestUser, uid } from '@/test/factories'
import { ApiKeyRef, CreateApiKeyInput } from '../schema'
import { createApiKey, revokeApiKey } from './api-keys'

const actor = systemActor('cli:test')
// The callers' boundary (CLI, actions): validate, then run the command.
const create = async (raw: unknown, as: Actor = actor) => createApiKey(as, parseOrThrow(CreateApiKeyInput, raw))
const revoke = async (ref: string) => revokeApiKey(actor, parseOrThrow(ApiKeyRef, ref))

describe('createApiKey', () => {
  it('returns the key once, stores only its hash, and audits without the secret', async () => {
    const name = uid('ingest')
    const { key, row } = await create({ name, scopes: ['alerts:write', 'read', 'read'], environment: 'staging' })
    expect(row).toMatchObject({ name, scopes: ['alerts:write', 'read'], environment: 'staging', revokedAt: null, createdById: null })
    expect(key.startsWith(`${row.prefix}_`)).toBe(true)
    const stored = await db.apiKey.findUniqueOrThrow({ where: { id: row.id } })
    expect(stored.hash).toBe(hashApiKey(key))
    expect(await verifyApiKey(key)).toMatchObject({ id: row.id, scopes: ['alerts:write', 'read'], environment: 'staging' })
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'apikey.create', targetId: row.id } })
    expect(audit.actorLabel).toBe('cli:test')
    expect(JSON.stringify(audit.summary)).not.toContain(key.slice(row.prefix.length + 1))
  })

  it('records the creating user and an expiry', async () => {
    const admin = await createTestUser('admin')
    const expiresAt = new Date(Date.now() + 86_400_000)
    const { row } = await create({ name: uid('k'), scopes: ['read'], expiresAt }, actorOfUser(admin))
    expect(row.createdById).toBe(admin.id)
    expect(row.expiresAt?.getTime()).toBe(expiresAt.getTime())
  })

  it('answers a duplicate active name with a conflict, and allows it again after revocation', async () => {
    const name = uid('dup')
    const first = await create({ name, scopes: ['read'] })
    await expect(create({ name, scopes: ['read'] })).rejects.toMatchObject({ status: 409, code: 'conflict' })
    await revoke(first.row.id)
    await expect(create({ name, scopes: ['read'] })).resolves.toMatchObject({ row: { name } })
  })

  it('rejects unknown scopes, no scopes and past expiries with 422', async () => {
    await expect(create({ name: uid('k'), scopes: ['root' as 'read'] })).rejects.toMatchObject({ status: 422 })
    await expect(create({ name: uid('k'), scopes: [] })).rejects.toMatchObject({ status: 422 })
    await expect(create({ name: uid('k'), scopes: ['read'], expiresAt: new Date(Date.now() - 1000) })).rejects.toMatchObject({ status: 422 })
  })
})

describe('revokeApiKey', () => {
  it('revokes by prefix at once in this process, audits once, and is idempotent by id', async () => {
    const { key, row } = await create({ name: uid('rev'), scopes: ['sli:write'] })
    expect(await verifyApiKey(key)).not.toBeNull()
    const first = await revoke(row.prefix)
    expect(first.changed).toBe(true)
    expect(first.row.revokedAt).toBeInstanceOf(Date)
    expect(await verifyApiKey(key)).toBeNull()
    expect((await revoke(row.id)).changed).toBe(false)
    expect(await db.auditLog.count({ where: { action: 'apikey.revoke', targetId: row.id } })).toBe(1)
    clearApiKeyCache()
  })

  it('answers an unknown key with 404 and a malformed reference with 422', async () => {
    await expect(revoke('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ status: 404 })
    await expect(revoke('wr_AAAAAAAAAAAA')).rejects.toMatchObject({ status: 404 })
    await expect(revoke('nonsense')).rejects.toMatchObject({ status: 422 })
  })
})
