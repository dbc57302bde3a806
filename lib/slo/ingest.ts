/**
 * SLI event ingest, the SQL side: one `COPY "SliEvent" … FROM STDIN` per batch through the raw pool, inside
 * the command's transaction (PostgreSQL's fastest way in; a multi-row INSERT … SELECT FROM unnest(…) of the
 * same rows ran at about half of COPY's speed, issue 17). The command that runs it, with its audit row in
 * the same transaction, is `ingestSliEvents` in ./commands.ts.
 *
 * The rows go in COPY's binary format rather than its text: building them costs this process about a third
 * of the text (no number formatting, no escaping, no re-encoding of a 700 kB string), and PostgreSQL reads
 * them with less CPU (no date parsing). What is stored is what the text would have stored: ingest.db.test.ts
 * checks each column against PostgreSQL's own reading of the same text. Binary fields must have their
 * column's exact type (text, timestamptz, float8, int4): a migration that changes one changes this file too,
 * and that test says so.
 */
import type { SliEventItem } from './schema'

export const COPY_SLI_EVENTS_SQL = 'COPY "SliEvent" (sli, service, workflow, at, value, good, total) FROM STDIN (FORMAT binary)'

/** Signature, flags (none) and header extension length (0) of the binary format. */
const HEADER = Buffer.from('PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0', 'latin1')
const COLUMNS = 7
/** A row without its three strings: field count, four length words, timestamp, value and two counts. */
const ROW_FIXED_BYTES = 2 + 3 * 4 + 12 + 12 + 2 * 8
const NULL_FIELD = -1
/** PostgreSQL counts timestamps in microseconds from 2000-01-01 UTC, 10,957 days after the Unix epoch. */
const PG_EPOCH_DAYS = 10_957
const TWO_32 = 2 ** 32

/**
 * A validated batch as the body of a binary COPY, one row per event: sli, service, workflow ('' when none),
 * at, value, good, total (NULL for a missing number). Numbers are written through a DataView, several times
 * faster than Buffer's write methods.
 */
export function toCopyBinary(items: readonly SliEventItem[]): Buffer {
  // UTF-8 takes at most 3 bytes per UTF-16 unit; validated names are ASCII, 1 byte each.
  let capacity = HEADER.length + 2
  for (const e of items) capacity += ROW_FIXED_BYTES + 3 * (e.sli.length + e.service.length + (e.workflow?.length ?? 0))
  const buf = Buffer.allocUnsafe(capacity)
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  let o = HEADER.copy(buf, 0)
  for (const e of items) {
    view.setInt16(o, COLUMNS)
    o = writeText(buf, view, o + 2, e.sli)
    o = writeText(buf, view, o, e.service)
    o = writeText(buf, view, o, e.workflow ?? '')
    const us = pgMicroseconds(e.at)
    const high = Math.floor(us / TWO_32)
    view.setInt32(o, 8)
    view.setInt32(o + 4, high)
    view.setUint32(o + 8, us - high * TWO_32)
    o += 12
    if (e.value === undefined) {
      view.setInt32(o, NULL_FIELD)
      o += 4
    } else {
      view.setInt32(o, 8)
      // + 0 turns -0 into 0, which is what the text format (String(-0) is "0") stored.
      view.setFloat64(o + 4, e.value + 0)
      o += 12
    }
    o = writeInt4(view, o, e.good)
    o = writeInt4(view, o, e.total)
  }
  view.setInt16(o, -1)
  return buf.subarray(0, o + 2)
}

/** A text field: its byte length, then its UTF-8 bytes (ASCII copied here, anything else encoded by Buffer). */
function writeText(buf: Buffer, view: DataView, o: number, s: string): number {
  const start = o + 4
  let n = 0
  for (; n < s.length; n++) {
    const c = s.charCodeAt(n)
    if (c > 0x7f) {
      n = buf.write(s, start, 'utf8')
      break
    }
    buf[start + n] = c
  }
  view.setInt32(o, n)
  return start + n
}

function writeInt4(view: DataView, o: number, n: number | undefined): number {
  if (n === undefined) {
    view.setInt32(o, NULL_FIELD)
    return o + 4
  }
  view.setInt32(o, 4)
  view.setInt32(o + 4, n)
  return o + 8
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468
}

/** The decimal number in `at` from index `from` to `to`, each a digit. */
function digits(at: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) {
    const d = at.charCodeAt(i) - 48
    if (!(d >= 0 && d <= 9)) throw notValidated(at)
    n = n * 10 + d
  }
  return n
}

const notValidated = (at: string) => new Error(`Not a validated ISO 8601 timestamp: ${at}`)
const isSeparator = (at: string, i: number, code: number) => at.charCodeAt(i) === code

/**
 * A timestamp as SliEventItem validates it (`YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`) in PostgreSQL's
 * binary form: microseconds from 2000-01-01 UTC, the fraction rounded as timestamptz input rounds it
 * (`rint(strtod(".fraction") * 1e6)`; the column's millisecond typmod then applies on the server as for text).
 */
export function pgMicroseconds(at: string): number {
  if (!(isSeparator(at, 4, 45) && isSeparator(at, 7, 45) && isSeparator(at, 10, 84) && isSeparator(at, 13, 58) && isSeparator(at, 16, 58))) {
    throw notValidated(at)
  }
  const days = daysFromCivil(digits(at, 0, 4), digits(at, 5, 7), digits(at, 8, 10)) - PG_EPOCH_DAYS
  let seconds = days * 86_400 + digits(at, 11, 13) * 3600 + digits(at, 14, 16) * 60 + digits(at, 17, 19)
  let i = 19
  let micros = 0
  if (isSeparator(at, i, 46)) {
    const from = ++i
    while (i < at.length && at.charCodeAt(i) >= 48 && at.charCodeAt(i) <= 57) i++
    // Up to 15 digits the quotient of two exact doubles is the correctly rounded decimal, as strtod's.
    const fraction = i - from <= 15 ? digits(at, from, i) / POWERS_OF_TEN[i - from]! : Number(`0.${at.slice(from, i)}`)
    micros = roundHalfEven(fraction * 1_000_000)
  }
  const sign = at.charCodeAt(i)
  if ((sign === 43 || sign === 45) && at.length === i + 6 && isSeparator(at, i + 3, 58)) {
    const offset = digits(at, i + 1, i + 3) * 3600 + digits(at, i + 4, i + 6) * 60
    seconds += sign === 43 ? -offset : offset
  } else if (!(sign === 90 && at.length === i + 1)) {
    throw notValidated(at)
  }
  return seconds * 1_000_000 + micros
}

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k)

/** C's rint() in the default rounding mode: to the nearest integer, halves to the even one. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x)
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r
}

/** The audit summary of a batch: names of SLIs and services only (enumerated identifiers), never values. */
export function ingestSummary(items: readonly SliEventItem[]): { slis: string[]; services: string[] } {
  const slis = new Set<string>()
  const services = new Set<string>()
  for (const e of items) {
    slis.add(e.sli)
    services.add(e.service)
  }
  return { slis: [...slis].slice(0, 20), services: [...services].slice(0, 20) }
}
