/**
 * The tamper-evident audit trail, checking side: `verifyAuditChain` walks the chain written by
 * lib/audit.ts in id order, reports the first broken link or edited row, then holds the chain against the
 * signed checkpoints of its head (anchor file and AuditCheckpoint table, lib/audit-anchor.ts) so that
 * truncation and a cut tail show too. `writeAuditCheckpoint` signs and records the current head.
 */
import { db, Prisma } from './db'
import { auditHash, GENESIS_HASH } from './audit'
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

type Tx = Prisma.TransactionClient

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
