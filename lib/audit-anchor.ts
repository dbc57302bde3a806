/**
 * Anchors for the audit hash chain. The chain alone proves order and content, but not completeness: whoever
 * can write the table can recompute every hash after deleting or rewriting rows. A checkpoint records the
 * chain's head (last id, its hash, the row count) signed with HMAC-SHA256 under a key the database does
 * not hold, in the AuditCheckpoint table and as one JSON line in a file outside the database; verification
 * (lib/audit.ts) then finds truncation, a cut tail and rewritten prefixes, and a checkpoint without a valid
 * signature is itself reported as tampering.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto'
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs'
import path from 'node:path'
import { dataDir, env } from './env'

export const CHECKPOINT_KINDS = ['checkpoint', 'restore'] as const
/** `restore`: the head of a restored backup; verification starts over from the latest one. */
export type CheckpointKind = (typeof CHECKPOINT_KINDS)[number]

export interface ChainHead {
  lastId: bigint
  lastHash: string
  rowCount: bigint
}

export interface SignedCheckpoint extends ChainHead {
  kind: CheckpointKind
  at: Date
  hmac: string
}

export interface AnchorConfig {
  /** The signing secret; null when none is configured. */
  key: string | null
  /** The append-only file outside the database; null to use none. */
  file: string | null
}

function storedAuditKey(): string | undefined {
  // The embedded default keeps a generated key beside its other secrets (scripts/lib/embedded.ts).
  const file = path.join(dataDir, 'secrets.json')
  if (!existsSync(file)) return undefined
  try {
    const value = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>).WARDROOM_AUDIT_KEY
    return typeof value === 'string' && value.length >= 16 ? value : undefined
  } catch {
    return undefined
  }
}

/** WARDROOM_AUDIT_KEY, else the embedded default's generated key, else WARDROOM_SECRET (or NEXTAUTH_SECRET). */
export function configuredAnchor(): AnchorConfig {
  const fromEnv = process.env.WARDROOM_AUDIT_KEY?.trim()
  return {
    key: fromEnv || storedAuditKey() || env.WARDROOM_SECRET || env.NEXTAUTH_SECRET || null,
    file: process.env.WARDROOM_AUDIT_ANCHOR?.trim() || path.join(dataDir, 'audit-checkpoints.log'),
  }
}

// Derived, so that a secret shared with another purpose (WARDROOM_SECRET) is never used raw here.
function macKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'wardroom audit checkpoint v1', 32))
}

function material(c: Omit<SignedCheckpoint, 'hmac'>): string {
  return JSON.stringify(['wardroom-audit-checkpoint-v1', c.kind, c.at.toISOString(), c.lastId.toString(), c.lastHash, c.rowCount.toString()])
}

export function signCheckpoint(secret: string, c: Omit<SignedCheckpoint, 'hmac'>): SignedCheckpoint {
  return { ...c, hmac: createHmac('sha256', macKey(secret)).update(material(c)).digest('hex') }
}

export function checkpointVerifies(secret: string, c: SignedCheckpoint): boolean {
  const expected = Buffer.from(signCheckpoint(secret, c).hmac, 'hex')
  const given = Buffer.from(c.hmac, 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** The JSON line written to the anchor file (ids and counts as strings: they are bigints). */
export function checkpointLine(c: SignedCheckpoint): string {
  return JSON.stringify({
    kind: c.kind,
    at: c.at.toISOString(),
    lastId: c.lastId.toString(),
    lastHash: c.lastHash,
    rowCount: c.rowCount.toString(),
    hmac: c.hmac,
  })
}

/** Parses one anchor line; null when it is not a well-formed checkpoint. */
export function parseCheckpointLine(line: string): SignedCheckpoint | null {
  try {
    const v = JSON.parse(line) as Record<string, unknown>
    const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : null)
    const kind = str('kind')
    const at = str('at')
    const lastId = str('lastId')
    const rowCount = str('rowCount')
    const lastHash = str('lastHash')
    const hmac = str('hmac')
    if (!kind || !(CHECKPOINT_KINDS as readonly string[]).includes(kind) || !at || !lastHash || !hmac) return null
    if (!lastId || !/^\d+$/.test(lastId) || !rowCount || !/^\d+$/.test(rowCount)) return null
    const date = new Date(at)
    if (Number.isNaN(date.getTime())) return null
    return { kind: kind as CheckpointKind, at: date, lastId: BigInt(lastId), lastHash, rowCount: BigInt(rowCount), hmac }
  } catch {
    return null
  }
}

export interface AnchorFileEntry {
  /** 1-based line number in the file. */
  line: number
  checkpoint: SignedCheckpoint | null
}

/** The anchor file's entries in file order, or null when the file does not exist. Blank lines are skipped. */
export function readAnchorFile(file: string): AnchorFileEntry[] | null {
  if (!existsSync(file)) return null
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((text, i) => ({ text, line: i + 1 }))
    .filter(({ text }) => text.trim() !== '')
    .map(({ text, line }) => ({ line, checkpoint: parseCheckpointLine(text) }))
}

/** Appends one checkpoint to the anchor file and flushes it to disk before returning. */
export function appendAnchorLine(file: string, c: SignedCheckpoint): void {
  mkdirSync(path.dirname(file), { recursive: true })
  const fd = openSync(file, 'a', 0o600)
  try {
    writeSync(fd, `${checkpointLine(c)}\n`)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
