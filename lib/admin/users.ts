/**
 * User administration shared by the CLI and the admin pages: validate → write → audit in one transaction.
 * Callers authorise (the CLI runs as the OS user who can reach the database; pages use `user:manage`).
 * Audit summaries carry roles and flags only, never passwords.
 */
import type { z } from 'zod'
import { db, Prisma } from '../db'
import { recordAudit, type Actor } from '../audit'
import { generatePassword, hashPassword } from '../auth/password'
import { bumpSessionVersion } from '../auth/session-version'
import { conflict, notFound, parseOrThrow, prismaCode } from '@/lib/errors'
import { CreateUserInput, UserRef } from './schema'

export const adminUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabledAt: true,
  lastLoginAt: true,
  createdAt: true,
} satisfies Prisma.UserSelect
export type AdminUser = Prisma.UserGetPayload<{ select: typeof adminUserSelect }>

export interface CreatedUser {
  user: AdminUser
  /** Present when no password was given: show it once, it is not stored in clear anywhere. */
  generatedPassword?: string
}

const nameFromEmail = (email: string) => email.split('@')[0]!

export async function createUser(raw: z.input<typeof CreateUserInput>, actor: Actor): Promise<CreatedUser> {
  const input = parseOrThrow(CreateUserInput, raw)
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw conflict(`A user with the e-mail ${input.email} already exists`, { email: ['Already in use'] })
  }
  const generatedPassword = input.password ? undefined : generatePassword()
  // Hashing takes a few hundred milliseconds: do it before the transaction, not inside it.
  const passwordHash = await hashPassword(input.password ?? generatedPassword!)
  try {
    const user = await db.$transaction(async (tx) => {
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
    if (prismaCode(err) === 'P2002') throw conflict(`A user with the e-mail ${input.email} already exists`, { email: ['Already in use'] })
    throw err
  }
}

function whereRef(ref: string): Prisma.UserWhereUniqueInput {
  const parsed = parseOrThrow(UserRef, ref)
  return parsed.includes('@') ? { email: parsed } : { id: parsed }
}

export interface UserStatusChange {
  user: AdminUser
  /** False when the account was already disabled (nothing written, nothing audited). */
  changed: boolean
}

/**
 * Disables an account: its sessions end on their next request (the session version is raised, and the
 * session re-reads the user). Refuses to
 * disable the actor's own account or the last active administrator, which would lock everyone out.
 */
export async function disableUser(ref: string, actor: Actor): Promise<UserStatusChange> {
  const where = whereRef(ref)
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where, select: adminUserSelect })
    if (!user) throw notFound(`No user ${ref}`)
    if (user.disabledAt) return { user, changed: false }
    if (actor.type === 'user' && actor.id === user.id) throw conflict('You cannot disable your own account')
    if (user.role === 'admin') {
      // Lock the active administrators so two concurrent disables cannot both pass the count.
      await tx.$queryRaw`SELECT id FROM "User" WHERE role = 'admin' AND "disabledAt" IS NULL FOR UPDATE`
      const admins = await tx.user.count({ where: { role: 'admin', disabledAt: null } })
      if (admins <= 1) throw conflict('This is the last active administrator; create or enable another one first')
    }
    const updated = await tx.user.update({ where: { id: user.id }, data: { disabledAt: new Date() }, select: adminUserSelect })
    await bumpSessionVersion(tx, user.id)
    await recordAudit(actor, { action: 'user.disable', targetType: 'user', targetId: user.id, summary: { email: user.email, role: user.role } }, tx)
    return { user: updated, changed: true }
  })
}

/** Re-enables a disabled account (idempotent like disableUser). */
export async function enableUser(ref: string, actor: Actor): Promise<UserStatusChange> {
  const where = whereRef(ref)
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where, select: adminUserSelect })
    if (!user) throw notFound(`No user ${ref}`)
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
export async function resetUserPassword(ref: string, actor: Actor): Promise<{ user: AdminUser; password: string }> {
  const where = whereRef(ref)
  const password = generatePassword()
  const passwordHash = await hashPassword(password)
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where, select: adminUserSelect })
    if (!user) throw notFound(`No user ${ref}`)
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } })
    await bumpSessionVersion(tx, user.id)
    await recordAudit(actor, { action: 'user.password_reset', targetType: 'user', targetId: user.id, summary: { email: user.email } }, tx)
    return { user, password }
  })
}
