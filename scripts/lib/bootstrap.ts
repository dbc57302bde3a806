/**
 * The first administrator: WARDROOM_ADMIN_EMAIL / WARDROOM_ADMIN_PASSWORD (created when that account does
 * not exist yet), or, while no administrator exists at all, admin@wardroom.local with a generated password
 * printed once to the console.
 */
import { db } from '../../lib/db'
import { env } from '../../lib/env'
import { recordAudit, SYSTEM_ACTOR } from '../../lib/audit'
import { inTransaction } from '@/lib/tx'
import { generatePassword, hashPassword } from '../../lib/auth/password'

export async function ensureBootstrapAdmin(print: (m: string) => void): Promise<void> {
  const named = env.WARDROOM_ADMIN_EMAIL?.toLowerCase()
  if (named) {
    // The administrator named in the environment exists (created once; never overwritten on later starts).
    if (await db.user.findUnique({ where: { email: named }, select: { id: true } })) return
  } else {
    const admins = await db.user.count({ where: { role: 'admin', disabledAt: null } })
    if (admins > 0) return
  }
  const email = named ?? 'admin@wardroom.local'
  const generated = !env.WARDROOM_ADMIN_PASSWORD
  const password = env.WARDROOM_ADMIN_PASSWORD ?? generatePassword()
  const passwordHash = await hashPassword(password)
  await inTransaction(async (tx) => {
    const user = await tx.user.upsert({
      where: { email },
      create: { email, name: 'Administrator', role: 'admin', passwordHash },
      // Only reached for the default account when no administrator is left: restore it.
      update: { role: 'admin', disabledAt: null, passwordHash },
    })
    await recordAudit(SYSTEM_ACTOR, { action: 'user.bootstrap_admin', targetType: 'user', targetId: user.id, summary: { email, generatedPassword: generated } }, tx)
  })
  if (generated) {
    print('')
    print('  ┌─ Wardroom administrator created ─────────────────────────────')
    print(`  │  email:    ${email}`)
    print(`  │  password: ${password}`)
    print('  │  This password is shown once. Change it after signing in, or set')
    print('  │  WARDROOM_ADMIN_EMAIL / WARDROOM_ADMIN_PASSWORD before first start.')
    print('  └──────────────────────────────────────────────────────────────')
    print('')
  } else {
    print(`created administrator ${email} from WARDROOM_ADMIN_EMAIL / WARDROOM_ADMIN_PASSWORD`)
  }
}
