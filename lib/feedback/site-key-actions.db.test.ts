/** The site key forms: the secret returned once, origins refused with the entry named, revoke; admins only. */
import { beforeAll, describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.WARDROOM_SECRET = 'test-wardroom-secret-0123456789abcdef'
})
// revalidatePath needs a Next request; outside one it throws.
vi.mock('next/cache', () => ({ revalidatePath: () => {} }))

import { db } from '@/lib/db'
import type { SessionUser } from '@/lib/auth/session'
import { createUser, uid } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { createSiteKeyAction, revokeSiteKeyAction } from './site-key-actions'

let admin: SessionUser
beforeAll(async () => {
  admin = await createUser('admin')
})

describe('site key actions', () => {
  it('create from the form (origins one per line), return the secret once, then revoke', async () => {
    signInAs(admin)
    const name = uid('EHR ward view')
    const created = await createSiteKeyAction({ name, origins: 'https://ehr.example.org\nhttps://*.wards.example.org\n' })
    expect(created).toMatchObject({ ok: true, status: 201, data: { name, publicId: expect.stringMatching(/^wk_/), secret: expect.stringMatching(/^wks_/) } })
    const row = await db.feedbackSiteKey.findUniqueOrThrow({ where: { publicId: created.data!.publicId } })
    expect(row.allowedOrigins).toEqual(['https://ehr.example.org', 'https://*.wards.example.org'])
    expect(row.createdById).toBe(admin.id)
    expect(row.createdByLabel).toBe(admin.email)

    const revoked = await revokeSiteKeyAction({ siteKeyId: row.id })
    expect(revoked).toMatchObject({ ok: true, message: `Site key ${name} was revoked; its widgets can no longer send feedback.` })
    expect((await revokeSiteKeyAction({ siteKeyId: row.id })).message).toBe(`Site key ${name} was already revoked.`)
    signOut()
  })

  it('name the origin that is wrong and why, and refuse a missing key id', async () => {
    signInAs(admin)
    const bad = await createSiteKeyAction({ name: uid('x'), origins: 'https://ok.example.org\nehr.example.org/app' })
    expect(bad).toMatchObject({ ok: false, status: 422 })
    expect(bad.fieldErrors?.origins?.[0]).toBe('ehr.example.org/app: Start with http:// or https://')
    expect((await createSiteKeyAction({ name: uid('x'), origins: '' })).fieldErrors?.origins?.[0]).toMatch(/at least one origin/)
    expect((await revokeSiteKeyAction({ siteKeyId: 'nope' })).status).toBe(422)
    signOut()
  })

  it('are refused to a product manager (apikey:manage is the administrator’s)', async () => {
    signInAs(await createUser('pm'))
    expect((await createSiteKeyAction({ name: uid('x'), origins: 'https://a.example.org' })).status).toBe(403)
    signOut()
  })
})
