/** Site key commands: apikey:manage only, origins validated, the secret sealed and shown once, audited without it. */
import { beforeAll, describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.WARDROOM_SECRET = 'test-wardroom-secret-0123456789abcdef'
})

import { actorOfUser, systemActor, type Actor } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import { createUser, uid } from '@/test/factories'
import { openSecret } from './secret-box'
import { clearSiteKeyCache, createSiteKey, listSiteKeys, resolveSiteKey, revokeSiteKey } from './site-keys'

let admin: Actor
let pm: Actor
beforeAll(async () => {
  admin = actorOfUser(await createUser('admin'))
  pm = actorOfUser(await createUser('pm'))
})

describe('createSiteKey', () => {
  it('stores normalised origins and the sealed secret, returns the secret once and audits without it', async () => {
    const { row, secret } = await createSiteKey(admin, { name: uid('EHR ward app'), origins: 'https://EHR.example.org/\nhttp://localhost:8080, https://*.wards.example.net' as never })
    expect(row.publicId).toMatch(/^wk_[A-Za-z0-9_-]{16}$/)
    expect(secret).toMatch(/^wks_[A-Za-z0-9_-]{43}$/)
    expect(row.allowedOrigins).toEqual(['https://ehr.example.org', 'http://localhost:8080', 'https://*.wards.example.net'])
    const stored = await db.feedbackSiteKey.findUniqueOrThrow({ where: { id: row.id } })
    expect(stored.secretEncrypted).not.toContain(secret.slice(4))
    expect(openSecret(stored.secretEncrypted, row.publicId)).toBe(secret)
    // Bound to its row: the sealed value does not open under another key's id.
    expect(openSecret(stored.secretEncrypted, 'wk_AAAAAAAAAAAAAAAA')).toBeNull()
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: row.id, action: 'feedback_site_key.create' } })
    expect(JSON.stringify(audit.summary)).not.toContain(secret.slice(4))
    expect(audit.summary).toMatchObject({ publicId: row.publicId, origins: row.allowedOrigins })
    expect((await listSiteKeys()).map((k) => k.id)).toContain(row.id)
    expect(Object.keys((await listSiteKeys())[0]!)).not.toContain('secretEncrypted')
  })

  it('refuses bad origins with the entry named, a name in use, and anyone without apikey:manage', async () => {
    await expect(createSiteKey(admin, { name: uid('x'), origins: ['https://ehr.example.org/app'] })).rejects.toMatchObject({ status: 422 })
    await expect(createSiteKey(admin, { name: uid('x'), origins: [] })).rejects.toMatchObject({ status: 422 })
    const name = uid('dup')
    await createSiteKey(admin, { name, origins: ['https://a.example.org'] })
    await expect(createSiteKey(admin, { name, origins: ['https://a.example.org'] })).rejects.toMatchObject({ status: 409 })
    await expect(createSiteKey(pm, { name: uid('x'), origins: ['https://a.example.org'] })).rejects.toMatchObject({ status: 403 })
  })
})

describe('revokeSiteKey and resolveSiteKey', () => {
  it('resolves an active key with its secret, and not once revoked (audited once)', async () => {
    const { row, secret } = await createSiteKey(systemActor('test'), { name: uid('k'), origins: ['https://a.example.org'] })
    expect(await resolveSiteKey(row.publicId)).toMatchObject({ id: row.id, secret, allowedOrigins: ['https://a.example.org'] })
    await expect(revokeSiteKey(pm, row.id)).rejects.toMatchObject({ status: 403 })
    expect((await revokeSiteKey(admin, row.id)).changed).toBe(true)
    expect((await revokeSiteKey(admin, row.id)).changed).toBe(false)
    expect(await resolveSiteKey(row.publicId)).toBeNull()
    expect(await db.auditLog.count({ where: { targetId: row.id, action: 'feedback_site_key.revoke' } })).toBe(1)
    await expect(revokeSiteKey(admin, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ status: 404 })
    clearSiteKeyCache()
    expect(await resolveSiteKey('wk_bad')).toBeNull()
  })
})
