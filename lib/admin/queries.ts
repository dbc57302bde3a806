/**
 * Reads for the admin pages. Callers are pages that have already required `user:manage`,
 * `apikey:manage` or `audit:read`; nothing here returns a password or key hash.
 */
import 'server-only'
import { db, Prisma } from '../db'
import { adminApiKeySelect, adminUserSelect, type AdminApiKey, type AdminUser } from './selects'
import { AUDIT_PAGE_SIZE, type AuditLogQuery } from './audit-filter'

export async function listUsers(): Promise<AdminUser[]> {
  return db.user.findMany({
    select: adminUserSelect,
    // Active accounts first, then alphabetical: the list an administrator scans.
    orderBy: [{ disabledAt: { sort: 'asc', nulls: 'first' } }, { name: 'asc' }, { email: 'asc' }],
  })
}

export type ApiKeyStatus = 'active' | 'revoked' | 'expired'

export function apiKeyStatus(key: Pick<AdminApiKey, 'revokedAt' | 'expiresAt'>, now: Date = new Date()): ApiKeyStatus {
  if (key.revokedAt) return 'revoked'
  if (key.expiresAt && key.expiresAt <= now) return 'expired'
  return 'active'
}

const apiKeyListSelect = {
  ...adminApiKeySelect,
  createdBy: { select: { email: true, name: true } },
} satisfies Prisma.ApiKeySelect

export type ApiKeyListItem = Prisma.ApiKeyGetPayload<{ select: typeof apiKeyListSelect }> & { status: ApiKeyStatus }

export async function listApiKeys(): Promise<ApiKeyListItem[]> {
  const rows = await db.apiKey.findMany({
    select: apiKeyListSelect,
    orderBy: [{ revokedAt: { sort: 'asc', nulls: 'first' } }, { createdAt: 'desc' }],
  })
  const now = new Date()
  return rows.map((r) => ({ ...r, status: apiKeyStatus(r, now) }))
}

const auditRowSelect = {
  id: true,
  at: true,
  actorType: true,
  actorId: true,
  actorLabel: true,
  action: true,
  targetType: true,
  targetId: true,
  summary: true,
  count: true,
} satisfies Prisma.AuditLogSelect

/** One audit row as the page shows it; the bigint id as a string so it can cross to client components. */
export type AuditLogRow = Omit<Prisma.AuditLogGetPayload<{ select: typeof auditRowSelect }>, 'id'> & { id: string }

export interface AuditLogPage {
  rows: AuditLogRow[]
  /** Pass as `cursor` to get the next (older) page; absent on the last page. */
  nextCursor?: string
}

export function auditWhere(q: AuditLogQuery): Prisma.AuditLogWhereInput {
  const where: Prisma.AuditLogWhereInput[] = []
  if (q.actor) where.push({ OR: [{ actorLabel: { contains: q.actor, mode: 'insensitive' } }, { actorId: q.actor }] })
  if (q.action) where.push({ action: q.action })
  if (q.targetType) where.push({ targetType: q.targetType })
  if (q.targetId) where.push({ targetId: q.targetId })
  if (q.from || q.to) where.push({ at: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: q.to } : {}) } })
  if (q.cursor) where.push({ id: { lt: BigInt(q.cursor) } })
  return where.length ? { AND: where } : {}
}

/** Newest first, keyset-paginated by id (stable under concurrent appends, unlike OFFSET). */
export async function listAuditLog(q: AuditLogQuery): Promise<AuditLogPage> {
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? AUDIT_PAGE_SIZE), 1), 200)
  const rows = await db.auditLog.findMany({ where: auditWhere(q), select: auditRowSelect, orderBy: { id: 'desc' }, take: limit + 1 })
  const page = rows.slice(0, limit).map((r) => ({ ...r, id: r.id.toString() }))
  return rows.length > limit ? { rows: page, nextCursor: page[page.length - 1]!.id } : { rows: page }
}

/**
 * Distinct values of an indexed audit column, by skip scan: one index probe per distinct value instead of
 * reading every row of a table that is kept for years.
 */
async function distinctAuditValues(column: 'action' | 'targetType'): Promise<string[]> {
  const col = Prisma.raw(`"${column}"`)
  const rows = await db.$queryRaw<{ v: string | null }[]>`
    WITH RECURSIVE t(v) AS (
      (SELECT ${col} FROM "AuditLog" WHERE ${col} IS NOT NULL ORDER BY ${col} LIMIT 1)
      UNION ALL
      SELECT (SELECT ${col} FROM "AuditLog" WHERE ${col} > t.v ORDER BY ${col} LIMIT 1) FROM t WHERE t.v IS NOT NULL
    )
    SELECT v FROM t WHERE v IS NOT NULL LIMIT 500`
  return rows.map((r) => r.v).filter((v): v is string => v !== null)
}

/** Action names for the filter select. */
export const listAuditActions = () => distinctAuditValues('action')

/** Target types for the filter select. */
export const listAuditTargetTypes = () => distinctAuditValues('targetType')

export interface AdminSummary {
  activeUsers?: number
  disabledUsers?: number
  activeKeys?: number
  auditLast24h?: number
}

/** Figures for the admin index cards; each is read only when the caller may open its page. */
export async function getAdminSummary(may: { users: boolean; keys: boolean; audit: boolean }): Promise<AdminSummary> {
  const now = new Date()
  const [activeUsers, disabledUsers, activeKeys, auditLast24h] = await Promise.all([
    may.users ? db.user.count({ where: { disabledAt: null } }) : undefined,
    may.users ? db.user.count({ where: { disabledAt: { not: null } } }) : undefined,
    may.keys ? db.apiKey.count({ where: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } }) : undefined,
    may.audit ? db.auditLog.count({ where: { at: { gte: new Date(now.getTime() - 24 * 60 * 60 * 1000) } } }) : undefined,
  ])
  return { activeUsers, disabledUsers, activeKeys, auditLast24h }
}
