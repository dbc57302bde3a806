/**
 * Normalised events as the body of a binary `COPY "AnalyticsEvent" … FROM STDIN (FORMAT binary)`: the
 * columns ingest.ts writes, in its order. Binary rather than text for the reasons lib/slo/ingest.ts gives
 * (no escaping, no date formatting or parsing, a third of the work in this process). Fields carry their
 * column's exact type: timestamptz as microseconds from 2000-01-01 UTC, text as UTF-8, jsonb as version 1
 * followed by the JSON text (PostgreSQL parses it as it parses jsonb text input). copy.db.test.ts checks
 * that the rows read back equal those of the INSERT path.
 */
import type { EventRow } from './normalize'

/** The columns, in the order of ingest.ts's INSERT. */
export const COPY_COLUMNS = [
  'occurredAt',
  'userKey',
  'anonymousKey',
  'clientSessionKey',
  'type',
  'event',
  'properties',
  'messageId',
  'site',
  'department',
  'role',
  'appVersion',
  'uaFamily',
  'uaMajor',
  'apiKeyId',
] as const

export const COPY_EVENTS_SQL = `COPY "AnalyticsEvent" (${COPY_COLUMNS.map((c) => `"${c}"`).join(', ')}) FROM STDIN (FORMAT binary)`

/** Signature, flags (none) and header extension length (0) of the binary format. */
export const COPY_HEADER = Buffer.from('PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0', 'latin1')
const NULL_FIELD = -1
/** 2000-01-01T00:00:00Z in Unix milliseconds: PostgreSQL's epoch. */
const PG_EPOCH_MS = 946_684_800_000
const TWO_32 = 2 ** 32
/** Field count, the timestamp (length + 8), the jsonb version byte, and a length word for each other field. */
const ROW_FIXED_BYTES = 2 + 12 + 1 + 14 * 4

/**
 * A binary COPY body written one row at a time, as ingest normalises them: a row is encoded and can be
 * collected at once, instead of 10,000 rows living until the batch is encoded (objects that outlive a few
 * young-generation collections are what makes a large batch expensive in GC). The buffer grows by doubling.
 */
export class CopyWriter {
  private buf: Buffer
  private view: DataView
  private o: number
  rows = 0

  constructor(
    private readonly apiKeyId: string | null,
    initialBytes = 1 << 16,
  ) {
    this.buf = Buffer.allocUnsafe(Math.max(initialBytes, COPY_HEADER.length + 2))
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength)
    this.o = COPY_HEADER.copy(this.buf, 0)
  }

  push(r: EventRow): void {
    const json = JSON.stringify(r.properties)
    const apiKeyId = this.apiKeyId
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    this.ensure(
      ROW_FIXED_BYTES +
        3 *
          (r.userKey.length +
            len(r.anonymousKey) +
            len(r.clientSessionKey) +
            r.type.length +
            r.event.length +
            json.length +
            len(r.messageId) +
            len(r.site) +
            len(r.department) +
            len(r.role) +
            len(r.appVersion) +
            len(r.uaFamily) +
            len(r.uaMajor) +
            len(apiKeyId)) +
        2,
    )
    const { buf, view } = this
    let o = this.o
    view.setInt16(o, COPY_COLUMNS.length)
    const us = (r.occurredAt.getTime() - PG_EPOCH_MS) * 1000
    const high = Math.floor(us / TWO_32)
    view.setInt32(o + 2, 8)
    view.setInt32(o + 6, high)
    view.setUint32(o + 10, us - high * TWO_32)
    o += 14
    o = writeText(buf, view, o, r.userKey)
    o = writeText(buf, view, o, r.anonymousKey)
    o = writeText(buf, view, o, r.clientSessionKey)
    o = writeText(buf, view, o, r.type)
    o = writeText(buf, view, o, r.event)
    // jsonb: a version byte (1), then the JSON text.
    const n = writeUtf8(buf, o + 5, json)
    view.setInt32(o, n + 1)
    buf[o + 4] = 1
    o += 5 + n
    o = writeText(buf, view, o, r.messageId)
    o = writeText(buf, view, o, r.site)
    o = writeText(buf, view, o, r.department)
    o = writeText(buf, view, o, r.role)
    o = writeText(buf, view, o, r.appVersion)
    o = writeText(buf, view, o, r.uaFamily)
    o = writeText(buf, view, o, r.uaMajor)
    o = writeText(buf, view, o, apiKeyId)
    this.o = o
    this.rows++
  }

  /** The body: what was pushed, then the trailer. */
  finish(): Buffer {
    this.ensure(2)
    this.view.setInt16(this.o, -1)
    return this.buf.subarray(0, this.o + 2)
  }

  private ensure(bytes: number): void {
    if (this.o + bytes <= this.buf.length) return
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.o + bytes))
    this.buf.copy(next, 0, 0, this.o)
    this.buf = next
    this.view = new DataView(next.buffer, next.byteOffset, next.byteLength)
  }
}

/** The rows as a binary COPY body (header, one tuple per row, trailer). */
export function eventsToCopyBinary(rows: readonly EventRow[], apiKeyId: string | null): Buffer {
  const writer = new CopyWriter(apiKeyId)
  for (const r of rows) writer.push(r)
  return writer.finish()
}

const len = (s: string | null) => (s === null ? 0 : s.length)

/** A text field at `o`: its byte length, then its UTF-8 bytes; -1 for NULL. */
function writeText(buf: Buffer, view: DataView, o: number, s: string | null): number {
  if (s === null) {
    view.setInt32(o, NULL_FIELD)
    return o + 4
  }
  const n = writeUtf8(buf, o + 4, s)
  view.setInt32(o, n)
  return o + 4 + n
}

type Utf8Write = (this: Buffer, s: string, at: number) => number
/**
 * Buffer's own UTF-8 writer without `write`'s argument handling, which cost more than the copying here
 * (about 15 strings a row); `write` where a runtime lacks it. A lone surrogate becomes U+FFFD either way,
 * as node-postgres's parameters make it.
 */
const utf8Write: Utf8Write =
  (Buffer.prototype as unknown as { utf8Write?: Utf8Write }).utf8Write ??
  function (this: Buffer, s: string, at: number) {
    return this.write(s, at, 'utf8')
  }

/** The UTF-8 bytes of `s` at `at` (room is ensured by the caller); returns how many. */
function writeUtf8(buf: Buffer, at: number, s: string): number {
  return utf8Write.call(buf, s, at)
}
