/**
 * The tamper-evident audit trail. Each row stores the hash of the row before it; `verifyAuditChain`
 * reports the first broken link, and holds the chain against signed checkpoints of its head
 * (`writeAuditCheckpoint`, lib/audit-anchor.ts) so that truncation and a cut tail show too. On PostgreSQL
 * the runtime role may only INSERT and SELECT audit rows (scripts/lib/db-roles.ts); triggers refuse
 * UPDATE, DELETE and TRUNCATE even to the table's owner. Writes are serialised by a transaction-scoped advisory lock so the chain
 * stays linear with several instances on one database. Summaries must be PHI-free: record field names,
 * identifiers and enumerated values, never clinical free text.
 */
import { createHash } from 'node:crypto'
import { db, Prisma } from './db'
import {
  appendAnchorLine,
  checkpointVerifies,
  configuredAnchor,
  readAnchorFile,
  signCheckpoint,
  type AnchorConfig,
  type CheckpointKind,
  type SignedCheckpoint,
} from './audit-anchor'

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

function fieldsOf(actor: Actor, input: AuditInput, at: Date): HashedFields {
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

async function append(tx: Tx, actor: Actor, input: AuditInput) {
  const prevHash = await lockHead(tx)
  return tx.auditLog.create({ data: rowOf(fieldsOf(actor, input, new Date()), prevHash), select: { id: true } })
}

/**
 * Records an audit entry. Pass the transaction of the mutation it describes, so the change and its audit
 * row commit together (nothing a user was told happened goes unaudited).
 */
export async function recordAudit(actor: Actor, input: AuditInput, tx?: Tx): Promise<{ id: bigint }> {
  if (tx) return append(tx, actor, input)
  return db.$transaction((t) => append(t, actor, input))
}

/**
 * Records several entries (one per request) with one lock and one read of the chain's head, inside the
 * caller's transaction: batched alert ingest writes hundreds of requests a second, and the chain lock
 * would otherwise be taken once per request. Rows are chained in the given order.
 */
export async function recordAuditBatch(entries: readonly { actor: Actor; input: AuditInput }[], tx: Tx): Promise<void> {
  if (entries.length === 0) return
  let prevHash = await lockHead(tx)
  const at = new Date()
  const rows = entries.map(({ actor, input }) => {
    const fields = fieldsOf(actor, input, at)
    const row = { ...fields, prevHash, hash: auditHash(prevHash, fields) }
    prevHash = row.hash
    return row
  })
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k])
  // One statement of fixed shape over arrays (a createMany of N rows is a new query for Prisma to compile
  // for every N); ids are assigned in list order, which is the chain's order.
  await tx.$executeRaw`
    INSERT INTO "AuditLog" (at, "actorType", "actorId", "actorLabel", action, "targetType", "targetId", summary, count, ip, "requestId", "prevHash", hash)
    SELECT ${at.toISOString()}::timestamptz, t.actor_type, t.actor_id, t.actor_label, t.action, t.target_type, t.target_id, t.summary::jsonb, t.count,
           t.ip, t.request_id, t.prev_hash, t.hash
    FROM unnest(${col('actorType')}::text[], ${col('actorId')}::text[], ${col('actorLabel')}::text[], ${col('action')}::text[],
                ${col('targetType')}::text[], ${col('targetId')}::text[], ${rows.map((r) => (r.summary === null ? null : JSON.stringify(r.summary)))}::text[],
                ${col('count')}::int[], ${col('ip')}::text[], ${col('requestId')}::text[], ${col('prevHash')}::text[], ${col('hash')}::text[])
         WITH ORDINALITY AS t(actor_type, actor_id, actor_label, action, target_type, target_id, summary, count, ip, request_id, prev_hash, hash, ord)
    ORDER BY t.ord`
}

/**
 * What broke: `link` (a row's previous-hash does not match: rows reordered, inserted or removed), `content`
 * (a row was edited), `truncated` (rows a checkpoint counted are gone), `cut-tail` (the chain ends before
 * the last checkpoint's head), `checkpoint-mismatch` (the checkpointed row differs: the chain up to it was
 * rewritten), `checkpoint-forged` (a checkpoint's signature does not verify), `checkpoint-unverifiable`
 * (checkpoints exist but no key is configured to check them).
 */
export type AuditBreakKind =
  | 'link'
  | 'content'
  | 'truncated'
  | 'cut-tail'
  | 'checkpoint-mismatch'
  | 'checkpoint-forged'
  | 'checkpoint-unverifiable'

export interface AuditVerifyResult {
  ok: boolean
  checked: number
  /** The first bad position: an audit row id (for a checkpoint problem, the row id it names). */
  brokenAt?: { id: string; reason: string; kind: AuditBreakKind }
  /** Present when checkpoints were consulted. */
  checkpoints?: { verified: number; source: 'file' | 'table' | 'file+table'; warnings: string[] }
}

