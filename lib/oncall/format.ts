/**
 * On-call display formatting: times in a given IANA zone ("Sun 8 Mar, 09:00 EDT"), shift lengths, delays
 * in words. Pure and fixed to one locale so server and browser renders agree.
 */
import { zoneOffsetMinutes } from '@/lib/time'

const LOCALE = 'en-GB'

const cache = new Map<string, Intl.DateTimeFormat>()

function cached(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = cache.get(key)
  if (!f) {
    f = make()
    cache.set(key, f)
  }
  return f
}

const wallClock = (timeZone: string) =>
  cached(`wall|${timeZone}`, () =>
    new Intl.DateTimeFormat(LOCALE, { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  )

const zoneNamer = (locale: string, timeZone: string) =>
  cached(`zone|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }))

/**
 * "EDT", "CET", else "GMT+5:30". Each locale knows the abbreviations of its own region only (en-US says
 * GMT+1 for Berlin, en-GB says GMT-4 for New York), so ask both and keep a real abbreviation.
 */
export function zoneAbbreviation(date: Date, timeZone: string): string {
  const names = ['en-US', 'en-GB'].map(
    (locale) => zoneNamer(locale, timeZone).formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? '',
  )
  return names.find((n) => n && !n.startsWith('GMT') && !n.startsWith('UTC')) ?? names[0] ?? timeZone
}

/** "Sun 8 Mar, 09:00 EDT": the wall clock of the zone, with the zone's name. */
export function formatInZone(date: Date, timeZone: string, { zoneName = true }: { zoneName?: boolean } = {}): string {
  if (!Number.isFinite(date.getTime())) return 'unknown time'
  const text = wallClock(timeZone).format(date).replace(' at ', ', ')
  return zoneName ? `${text} ${zoneAbbreviation(date, timeZone)}` : text
}

/** "24 h", "23 h", "7 d", "6 d 23 h", "45 min". */
export function formatShiftLength(from: Date, to: Date): string {
  const minutes = Math.round((to.getTime() - from.getTime()) / 60_000)
  const d = Math.floor(minutes / 1440)
  const h = Math.floor((minutes % 1440) / 60)
  const m = minutes % 60
  const parts = [d ? `${d} d` : '', h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean)
  // A whole number of days under 2 reads better in hours (24 h, not 1 d).
  if (d === 1 && m === 0) return `${24 + h} h`
  return parts.join(' ') || '0 min'
}

/** Whether the zone's clocks change between `from` and `to` (the shift is an hour shorter or longer). */
export function spansClockChange(from: Date, to: Date, timeZone: string): boolean {
  return zoneOffsetMinutes(timeZone, from) !== zoneOffsetMinutes(timeZone, to)
}

/** 0 → "immediately", 5 → "after 5 min", 90 → "after 1 h 30 min". */
export function formatDelay(minutes: number): string {
  if (minutes === 0) return 'immediately'
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return `after ${[h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ')}`
}
