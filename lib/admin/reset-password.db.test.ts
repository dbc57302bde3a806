import { describe, expect, it, vi } from 'vitest'
import { db } from '@/lib/db'
import { verifyPassword } from '@/lib/auth/password'
import { resetPasswordAction } from '@/lib/admin/actions'
import { createUser } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'

vi.mock('next/cache', () => ({ revalidatePath: () => {} }))

describe('password reset', () => {
  it('sets a new password that works, shown once and never audited', async () => {
    const admin = await createUser('admin')
    const target = await createUser('ops')
    signInAs(admin)
    const r = await resetPasswordAction({ userId: target.id })
    signOut()
    expect(r.ok).toBe(true)
    const password = r.data!.password
    const row = await db.user.findUniqueOrThrow({ where: { id: target.id } })
    expect(await verifyPassword(password, row.passwordHash)).toBe(true)
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'user.password_reset', targetId: target.id } })
    expect(audit.actorId).toBe(admin.id)
    expect(JSON.stringify(audit.summary)).not.toContain(password)
  })

  it('refuses other roles and unknown users', async () => {
    signInAs(await createUser('ops'))
    expect((await resetPasswordAction({ userId: (await createUser('viewer')).id })).status).toBe(403)
    signInAs(await createUser('admin'))
    expect((await resetPasswordAction({ userId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404)
    expect((await resetPasswordAction({ userId: 'nope' })).status).toBe(422)
    signOut()
  })
})
