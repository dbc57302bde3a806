import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { recordAudit, type AuditActor as Actor } from '@/lib/audit'
import { createApiKey, createUser, uid } from '@/test/factories'
import { parseAuditSearchParams } from './audit-filter'
import { apiKeyStatus, getAdminSummary, listApiKeys, listAuditActions, listAuditLog, listAuditTargetTypes, listUsers } from './queries'

const actor = (label: string): Actor => ({ type: 'user', id: null, label })

describe('listAuditLog', () => {
  it('pages newest first by cursor without gaps or repeats', async () => {
    const action = `test.${uid('page')}`
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await recordAudit(actor('pager@x'), { action, summary: { i } })).id.toString())
    const seen: string[] = []
    let cursor: string | undefined
    const sizes: number[] = []
    do {
      const page = await listAuditLog({ action, cursor, limit: 2 })
      sizes.push(page.rows.length)
      seen.push(...page.rows.map((r) => r.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(sizes).toEqual([2, 2, 1])
    expect(seen).toEqual([...ids].reverse())
  })

  it('has no next cursor when the page is exactly full', async () => {
    const action = `test.${uid('full')}`
    for (let i = 0; i < 2; i++) await recordAudit(actor('full@x'), { action })
    const page = await listAuditLog({ action, limit: 2 })
    expect(page.rows).toHaveLength(2)
    expect(page.nextCursor).toBeUndefined()
  })

  it('filters by actor label in part, case-insensitively, and by actor id', async () => {
    const label = `${uid('Auditor')}@hospital.example`
    const action = `test.${uid('actor')}`
    await recordAudit({ type: 'user', id: 'actor-id-1', label }, { action })
    await recordAudit(actor('someone-else@x'), { action })
    const byLabel = await listAuditLog({ action, actor: label.slice(0, 14).toUpperCase() })
    expect(byLabel.rows.map((r) => r.actorLabel)).toEqual([label])
    const byId = await listAuditLog({ action, actor: 'actor-id-1' })
    expect(byId.rows.map((r) => r.actorLabel)).toEqual([label])
  })

  it('filters by target type and id', async () => {
    const targetType = uid('thing').replace('-', '_')
    await recordAudit(actor('t@x'), { action: 'test.target', targetType, targetId: 'a' })
    await recordAudit(actor('t@x'), { action: 'test.target', targetType, targetId: 'b' })
    expect((await listAuditLog({ targetType })).rows).toHaveLength(2)
    expect((await listAuditLog({ targetType, targetId: 'b' })).rows.map((r) => r.targetId)).toEqual(['b'])
  })

  it('filters by a date range of whole UTC days', async () => {
    const action = `test.${uid('day')}`
    const { id } = await recordAudit(actor('d@x'), { action })
    const at = (await db.auditLog.findUniqueOrThrow({ where: { id } })).at
    const day = (offset: number) => new Date(at.getTime() + offset * 86_400_000).toISOString().slice(0, 10)
    const query = (from: string, to: string) => listAuditLog({ ...parseAuditSearchParams({ from, to }).query, action })
    expect((await query(day(0), day(0))).rows).toHaveLength(1)
    expect((await query(day(-3), day(-1))).rows).toHaveLength(0)
    expect((await query(day(1), day(2))).rows).toHaveLength(0)
  })

  it('returns serialisable rows with the summary and count', async () => {
    const action = `test.${uid('shape')}`
    await recordAudit(actor('s@x'), { action, summary: { role: { from: 'ops', to: 'admin' } }, count: 7 })
    const [row] = (await listAuditLog({ action })).rows
    expect(row).toMatchObject({ action, count: 7, summary: { role: { from: 'ops', to: 'admin' } } })
    expect(typeof row!.id).toBe('string')
    expect(row).not.toHaveProperty('hash')
  })
})

describe('filter options', () => {
  it('lists distinct action names and target types, sorted', async () => {
    const action = `test.${uid('distinct')}`
    const targetType = uid('kind').replace('-', '_')
    await recordAudit(actor('o@x'), { action, targetType })
    await recordAudit(actor('o@x'), { action, targetType })
    const actions = await listAuditActions()
    expect(actions.filter((a) => a === action)).toHaveLength(1)
    expect(actions).toEqual([...actions].sort())
    expect((await listAuditTargetTypes()).filter((t) => t === targetType)).toHaveLength(1)
  })
})

describe('listUsers and listApiKeys', () => {
  it('lists users without password hashes', async () => {
    const u = await createUser('pm')
    const found = (await listUsers()).find((x) => x.id === u.id)
    expect(found).toMatchObject({ email: u.email, role: 'pm', disabledAt: null })
    expect(found).not.toHaveProperty('passwordHash')
  })

  it('lists keys with their status and creator, never the hash', async () => {
    const admin = await createUser('admin')
    const { id } = await createApiKey(['read'])
    await db.apiKey.update({ where: { id }, data: { createdById: admin.id } })
    const revoked = await createApiKey(['read'])
    await db.apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } })
    const keys = await listApiKeys()
    const mine = keys.find((k) => k.id === id)
    expect(mine).toMatchObject({ status: 'active', createdBy: { email: admin.email } })
    expect(keys.find((k) => k.id === revoked.id)?.status).toBe('revoked')
    expect(keys.every((k) => !('hash' in k))).toBe(true)
  })

  it('tells active, expired and revoked keys apart', () => {
    const now = new Date('2026-06-01T00:00:00Z')
    expect(apiKeyStatus({ revokedAt: null, expiresAt: null }, now)).toBe('active')
    expect(apiKeyStatus({ revokedAt: null, expiresAt: new Date('2026-07-01T00:00:00Z') }, now)).toBe('active')
    expect(apiKeyStatus({ revokedAt: null, expiresAt: now }, now)).toBe('expired')
    expect(apiKeyStatus({ revokedAt: now, expiresAt: new Date('2026-05-01T00:00:00Z') }, now)).toBe('revoked')
  })
})

describe('getAdminSummary', () => {
  it('reads only the figures the caller may see', async () => {
    await createUser('viewer')
    const some = await getAdminSummary({ users: true, keys: false, audit: false })
    expect(some.activeUsers).toBeGreaterThan(0)
    expect(some.activeKeys).toBeUndefined()
    expect(some.auditLast24h).toBeUndefined()
    const all = await getAdminSummary({ users: true, keys: true, audit: true })
    expect(all.activeKeys).toEqual(expect.any(Number))
    expect(all.auditLast24h).toEqual(expect.any(Number))
  })
})
