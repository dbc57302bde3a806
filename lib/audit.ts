/**
 * The tamper-evident audit trail, writing side. Each row stores the hash of the row before it;
 * lib/audit-verify.ts walks the chain (`verifyAuditChain`) and signs checkpoints of its head
 * (`writeAuditCheckpoint`, lib/audit-anchor.ts) so that truncation and a cut tail show too. On PostgreSQL
 * the runtime role may only INSERT and SELECT audit rows (scripts/lib/db-roles.ts); triggers refuse
 * UPDATE, DELETE and TRUNCATE even to the table's owner. Writes are serialised by a transaction-scoped advisory lock so the chain
 * stays linear with several instances on one database. Summaries must be PHI-free: record field names,
 * identifiers and enumerated values, never clinical free text.
 */
import { createHash } from 'node:crypto'
import { Prisma } from './db'
import { asSql, inTransaction, type Sql } from './tx'

export type ActorType = 'user' | 'apikey' | 'system'

/** Who an audit row names; commands pass their `Actor` (lib/auth/actor.ts), which carries these fields. */
export interface AuditActor {
  type: ActorType
  id: string | null
  label: string
}

/** The system as an audit identity (kernel code); commands use `systemActor()` from lib/auth/actor.ts. */
export const SYSTEM_ACTOR = { type: 'system', id: null, label: 'system' } as const satisfies AuditActor

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
/**
 * The chain's lock (`pg_advisory_xact_lock`). A hot writer may take it inside a statement of its own and
 * tell recordAuditBatch (`chainLocked`), which then reads the head in its next statement (one that starts
 * once the lock is held, so its snapshot sees the last committed row): one round trip less per batch.
 */
export const AUDIT_LOCK_KEY = 7300_0001

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

function fieldsOf(actor: AuditActor, input: AuditInput, at: Date): HashedFields {
  // Stored with millisecond precision (timestamptz(3)), which a JS Date holds exactly.
  return {
    at,
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
}

function rowOf(fields: HashedFields, prevHash: string) {
  return {
    ...fields,
    summary: fields.summary === null ? Prisma.DbNull : (fields.summary as Prisma.InputJsonValue),
    prevHash,
    hash: auditHash(prevHash, fields),
  }
}

async function lockHead(tx: Tx): Promise<string> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`
  const last = await tx.auditLog.findFirst({ orderBy: { id: 'desc' }, select: { hash: true } })
  return last?.hash ?? GENESIS_HASH
}

async function append(tx: Tx, actor: AuditActor, input: AuditInput) {
  const prevHash = await lockHead(tx)
  return tx.auditLog.create({ data: rowOf(fieldsOf(actor, input, new Date()), prevHash), select: { id: true } })
}

/**
 * Records an audit entry. Pass the transaction of the mutation it describes, so the change and its audit
 * row commit together (nothing a user was told happened goes unaudited).
 */
export async function recordAudit(actor: AuditActor, input: AuditInput, tx?: Tx): Promise<{ id: bigint }> {
  if (tx) return append(tx, actor, input)
  return inTransaction((t) => append(t, actor, input))
}

/** The one call of a raw pg client (`pg.PoolClient`) that `recordAuditRaw` makes. */
export interface RawSqlClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>
}

/**
 * recordAudit inside a transaction opened on the raw pool (SLI ingest writes its batch there, not through
 * Prisma): the same chain lock, head and hashed row, in SQL, so the audit row commits with the batch.
 */
export async function recordAuditRaw(client: RawSqlClient, actor: AuditActor, input: AuditInput): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [AUDIT_LOCK_KEY])
  const { rows } = await client.query('SELECT hash FROM "AuditLog" ORDER BY id DESC LIMIT 1')
  const prevHash = (rows[0] as { hash: string } | undefined)?.hash ?? GENESIS_HASH
  const f = fieldsOf(actor, input, new Date())
  await client.query(
    `INSERT INTO "AuditLog" (at, "actorType", "actorId", "actorLabel", action, "targetType", "targetId", summary, count, ip, "requestId", "prevHash", hash)
     VALUES ($1::timestamptz, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13)`,
    [f.at.toISOString(), f.actorType, f.actorId, f.actorLabel, f.action, f.targetType, f.targetId, f.summary === null ? null : JSON.stringify(f.summary), f.count, f.ip, f.requestId, prevHash, auditHash(prevHash, f)],
  )
}

/**
 * Records several entries (one per request) with one lock and one read of the chain's head, inside the
 * caller's transaction (a Prisma one, or raw SQL through `Sql`): batched alert ingest writes hundreds of
 * requests a second, and the chain lock would otherwise be taken once per request. Rows are chained in the
 * given order. `chainLocked`: the caller's transaction already holds the chain lock (AUDIT_LOCK_KEY).
 */
export async function recordAuditBatch(
  entries: readonly { actor: AuditActor; input: AuditInput }[],
  tx: Tx | Sql,
  opts: { chainLocked?: boolean } = {},
): Promise<void> {
  if (entries.length === 0) return
  const sql = asSql(tx)
  if (!opts.chainLocked) await sql.query('SELECT count(*)::int AS n FROM (SELECT pg_advisory_xact_lock($1::bigint)) l', [AUDIT_LOCK_KEY])
  const [head] = await sql.query<{ hash: string }>('SELECT hash FROM "AuditLog" ORDER BY id DESC LIMIT 1')
  let prevHash = head?.hash ?? GENESIS_HASH
  const at = new Date()
  const rows = entries.map(({ actor, input }) => {
    const fields = fieldsOf(actor, input, at)
    const row = { ...fields, prevHash, hash: auditHash(prevHash, fields) }
    prevHash = row.hash
    return row
  })
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k])
  // One statement of fixed shape over arrays; ids are assigned in list order, which is the chain's order.
  await sql.query(
    `INSERT INTO "AuditLog" (at, "actorType", "actorId", "actorLabel", action, "targetType", "targetId", summary, count, ip, "requestId", "prevHash", hash)
     SELECT $1::timestamptz, t.actor_type, t.actor_id, t.actor_label, t.action, t.target_type, t.target_id, t.summary::jsonb, t.count,
            t.ip, t.request_id, t.prev_hash, t.hash
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::text[], $11::text[], $12::text[], $13::text[])
          WITH ORDINALITY AS t(actor_type, actor_id, actor_label, action, target_type, target_id, summary, count, ip, request_id, prev_hash, hash, ord)
     ORDER BY t.ord`,
    [
      at.toISOString(),
      col('actorType'),
      col('actorId'),
      col('actorLabel'),
      col('action'),
      col('targetType'),
      col('targetId'),
      rows.map((r) => (r.summary === null ? null : JSON.stringify(r.summary))),
      col('count'),
      col('ip'),
      col('requestId'),
      col('prevHash'),
      col('hash'),
    ],
  )
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