type VerifyClient = Pick<Tx, 'auditLog' | 'auditCheckpoint'>

interface EffectiveCheckpoints {
  list: SignedCheckpoint[]
  source: 'file' | 'table' | 'file+table'
  warnings: string[]
  problem?: NonNullable<AuditVerifyResult['brokenAt']>
}

const cpKey = (c: SignedCheckpoint) => `${c.kind}|${c.at.toISOString()}|${c.lastId}`
const describeCp = (c: SignedCheckpoint) => `the ${c.kind} of ${c.at.toISOString()} (${c.rowCount} rows up to entry ${c.lastId})`

async function tableCheckpoints(client: VerifyClient): Promise<SignedCheckpoint[]> {
  try {
    const rows = await client.auditCheckpoint.findMany({ orderBy: { id: 'asc' } })
    return rows.map((r) => ({ ...r, kind: r.kind as CheckpointKind }))
  } catch (e) {
    // A database restored from a backup older than the checkpoint table has none yet.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2021') return []
    throw e
  }
}

/**
 * The checkpoints to hold the chain against: every signed entry of the anchor file and of the table, from
 * the latest `restore` on. The file is the source of truth: where both hold an entry for the same moment
 * and they differ, the file's wins; entries only one side holds are kept (both are signed) and reported.
 */
async function effectiveCheckpoints(client: VerifyClient, anchor: AnchorConfig): Promise<EffectiveCheckpoints | null> {
  const fileEntries = anchor.file ? readAnchorFile(anchor.file) : null
  const table = await tableCheckpoints(client)
  if (!fileEntries?.length && table.length === 0) return null
  const source = fileEntries?.length ? (table.length ? 'file+table' : 'file') : 'table'
  const warnings: string[] = []
  const base = { list: [], source, warnings } as const
  if (!anchor.key) {
    const last = [...table, ...(fileEntries ?? []).flatMap((e) => (e.checkpoint ? [e.checkpoint] : []))].at(-1)
    return {
      ...base,
      list: [],
      problem: {
        id: last?.lastId.toString() ?? '0',
        kind: 'checkpoint-unverifiable',
        reason: 'checkpoints exist but no audit key is configured (WARDROOM_AUDIT_KEY), so they cannot be verified',
      },
    }
  }
  const key = anchor.key
  for (const e of fileEntries ?? []) {
    if (!e.checkpoint || !checkpointVerifies(key, e.checkpoint)) {
      return {
        ...base,
        list: [],
        problem: {
          id: e.checkpoint?.lastId.toString() ?? '0',
          kind: 'checkpoint-forged',
          reason: `checkpoint on line ${e.line} of ${anchor.file} does not verify (HMAC): it was forged or altered`,
        },
      }
    }
  }
  const fromFile = new Map((fileEntries ?? []).map((e) => [cpKey(e.checkpoint!), e.checkpoint!]))
  const merged = new Map(fromFile)
  let tableOnly = 0
  for (const c of table) {
    if (!checkpointVerifies(key, c)) {
      return {
        ...base,
        list: [],
        problem: { id: c.lastId.toString(), kind: 'checkpoint-forged', reason: `checkpoint ${describeCp(c)} in the AuditCheckpoint table does not verify (HMAC): it was forged or altered` },
      }
    }
    const twin = fromFile.get(cpKey(c))
    if (!twin) {
      merged.set(cpKey(c), c)
      tableOnly++
    } else if (twin.lastHash !== c.lastHash || twin.rowCount !== c.rowCount) {
      warnings.push(`the table's ${describeCp(c)} differs from the anchor file's; the file's is used`)
    }
  }
  if (fileEntries?.length) {
    if (tableOnly) warnings.push(`${tableOnly} checkpoint(s) of the AuditCheckpoint table are missing from the anchor file`)
    const tableKeys = new Set(table.map(cpKey))
    const fileOnly = [...fromFile.keys()].filter((k) => !tableKeys.has(k)).length
    if (fileOnly) warnings.push(`${fileOnly} checkpoint(s) of the anchor file are missing from the AuditCheckpoint table`)
  } else if (anchor.file) {
    warnings.push(`the anchor file ${anchor.file} is missing or empty; checked against the table's checkpoints only`)
  }
  const all = [...merged.values()].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.lastId < b.lastId ? -1 : a.lastId > b.lastId ? 1 : 0))
  const lastRestore = all.findLastIndex((c) => c.kind === 'restore')
  return { list: all.slice(Math.max(0, lastRestore)), source, warnings }
}

/**
 * Walks the whole chain in id order and reports the first row whose link or content does not match, then
 * holds it against the signed checkpoints (anchor file and table): rows a checkpoint counted must still be
 * there, with the hash it recorded. `anchor: false` checks the hash chain alone.
 */
