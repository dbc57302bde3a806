/**
 * The tamper-evident audit trail. Each row stores the hash of the row before it; `verifyAuditChain`
 * reports the first broken link. Writes are serialised by a transaction-scoped advisory lock so the chain
 * stays linear with several instances on one database. Summaries must be PHI-free: record field names,
 * identifiers and enumerated values, never clinical free text.
 */
import { createHash } from 'node:crypto'
import { db, Prisma } from './db'

export type ActorType = 'user' | 'apikey' | 'system'

export interface Actor {
  type: ActorType
  id: string | null
  label: string
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, label: 'system' }

export interface AuditInput {
  action: string
  targetType?: string | null
  targetId?: string | null
  summary?: Record<string, unknown> | null
  /** How many events this entry stands for (ingest is audited per batch). */
  count?: number
  ip?: string | null
  requestId?: string | null
}

export const GENESIS_HASH = '0'.repeat(64)
const AUDIT_LOCK_KEY = 7300_0001

type Tx = Prisma.TransactionClient

/** JSON with object keys sorted at every level, so the hash does not depend on key order (jsonb reorders). */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value instanceof Date) return JSON.stringify(value.toISOString())
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  if (typeof value === 'bigint') return value.toString()
  return JSON.stringify(value)
}

export interface HashedFields {
  at: Date
  actorType: string
  actorId: string | null
  actorLabel: string
  action: string
  targetType: string | null
  targetId: string | null
  summary: unknown
  count: number
  ip: string | null
  requestId: string | null
}

export function auditHash(prevHash: string, f: HashedFields): string {
  const material = canonicalJson([
    prevHash,
    f.at.toISOString(),
    f.actorType,
    f.actorId,
    f.actorLabel,
    f.action,
    f.targetType,
    f.targetId,
    f.summary ?? null,
    f.count,
    f.ip,
    f.requestId,
  ])
  return createHash('sha256').update(material).digest('hex')
}

async function append(tx: Tx, actor: Actor, input: AuditInput) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`
  const last = await tx.auditLog.findFirst({ orderBy: { id: 'desc' }, select: { hash: true } })
  const prevHash = last?.hash ?? GENESIS_HASH
  // Stored with millisecond precision (timestamptz(3)), which a JS Date holds exactly.
  const fields: HashedFields = {
    at: new Date(),
    actorType: actor.type,
    actorId: actor.id,
    actorLabel: actor.label,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    summary: input.summary ? JSON.parse(canonicalJson(input.summary)) : null,
    count: input.count ?? 1,
    ip: input.ip ?? null,
    requestId: input.requestId ?? null,
  }
  return tx.auditLog.create({
    data: {
      ...fields,
      summary: fields.summary === null ? Prisma.DbNull : (fields.summary as Prisma.InputJsonValue),
      prevHash,
      hash: auditHash(prevHash, fields),
    },
    select: { id: true },
  })
}

/**
 * Records an audit entry. Pass the transaction of the mutation it describes, so the change and its audit
 * row commit together (nothing a user was told happened goes unaudited).
 */
export async function recordAudit(actor: Actor, input: AuditInput, tx?: Tx): Promise<{ id: bigint }> {
  if (tx) return append(tx, actor, input)
  return db.$transaction((t) => append(t, actor, input))
}

export interface AuditVerifyResult {
  ok: boolean
  checked: number
  brokenAt?: { id: string; reason: string }
}

/** Walks the whole chain in id order and reports the first row whose link or content does not match. */
export async function verifyAuditChain(
  opts: { client?: Pick<Tx, 'auditLog'>; batchSize?: number } = {},
): Promise<AuditVerifyResult> {
  const client = opts.client ?? db
  const batchSize = opts.batchSize ?? 5000
  let prevHash = GENESIS_HASH
  let afterId: bigint = 0n
  let checked = 0
  for (;;) {
    const rows = await client.auditLog.findMany({ where: { id: { gt: afterId } }, orderBy: { id: 'asc' }, take: batchSize })
    if (rows.length === 0) break
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return { ok: false, checked, brokenAt: { id: row.id.toString(), reason: 'previous-hash link does not match the row before it' } }
      }
      const expected = auditHash(prevHash, {
        at: row.at,
        actorType: row.actorType,
        actorId: row.actorId,
        actorLabel: row.actorLabel,
        action: row.action,
        targetType: row.targetType,
        targetId: row.targetId,
        summary: row.summary,
        count: row.count,
        ip: row.ip,
        requestId: row.requestId,
      })
      if (expected !== row.hash) {
        return { ok: false, checked, brokenAt: { id: row.id.toString(), reason: 'row content does not match its hash' } }
      }
      prevHash = row.hash
      checked++
      afterId = row.id
    }
  }
  return { ok: true, checked }
}

/** A PHI-free before/after summary: only the listed fields, only those that changed. */
export function changeSummary<T extends Record<string, unknown>>(
  before: T | null,
  after: T | null,
  fields: readonly (keyof T & string)[],
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {}
  for (const f of fields) {
    const from = before?.[f] ?? null
    const to = after?.[f] ?? null
    if (canonicalJson(from) !== canonicalJson(to)) out[f] = { from, to }
  }
  return out
}
