import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import type { Actor } from '@/lib/audit'
import { clearApiKeyCache, hashApiKey, verifyApiKey } from '@/lib/auth/api-keys'
import { createUser as createTestUser, uid } from '@/test/factories'
import { createApiKey, revokeApiKey } from './api-keys'

const actor: Actor = { type: 'system', id: null, label: 'cli:test' }

describe('createApiKey', () => {
  it('returns the key once, stores only its hash, and audits without the secret', async () => {
    const name = uid('ingest')
    const { key, row } = await createApiKey({ name, scopes: ['alerts:write', 'read', 'read'], environment: 'staging' }, actor)
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
    const { row } = await createApiKey({ name: uid('k'), scopes: ['read'], expiresAt }, { type: 'user', id: admin.id, label: admin.email })
    expect(row.createdById).toBe(admin.id)
    expect(row.expiresAt?.getTime()).toBe(expiresAt.getTime())
  })

  it('answers a duplicate active name with a conflict, and allows it again after revocation', async () => {
    const name = uid('dup')
    const first = await createApiKey({ name, scopes: ['read'] }, actor)
    await expect(createApiKey({ name, scopes: ['read'] }, actor)).rejects.toMatchObject({ status: 409, code: 'conflict' })
    await revokeApiKey(first.row.id, actor)
    await expect(createApiKey({ name, scopes: ['read'] }, actor)).resolves.toMatchObject({ row: { name } })
  })

  it('rejects unknown scopes, no scopes and past expiries with 422', async () => {
    await expect(createApiKey({ name: uid('k'), scopes: ['root' as 'read'] }, actor)).rejects.toMatchObject({ status: 422 })
    await expect(createApiKey({ name: uid('k'), scopes: [] }, actor)).rejects.toMatchObject({ status: 422 })
    await expect(createApiKey({ name: uid('k'), scopes: ['read'], expiresAt: new Date(Date.now() - 1000) }, actor)).rejects.toMatchObject({ status: 422 })
  })
})

describe('revokeApiKey', () => {
  it('revokes by prefix at once in this process, audits once, and is idempotent by id', async () => {
    const { key, row } = await createApiKey({ name: uid('rev'), scopes: ['sli:write'] }, actor)
    expect(await verifyApiKey(key)).not.toBeNull()
    const first = await revokeApiKey(row.prefix, actor)
    expect(first.changed).toBe(true)
    expect(first.row.revokedAt).toBeInstanceOf(Date)
    expect(await verifyApiKey(key)).toBeNull()
    expect((await revokeApiKey(row.id, actor)).changed).toBe(false)
    expect(await db.auditLog.count({ where: { action: 'apikey.revoke', targetId: row.id } })).toBe(1)
    clearApiKeyCache()
  })

  it('answers an unknown key with 404 and a malformed reference with 422', async () => {
    await expect(revokeApiKey('00000000-0000-4000-8000-000000000000', actor)).rejects.toMatchObject({ status: 404 })
    await expect(revokeApiKey('wr_AAAAAAAAAAAA', actor)).rejects.toMatchObject({ status: 404 })
    await expect(revokeApiKey('nonsense', actor)).rejects.toMatchObject({ status: 422 })
  })
})
