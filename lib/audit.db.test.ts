import { describe, expect, inject, it } from 'vitest'
import { verifyAuditChain } from '@/lib/audit-verify'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '@/lib/generated/prisma/client'
import { db } from '@/lib/db'
import { recordAudit, SYSTEM_ACTOR, GENESIS_HASH } from '@/lib/audit'

describe('audit chain', () => {
  it('links each row to the one before and verifies', async () => {
    const a = await recordAudit(SYSTEM_ACTOR, { action: 'test.first', summary: { b: 2, a: [1, { z: 1, y: 2 }] } })
    const b = await recordAudit({ type: 'user', id: 'u1', label: 'x@y' }, { action: 'test.second', targetType: 'user', targetId: 'u1', count: 3 })
    const rows = await db.auditLog.findMany({ where: { id: { in: [a.id, b.id] } }, orderBy: { id: 'asc' } })
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash)
    expect(rows[0]!.hash).not.toBe(GENESIS_HASH)
    const result = await verifyAuditChain()
    expect(result.ok).toBe(true)
    expect(result.checked).toBeGreaterThanOrEqual(2)
  })

  it('keeps the chain linear under concurrent writers', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => recordAudit(SYSTEM_ACTOR, { action: 'test.concurrent', summary: { i } })))
    expect((await verifyAuditChain()).ok).toBe(true)
  })

  it('refuses updates and deletes at the database', async () => {
    const { id } = await recordAudit(SYSTEM_ACTOR, { action: 'test.immutable' })
    await expect(db.auditLog.update({ where: { id }, data: { action: 'tampered' } })).rejects.toThrow()
    await expect(db.auditLog.delete({ where: { id } })).rejects.toThrow()
  })

  it('lets the app (the runtime role) neither empty the trail nor disable its triggers', async () => {
    const app = new PrismaClient({ adapter: new PrismaPg({ connectionString: inject('runtimeDatabaseUrl') }) })
    try {
      await expect(app.$executeRawUnsafe('TRUNCATE "AuditLog"')).rejects.toThrow(/permission denied/)
      await expect(app.$executeRawUnsafe('ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only"')).rejects.toThrow(/must be owner/)
      await expect(app.$executeRawUnsafe(`UPDATE "AuditLog" SET action = 'x' WHERE false`)).rejects.toThrow(/permission denied/)
      expect(await app.auditLog.count()).toBeGreaterThan(0)
    } finally {
      await app.$disconnect()
    }
  })

  it('refuses TRUNCATE by trigger even to the owner', async () => {
    await recordAudit(SYSTEM_ACTOR, { action: 'test.truncate-target' })
    await expect(db.$executeRawUnsafe('TRUNCATE "AuditLog"')).rejects.toThrow(/AuditLog is append-only/)
  })

  it('reports the first broken link when a row is altered behind the trigger (by the owner)', async () => {
    const { id } = await recordAudit(SYSTEM_ACTOR, { action: 'test.tamper-target' })
    // Only the owner may disable a trigger: the tests' own connection is the runtime role.
    const owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: inject('ownerDatabaseUrl') }) })
    await owner.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only"')
      await tx.$executeRaw`UPDATE "AuditLog" SET "action" = 'test.tampered' WHERE id = ${id}`
      const result = await verifyAuditChain({ client: tx, batchSize: 3 })
      expect(result.ok).toBe(false)
      expect(result.brokenAt).toEqual({ id: id.toString(), reason: 'row content does not match its hash', kind: 'content' })
      // Undo inside the transaction so later tests see an intact chain.
      throw new Error('rollback')
    }).catch((e: Error) => {
      if (e.message !== 'rollback') throw e
    }).finally(() => owner.$disconnect())
    expect((await verifyAuditChain()).ok).toBe(true)
  })
})

