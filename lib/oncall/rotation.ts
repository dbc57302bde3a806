/**
 * Pure on-call rotation maths. Handoffs happen at the schedule's LOCAL wall-clock time, so a daily shift
 * across the spring-forward night lasts 23 h and one across the fall-back night 25 h. Zone offsets come
 * from Intl.DateTimeFormat (the platform's tz database); no I/O, no clock.
 */
import { DAY_MS, isValidTimeZone, localDateTimeAt, MINUTE_MS, parseHandoffTime, parseLocalDate, zonedTimeToUtc } from '@/lib/time'

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
