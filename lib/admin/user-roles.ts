/**
 * Changing a user's role: validate → write → audit in one transaction, beside createUser/disableUser in
 * users.ts. Refuses changing one's own role (an administrator cannot lock themself out by accident) and
 * demoting the last active administrator. The audit summary holds the e-mail and the roles only.
 */
import { z } from 'zod'
import { db } from '../db'
import { changeSummary, recordAudit, type Actor } from '../audit'
import { ROLES } from '../rbac'
import { conflict, notFound, parseOrThrow } from '@/lib/errors'
import { bumpSessionVersion } from '../auth/session-version'
import { adminUserSelect, type UserStatusChange } from './users'

export const ChangeUserRoleInput = z.object({
  userId: z.uuid('Choose a user'),
  role: z.enum(ROLES, 'Choose one of the roles'),
})
export type ChangeUserRoleInput = z.infer<typeof ChangeUserRoleInput>

/** Returns `changed: false` (nothing written, nothing audited) when the user already has the role. */
export async function updateUserRole(raw: z.input<typeof ChangeUserRoleInput>, actor: Actor): Promise<UserStatusChange> {
  const input = parseOrThrow(ChangeUserRoleInput, raw)
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: adminUserSelect })
    if (!user) throw notFound('This user does not exist')
    if (user.role === input.role) return { user, changed: false }
    if (actor.type === 'user' && actor.id === user.id) {
      throw conflict('You cannot change your own role; ask another administrator', { role: ['You cannot change your own role'] })
    }
    if (user.role === 'admin' && !user.disabledAt) {
      // Lock the active administrators so two concurrent demotions cannot both pass the count.
      await tx.$queryRaw`SELECT id FROM "User" WHERE role = 'admin' AND "disabledAt" IS NULL FOR UPDATE`
      const admins = await tx.user.count({ where: { role: 'admin', disabledAt: null } })
      if (admins <= 1) throw conflict('This is the last active administrator; make someone else an administrator first')
    }
    const updated = await tx.user.update({ where: { id: user.id }, data: { role: input.role }, select: adminUserSelect })
    // Sessions opened under the old role end: the user signs in again and sees the new role's cockpit.
    await bumpSessionVersion(tx, user.id)
    await recordAudit(
      actor,
      {
        action: 'user.role.change',
        targetType: 'user',
        targetId: user.id,
        summary: { email: user.email, ...changeSummary(user, updated, ['role']) },
      },
      tx,
    )
    return { user: updated, changed: true }
  })
}
