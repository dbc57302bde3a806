import { fromZonedTime, getTimezoneOffset } from 'date-fns-tz'
import { afterEach, describe, expect, it } from 'vitest'
import { isValidTimeZone, localDateTimeAt, parseHandoffTime, parseLocalDate, zoneOffsetMinutes, zonedTimeToUtc } from './time'

const at = (iso: string) => new Date(iso)
// Some tests set the process's own zone (Node applies a new process.env.TZ at once); each gets it back after.
const processZone = process.env.TZ
afterEach(() => {
  if (processZone === undefined) delete process.env.TZ
  else process.env.TZ = processZone
})
const NY = 'America/New_York'
const BERLIN = 'Europe/Berlin'

const offsets: [string, string, number][] = [
  [NY, '2026-03-08T06:59:00Z', -300],
  [NY, '2026-03-08T07:00:00Z', -240],
  [NY, '2026-11-01T05:59:00Z', -240],
  [NY, '2026-11-01T06:00:00Z', -300],
  [BERLIN, '2026-03-29T00:59:00Z', 60],
  [BERLIN, '2026-03-29T01:00:00Z', 120],
  [BERLIN, '2026-10-25T00:59:00Z', 120],
  [BERLIN, '2026-10-25T01:00:00Z', 60],
  ['UTC', '2026-06-01T12:00:00Z', 0],
  // half- and quarter-hour zones; a southern-hemisphere zone; a 30-minute DST shift
  ['Asia/Kolkata', '2026-06-01T12:00:00Z', 330],
  ['Asia/Kathmandu', '2026-06-01T12:00:00Z', 345],
  ['Australia/Sydney', '2026-10-03T15:59:00Z', 600],
  ['Australia/Sydney', '2026-10-03T16:00:00Z', 660],
  ['Australia/Lord_Howe', '2026-10-03T15:30:00Z', 660],
  ['Australia/Lord_Howe', '2026-10-03T15:29:00Z', 630],
]