export async function verifyAuditChain(
  opts: { client?: VerifyClient; batchSize?: number; signal?: AbortSignal; anchor?: AnchorConfig | false } = {},
): Promise<AuditVerifyResult> {
  const client = opts.client ?? db
  const batchSize = opts.batchSize ?? 5000
  const anchor = opts.anchor === undefined ? configuredAnchor() : opts.anchor
  const cps = anchor ? await effectiveCheckpoints(client, anchor) : null
  const summary = cps ? { checkpoints: { verified: 0, source: cps.source, warnings: cps.warnings } } : {}
  if (cps?.problem) return { ok: false, checked: 0, brokenAt: cps.problem, ...summary }
  // Checkpoints of an empty trail (id 0) hold nothing to compare; several of one head are one.
  const pending = (cps?.list ?? []).filter((c) => c.lastId > 0n).sort((a, b) => (a.lastId < b.lastId ? -1 : a.lastId > b.lastId ? 1 : 0))
  let next = 0
  const broken = (checked: number, id: bigint | string, kind: AuditBreakKind, reason: string): AuditVerifyResult => ({
    ok: false,
    checked,
    brokenAt: { id: id.toString(), reason, kind },
    ...summary,
  })
  const missing = (checked: number, c: SignedCheckpoint, lastRow: bigint | null): AuditVerifyResult => {
    if (BigInt(checked) < c.rowCount && (lastRow === null || lastRow > c.lastId || checked === 0)) {
      return broken(checked, c.lastId, 'truncated', `checkpointed rows are missing: ${describeCp(c)} counted them, but only ${checked} rows precede entry ${c.lastId}, which is gone (the table was truncated or rows deleted)`)
    }
    if (lastRow !== null && lastRow < c.lastId) {
      return broken(checked, c.lastId, 'cut-tail', `the chain ends at entry ${lastRow}, before the head recorded by ${describeCp(c)}: its tail was cut`)
    }
    return broken(checked, c.lastId, 'checkpoint-mismatch', `entry ${c.lastId} recorded by ${describeCp(c)} is gone: the chain up to it was rewritten`)
  }
  let prevHash = GENESIS_HASH
  let afterId: bigint = 0n
  let checked = 0
  for (;;) {
    opts.signal?.throwIfAborted()
    const rows = await client.auditLog.findMany({ where: { id: { gt: afterId } }, orderBy: { id: 'asc' }, take: batchSize })
    if (rows.length === 0) break
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return broken(checked, row.id, 'link', 'previous-hash link does not match the row before it')
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
        return broken(checked, row.id, 'content', 'row content does not match its hash')
      }
      const cp = pending[next]
      if (cp && cp.lastId < row.id) return missing(checked, cp, row.id)
      if (cp && cp.lastId === row.id) {
        if (row.hash !== cp.lastHash || BigInt(checked + 1) !== cp.rowCount) {
          return broken(checked, row.id, 'checkpoint-mismatch', `entry ${row.id} differs from ${describeCp(cp)}: the rows up to it were rewritten, reordered or removed`)
        }
        while (pending[next]?.lastId === row.id) next++
        if (summary.checkpoints) summary.checkpoints.verified = next
      }
      prevHash = row.hash
      checked++
      afterId = row.id
    }
  }
  const left = pending[next]
  if (left) return missing(checked, left, checked === 0 ? null : afterId)
  if (summary.checkpoints) summary.checkpoints.verified = pending.length
  return { ok: true, checked, ...summary }
}

/**
 * Signs the chain's current head and records it: first appended to the anchor file (flushed), then in the
 * AuditCheckpoint table. The head is read in one REPEATABLE READ snapshot; appends commit in id order
 * (they hold the chain lock until commit), so the snapshot holds a prefix of the chain and its count.
 */
export async function writeAuditCheckpoint(
  opts: { kind?: CheckpointKind; now?: Date; anchor?: AnchorConfig; client?: Pick<typeof db, '$transaction'> } = {},
): Promise<SignedCheckpoint> {
  const anchor = opts.anchor ?? configuredAnchor()
  if (!anchor.key) throw new Error('No audit key is configured: set WARDROOM_AUDIT_KEY (or WARDROOM_SECRET) to sign audit checkpoints')
  const client = opts.client ?? db
  const head = await client.$transaction(
    async (tx) => {
      const last = await tx.auditLog.findFirst({ orderBy: { id: 'desc' }, select: { id: true, hash: true } })
      const rowCount = last ? BigInt(await tx.auditLog.count({ where: { id: { lte: last.id } } })) : 0n
      return { lastId: last?.id ?? 0n, lastHash: last?.hash ?? GENESIS_HASH, rowCount }
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  )
  const checkpoint = signCheckpoint(anchor.key, { kind: opts.kind ?? 'checkpoint', at: opts.now ?? new Date(), ...head })
  if (anchor.file) appendAnchorLine(anchor.file, checkpoint)
  await client.$transaction((tx) => tx.auditCheckpoint.create({ data: checkpoint }))
  return checkpoint
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
