/**
 * The write layer of user administration, for the admin pages and the CLI: create, disable, enable, reset a
 * password, change a role. Each command authorises (`user:manage`; the CLI acts as the system, being run by
 * the OS user who can reach the database), takes input its caller validated (CreateUserInput,
 * ChangeUserRoleInput, a UserRef), and writes with its audit row in one transaction. Audit summaries carry
 * e-mail, roles and flags only, never passwords.
 */
import { Prisma } from '@/lib/db'
import { changeSummary, recordAudit } from '@/lib/audit'
import { inTransaction, type Tx } from '@/lib/tx'
import { conflict, notFound, prismaCode } from '@/lib/errors'
import { authorize, type Actor } from '@/lib/auth/actor'
import { generatePassword, hashPassword } from '@/lib/auth/password'
import { bumpSessionVersion } from '@/lib/auth/session-version'
import { adminUserSelect, type AdminUser } from '../selects'
import type { ChangeUserRoleInput, CreateUserInput } from '../schema'

export interface CreatedUser {
  user: AdminUser
  /** Present when no password was given: show it once, it is not stored in clear anywhere. */
  generatedPassword?: string
}

export interface UserStatusChange {
  user: AdminUser
  /** False when nothing changed (nothing written, nothing audited). */
  changed: boolean
}

const nameFromEmail = (email: string) => email.split('@')[0]!
const emailTaken = (email: string) => conflict(`A user with the e-mail ${email} already exists`, { email: ['Already in use'] })

export async function createUser(actor: Actor, input: CreateUserInput): Promise<CreatedUser> {
  authorize(actor, 'user:manage')
  const generatedPassword = input.password ? undefined : generatePassword()
  // Hashing takes a few hundred milliseconds: do it before the transaction, not inside it.
  const passwordHash = await hashPassword(input.password ?? generatedPassword!)
  try {
    const user = await inTransaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw emailTaken(input.email)
      const created = await tx.user.create({
        data: { email: input.email, name: input.name ?? nameFromEmail(input.email), role: input.role, passwordHash },
        select: adminUserSelect,
      })
      await recordAudit(
        actor,
        { action: 'user.create', targetType: 'user', targetId: created.id, summary: { email: created.email, role: created.role, generatedPassword: !input.password } },
        tx,
      )
      return created
    })
    return generatedPassword ? { user, generatedPassword } : { user }
  } catch (err) {
    // Another request created the same e-mail between the check and the insert.
    if (prismaCode(err) === 'P2002') throw emailTaken(input.email)
    throw err
  }
}

/** A validated UserRef (uuid or e-mail) as a unique lookup. */
function whereRef(ref: string): Prisma.UserWhereUniqueInput {
  return ref.includes('@') ? { email: ref } : { id: ref }
}

async function findUser(tx: Tx, ref: string, missing = `No user ${ref}`): Promise<AdminUser> {
  const user = await tx.user.findUnique({ where: whereRef(ref), select: adminUserSelect })
  if (!user) throw notFound(missing)
  return user
}

/** Refuses (409) when `user` is the last active administrator, with the active administrators locked. */
async function keepOneAdmin(tx: Tx, message: string): Promise<void> {
  // Lock the active administrators so two concurrent changes cannot both pass the count.
  await tx.$queryRaw`SELECT id FROM "User" WHERE role = 'admin' AND "disabledAt" IS NULL FOR UPDATE`
  const admins = await tx.user.count({ where: { role: 'admin', disabledAt: null } })
  if (admins <= 1) throw conflict(message)
}

/**
 * Disables an account: its sessions end on their next request (the session version is raised, and the
 * session re-reads the user). Refuses to disable the actor's own account or the last active
 * administrator, which would lock everyone out.
 */
export async function disableUser(actor: Actor, ref: string): Promise<UserStatusChange> {
  authorize(actor, 'user:manage')
  return inTransaction(async (tx) => {
    const user = await findUser(tx, ref)
    if (user.disabledAt) return { user, changed: false }
    if (actor.type === 'user' && actor.id === user.id) throw conflict('You cannot disable your own account')
    if (user.role === 'admin') await keepOneAdmin(tx, 'This is the last active administrator; create or enable another one first')
    const updated = await tx.user.update({ where: { id: user.id }, data: { disabledAt: new Date() }, select: adminUserSelect })
    await bumpSessionVersion(tx, user.id)
    await recordAudit(actor, { action: 'user.disable', targetType: 'user', targetId: user.id, summary: { email: user.email, role: user.role } }, tx)
    return { user: updated, changed: true }
  })
}

/** Re-enables a disabled account (idempotent like disableUser). */
export async function enableUser(actor: Actor, ref: string): Promise<UserStatusChange> {
  authorize(actor, 'user:manage')
  return inTransaction(async (tx) => {
    const user = await findUser(tx, ref)
    if (!user.disabledAt) return { user, changed: false }
    const updated = await tx.user.update({ where: { id: user.id }, data: { disabledAt: null }, select: adminUserSelect })
    await recordAudit(actor, { action: 'user.enable', targetType: 'user', targetId: user.id, summary: { email: user.email, role: user.role } }, tx)
    return { user: updated, changed: true }
  })
}

/**
 * Sets a new generated password (returned once) for an account whose password was lost. Audited without
 * the password. Sessions already open end on their next request (the session version is raised).
 */
export async function resetUserPassword(actor: Actor, ref: string): Promise<{ user: AdminUser; password: string }> {
  authorize(actor, 'user:manage')
  const password = generatePassword()
  const passwordHash = await hashPassword(password)
  return inTransaction(async (tx) => {
    const user = await findUser(tx, ref)
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } })
    await bumpSessionVersion(tx, user.id)
    await recordAudit(actor, { action: 'user.password_reset', targetType: 'user', targetId: user.id, summary: { email: user.email } }, tx)
    return { user, password }
  })
}

/**
 * Changes a user's role; `changed: false` (nothing written, nothing audited) when they already have it.
 * Refuses changing one's own role (an administrator cannot lock themself out by accident) and demoting the
 * last active administrator. The audit summary holds the e-mail and the roles only.
 */
export async function updateUserRole(actor: Actor, input: ChangeUserRoleInput): Promise<UserStatusChange> {
  authorize(actor, 'user:manage')
  return inTransaction(async (tx) => {
    const user = await findUser(tx, input.userId, 'This user does not exist')
    if (user.role === input.role) return { user, changed: false }
    if (actor.type === 'user' && actor.id === user.id) {
      throw conflict('You cannot change your own role; ask another administrator', { role: ['You cannot change your own role'] })
    }
    if (user.role === 'admin' && !user.disabledAt) await keepOneAdmin(tx, 'This is the last active administrator; make someone else an administrator first')
    const updated = await tx.user.update({ where: { id: user.id }, data: { role: input.role }, select: adminUserSelect })
    // Sessions opened under the old role end: the user signs in again and sees the new role's cockpit.
    await bumpSessionVersion(tx, user.id)
    await recordAudit(
      actor,
      { action: 'user.role.change', targetType: 'user', targetId: user.id, summary: { email: user.email, ...changeSummary(user, updated, ['role']) } },
      tx,
    )
    return { user: updated, changed: true }
  })
}
