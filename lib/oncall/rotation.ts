/**
 * Pure on-call rotation maths. Handoffs happen at the schedule's LOCAL wall-clock time, so a daily shift
 * across the spring-forward night lasts 23 h and one across the fall-back night 25 h. Zone offsets come
 * from Intl.DateTimeFormat (the platform's tz database); no I/O, no clock.
 */

export type RotationKind = 'daily' | 'weekly'

export interface RotationSpec {
  /** IANA zone, e.g. Europe/Berlin. */
  timezone: string
  rotation: RotationKind
  /** Local handoff time, HH:MM (24 h). */
  handoffTime: string
  /** Local date of the first handoff, YYYY-MM-DD. */
  startDate: string
  /** User ids in rotation order. */
  participantIds: readonly string[]
}

export interface OverrideSpec {
  id?: string
  userId: string
  startsAt: Date
  endsAt: Date
}

export interface Shift {
  userId: string
  from: Date
  to: Date
  source: 'rotation' | 'override'
  /** Set for override shifts, when the override had an id. */
  overrideId?: string
}

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000

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

function periodDays(rotation: RotationKind): number {
  return rotation === 'weekly' ? 7 : 1
}

interface Prepared {
  spec: RotationSpec
  startDay: number
  hour: number
  minute: number
  period: number
}

function prepare(spec: RotationSpec): Prepared | null {
  const startDay = parseLocalDate(spec.startDate)
  const time = parseHandoffTime(spec.handoffTime)
  if (startDay === null || !time || spec.participantIds.length === 0 || !isValidTimeZone(spec.timezone)) return null
  return { spec, startDay, ...time, period: periodDays(spec.rotation) }
}

/** The instant the k-th shift (0-based) begins: handoff time on local date startDate + k·period. */
function shiftStart(p: Prepared, k: number): Date {
  const d = new Date((p.startDay + k * p.period) * DAY_MS)
  return zonedTimeToUtc(p.spec.timezone, {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: p.hour,
    minute: p.minute,
  })
}

function rotationShift(p: Prepared, k: number): Shift {
  const ids = p.spec.participantIds
  // prepare() refuses an empty rotation, so the index always hits.
  return { userId: ids[((k % ids.length) + ids.length) % ids.length] ?? '', from: shiftStart(p, k), to: shiftStart(p, k + 1), source: 'rotation' }
}

/** Index of the rotation shift covering `at` (may be negative: before the rotation starts). */
function shiftIndexAt(p: Prepared, at: Date): number {
  const l = localDateTimeAt(p.spec.timezone, at)
  const localDay = Date.UTC(l.year, l.month - 1, l.day) / DAY_MS
  let k = Math.floor((localDay - p.startDay) / p.period)
  // The local-date estimate is off by at most one shift (before today's handoff); settle it exactly.
  while (at < shiftStart(p, k)) k -= 1
  while (at >= shiftStart(p, k + 1)) k += 1
  return k
}

/** Rotation shifts (no overrides) overlapping [from, to), unclipped; none before the rotation starts. */
export function rotationShiftsBetween(spec: RotationSpec, from: Date, to: Date): Shift[] {
  const p = prepare(spec)
  if (!p || to <= from) return []
  const shifts: Shift[] = []
  for (let k = Math.max(0, shiftIndexAt(p, from)); ; k += 1) {
    const s = rotationShift(p, k)
    if (s.from >= to) break
    shifts.push(s)
  }
  return shifts
}

/** Removes [cutFrom, cutTo) from a shift, leaving zero, one or two pieces. */
function cut(shift: Shift, cutFrom: Date, cutTo: Date): Shift[] {
  if (cutTo <= shift.from || cutFrom >= shift.to) return [shift]
  const pieces: Shift[] = []
  if (cutFrom > shift.from) pieces.push({ ...shift, to: cutFrom })
  if (cutTo < shift.to) pieces.push({ ...shift, from: cutTo })
  return pieces
}

/**
 * Who covers [from, to): rotation shifts, with each override replacing the rotation for its interval
 * (splitting the shift it falls into). Overrides later in the list win where overrides overlap.
 * Shifts are returned in time order, unclipped, so the first one shows when the current shift began.
 */
export function shiftsBetween(spec: RotationSpec, overrides: readonly OverrideSpec[], from: Date, to: Date): Shift[] {
  if (to <= from) return []
  let shifts = rotationShiftsBetween(spec, from, to)
  for (const o of overrides) {
    if (o.endsAt <= o.startsAt) continue
    shifts = shifts.flatMap((s) => cut(s, o.startsAt, o.endsAt))
    shifts.push({ userId: o.userId, from: o.startsAt, to: o.endsAt, source: 'override', ...(o.id ? { overrideId: o.id } : {}) })
  }
  return shifts.filter((s) => s.to > from && s.from < to).sort((a, b) => a.from.getTime() - b.from.getTime())
}

/** The shift covering `at` (override or rotation), or null when nobody is on call then. */
export function shiftAt(spec: RotationSpec, overrides: readonly OverrideSpec[], at: Date): Shift | null {
  return shiftsBetween(spec, overrides, at, new Date(at.getTime() + 1)).find((s) => s.from <= at && at < s.to) ?? null
}

/** Length of a shift in hours (23 or 25 across a DST change for a daily rotation). */
export function shiftHours(shift: Pick<Shift, 'from' | 'to'>): number {
  return (shift.to.getTime() - shift.from.getTime()) / (60 * MINUTE_MS)
}