const wallClocks: [string, { year: number; month: number; day: number; hour: number; minute: number }, string][] = [
  // ordinary times
  [NY, { year: 2026, month: 3, day: 7, hour: 9, minute: 0 }, '2026-03-07T14:00:00.000Z'],
  [NY, { year: 2026, month: 3, day: 8, hour: 9, minute: 0 }, '2026-03-08T13:00:00.000Z'],
  // 02:30 does not exist on the spring-forward night: moves forward by the gap to 03:30 EDT
  [NY, { year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, '2026-03-08T07:30:00.000Z'],
  [BERLIN, { year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, '2026-03-29T01:30:00.000Z'],
  // the first minute of the gap and the first minute after it are the same instant
  [NY, { year: 2026, month: 3, day: 8, hour: 2, minute: 0 }, '2026-03-08T07:00:00.000Z'],
  [NY, { year: 2026, month: 3, day: 8, hour: 3, minute: 0 }, '2026-03-08T07:00:00.000Z'],
  // 01:30 happens twice on the fall-back night in New York: the first (EDT) occurrence
  [NY, { year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, '2026-11-01T05:30:00.000Z'],
  [NY, { year: 2026, month: 11, day: 1, hour: 1, minute: 0 }, '2026-11-01T05:00:00.000Z'],
  [NY, { year: 2026, month: 11, day: 1, hour: 2, minute: 0 }, '2026-11-01T07:00:00.000Z'],
  // 02:30 happens twice in Berlin on 25 Oct: the first (CEST) occurrence
  [BERLIN, { year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, '2026-10-25T00:30:00.000Z'],
  [BERLIN, { year: 2026, month: 10, day: 25, hour: 2, minute: 0 }, '2026-10-25T00:00:00.000Z'],
  [BERLIN, { year: 2026, month: 10, day: 25, hour: 3, minute: 0 }, '2026-10-25T02:00:00.000Z'],
  // southern hemisphere: Sydney skips 02:00–03:00 on 4 Oct and repeats it on 5 Apr
  ['Australia/Sydney', { year: 2026, month: 10, day: 4, hour: 2, minute: 30 }, '2026-10-03T16:30:00.000Z'],
  ['Australia/Sydney', { year: 2026, month: 4, day: 5, hour: 2, minute: 30 }, '2026-04-04T15:30:00.000Z'],
  // Lord Howe moves its clocks by 30 minutes: 02:15 is skipped (→ 02:45), 01:45 repeats (first: +11:00)
  ['Australia/Lord_Howe', { year: 2026, month: 10, day: 4, hour: 2, minute: 15 }, '2026-10-03T15:45:00.000Z'],
  ['Australia/Lord_Howe', { year: 2026, month: 4, day: 5, hour: 1, minute: 45 }, '2026-04-04T14:45:00.000Z'],
]

describe('zone offsets', () => {
  it.each(offsets)('%s at %s is %i min', (zone, iso, offset) => {
    expect(zoneOffsetMinutes(zone, at(iso))).toBe(offset)
  })

  it('reads the local wall clock', () => {
    expect(localDateTimeAt(BERLIN, at('2026-03-29T01:30:00Z'))).toEqual({ year: 2026, month: 3, day: 29, hour: 3, minute: 30, second: 0 })
    expect(localDateTimeAt(NY, at('2026-01-01T04:59:00Z'))).toMatchObject({ year: 2025, month: 12, day: 31, hour: 23, minute: 59 })
    expect(localDateTimeAt(NY, at('2026-11-01T06:30:59.999Z'))).toEqual({ year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 59 })
  })

  it.each(wallClocks)('%s wall clock %o is %s', (zone, local, iso) => {
    expect(zonedTimeToUtc(zone, local).toISOString()).toBe(iso)
  })

  it('throws RangeError for an unknown zone, as Intl does', () => {
    for (const zone of ['Mars/Olympus_Mons', '', '+05:00']) {
      expect(() => zoneOffsetMinutes(zone, at('2026-01-01T00:00:00Z')), zone).toThrow(RangeError)
      expect(() => localDateTimeAt(zone, at('2026-01-01T00:00:00Z')), zone).toThrow(RangeError)
    }
  })
})

describe('independent of the process time zone', () => {
  it.each(['UTC', 'Australia/Sydney', 'America/New_York', 'Asia/Tokyo'])('gives the same answers with TZ=%s', (tz) => {
    process.env.TZ = tz
    for (const [zone, iso, offset] of offsets) expect(zoneOffsetMinutes(zone, at(iso)), `${zone} ${iso}`).toBe(offset)
    for (const [zone, local, iso] of wallClocks) expect(zonedTimeToUtc(zone, local).toISOString(), `${zone} ${JSON.stringify(local)}`).toBe(iso)
  })
})

describe("date-fns-tz's shortcuts (why lib/time does not use them)", () => {
  it('getTimezoneOffset is an hour off just after a change (it reads the instant as a wall-clock time)', () => {
    process.env.TZ = 'UTC'
    expect(getTimezoneOffset(NY, at('2026-03-08T06:59:00Z')) / 60_000).toBe(-240)
    expect(zoneOffsetMinutes(NY, at('2026-03-08T06:59:00Z'))).toBe(-300)
  })

  it('fromZonedTime moves a skipped time backward, not forward by the gap', () => {
    expect(fromZonedTime('2026-03-08T02:30:00', NY).toISOString()).toBe('2026-03-08T06:30:00.000Z') // 01:30 EST
    expect(zonedTimeToUtc(NY, { year: 2026, month: 3, day: 8, hour: 2, minute: 30 }).toISOString()).toBe('2026-03-08T07:30:00.000Z')
  })
})

describe('input parsing', () => {
  it('accepts HH:MM handoff times only', () => {
    expect(parseHandoffTime('09:00')).toEqual({ hour: 9, minute: 0 })
    expect(parseHandoffTime('23:59')).toEqual({ hour: 23, minute: 59 })
    for (const bad of ['9:00', '24:00', '12:60', '', '09:00:00']) expect(parseHandoffTime(bad), bad).toBeNull()
  })

  it('accepts real calendar dates only', () => {
    expect(parseLocalDate('1970-01-02')).toBe(1)
    for (const bad of ['2026-02-30', '2026-13-01', '26-01-01', 'x']) expect(parseLocalDate(bad), bad).toBeNull()
  })

  it('knows IANA zones', () => {
    expect(isValidTimeZone(BERLIN)).toBe(true)
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false)
    expect(isValidTimeZone('')).toBe(false)
    expect(isValidTimeZone('+05:00')).toBe(false)
  })
})
