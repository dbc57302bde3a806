/**
 * Time zones and wall-clock time, shared by on-call rotations, SLO windows and report periods. Handoffs,
 * report days and budget windows are defined in a place's LOCAL time, so they follow its DST changes.
 *
 * A zone's offset at an instant comes from date-fns-tz (`formatInTimeZone(instant, zone, 'xxx')`, read from the
 * runtime's IANA data and independent of the process's own zone); the wall clock is the instant plus that
 * offset. Two date-fns-tz 3.2 shortcuts are not used: `getTimezoneOffset` reads its date as a wall-clock time,
 * so it is an hour off just after a change (New York at 06:59Z on the spring-forward day gives −240, not
 * −300), and `fromZonedTime` moves a skipped time backward (02:30 → 01:30) and picks either occurrence of a
 * repeated time depending on the process's zone. Wall clock → instant is therefore resolved here, with
 * Temporal's 'compatible' rule (lib/time.test.ts pins it, under several process zones).
 */
import { formatInTimeZone } from 'date-fns-tz'

export const MINUTE_MS = 60_000
export const DAY_MS = 86_400_000

export interface LocalDateTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

const knownZones = new Set<string>()

/** True when the runtime knows `timeZone` as an IANA zone (offset strings such as '+05:00' are not zones). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false
  if (knownZones.has(timeZone)) return true
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
    knownZones.add(timeZone)
    return true
  } catch {
    return false
  }
}

const OFFSET = /^([+-])(\d{2}):(\d{2})$/

/** Milliseconds to add to UTC to get local time in `timeZone` at `instant`; RangeError for an unknown zone. */
function offsetMs(timeZone: string, instant: Date): number {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Invalid time zone specified: ${timeZone}`)
  const m = OFFSET.exec(formatInTimeZone(instant, timeZone, 'xxx'))
  if (!m) throw new RangeError('Invalid time value')
  const ms = (Number(m[2]) * 60 + Number(m[3])) * MINUTE_MS
  return m[1] === '-' ? -ms : ms
}

/** The wall-clock date and time in `timeZone` at `instant`. */
export function localDateTimeAt(timeZone: string, instant: Date): LocalDateTime & { second: number } {
  const wall = new Date(instant.getTime() + offsetMs(timeZone, instant))
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  }
}

/** Minutes to add to UTC to get local time in `timeZone` at `instant` (e.g. +60 for Berlin in winter). */
export function zoneOffsetMinutes(timeZone: string, instant: Date): number {
  return offsetMs(timeZone, instant) / MINUTE_MS
}

/**
 * The instant at which the wall clock in `timeZone` shows `local`. Like Temporal's 'compatible':
 * a time skipped by spring-forward moves forward by the gap (02:30 → 03:30), and a time repeated by
 * fall-back resolves to its first occurrence.
 */
export function zonedTimeToUtc(timeZone: string, local: LocalDateTime): Date {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute)
  // The offsets in force a day either side; a wall time is valid under each one that maps back onto itself.
  const before = zoneOffsetMinutes(timeZone, new Date(asUtc - DAY_MS))
  const after = zoneOffsetMinutes(timeZone, new Date(asUtc + DAY_MS))
  const valid = [before, after]
    .map((offset) => asUtc - offset * MINUTE_MS)
    .filter((t) => asUtc - zoneOffsetMinutes(timeZone, new Date(t)) * MINUTE_MS === t)
  if (valid.length > 0) return new Date(Math.min(...valid))
  // In a gap: read the wall time with the offset in force before the change, which lands after the gap.
  return new Date(asUtc - before * MINUTE_MS)
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/

export function parseHandoffTime(value: string): { hour: number; minute: number } | null {
  const m = HHMM.exec(value)
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null
}

/** Days since 1970-01-01 of a valid calendar date, or null. */
export function parseLocalDate(value: string): number | null {
  const m = YMD.exec(value)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const t = Date.UTC(y, mo - 1, d)
  const back = new Date(t)
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null
  return t / DAY_MS
}

