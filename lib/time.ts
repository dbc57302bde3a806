/**
 * Time zones and wall-clock time, shared by on-call rotations, SLO windows and report periods. Handoffs,
 * report days and budget windows are defined in a place's LOCAL time, so they follow its DST changes.
 */
export const MINUTE_MS = 60_000
export const DAY_MS = 86_400_000

export interface LocalDateTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** True when the runtime knows `timeZone` as an IANA zone. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
    return true
  } catch {
    return false
  }
}

/** The wall-clock date and time in `timeZone` at `instant`. */
export function localDateTimeAt(timeZone: string, instant: Date): LocalDateTime & { second: number } {
  const parts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 }
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type in parts) parts[p.type as keyof typeof parts] = Number(p.value)
  }
  return parts
}

/** Minutes to add to UTC to get local time in `timeZone` at `instant` (e.g. +60 for Berlin in winter). */
export function zoneOffsetMinutes(timeZone: string, instant: Date): number {
  const l = localDateTimeAt(timeZone, instant)
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second)
  const truncated = Math.floor(instant.getTime() / 1000) * 1000
  return Math.round((asUtc - truncated) / MINUTE_MS)
}

/**
 * The instant at which the wall clock in `timeZone` shows `local`. Like Temporal's 'compatible':
 * a time skipped by spring-forward moves forward by the gap (02:30 → 03:30), and a time repeated by
 * fall-back resolves to its first occurrence.
 */
export function zonedTimeToUtc(timeZone: string, local: LocalDateTime): Date {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute)
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

