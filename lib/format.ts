/**
 * Display formatting shared by server and client components. Pure, and fixed to one locale ('en-US') so a
 * server render and the browser's hydration produce the same text.
 */

const LOCALE = 'en-US'
const SECOND = 1_000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** What is shown when a value is missing or not a finite number. */
export const NOT_AVAILABLE = 'n/a'

export type DateInput = Date | string | number

export function toDate(value: DateInput): Date {
  return value instanceof Date ? value : new Date(value)
}

/**
 * "just now", "4 min ago", "3 h ago", "2 d ago", "5 mo ago", "2 y ago"; future times read "in 5 min".
 * Units are truncated, not rounded: 59 min 59 s is "59 min ago", never "1 h ago" early.
 */
export function formatRelativeTime(date: DateInput, now: DateInput = Date.now()): string {
  const then = toDate(date).getTime()
  const at = toDate(now).getTime()
  if (!Number.isFinite(then) || !Number.isFinite(at)) return 'unknown time'
  const diff = at - then
  const abs = Math.abs(diff)
  if (abs < MINUTE) return 'just now'
  const span =
    abs < HOUR
      ? `${Math.floor(abs / MINUTE)} min`
      : abs < DAY
        ? `${Math.floor(abs / HOUR)} h`
        : abs < 30 * DAY
          ? `${Math.floor(abs / DAY)} d`
          : abs < 365 * DAY
            ? `${Math.floor(abs / (30 * DAY))} mo`
            : `${Math.floor(abs / (365 * DAY))} y`
  return diff > 0 ? `${span} ago` : `in ${span}`
}

/** "2025-11-25 05:20 UTC": the same on server and client, for a first render before the viewer's zone is known. */
export function formatUtcTimestamp(date: DateInput): string {
  const d = toDate(date)
  if (!Number.isFinite(d.getTime())) return 'unknown time'
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

export interface NumberOptions {
  /** Fixed number of decimal places (default: up to 2, trailing zeros dropped). */
  digits?: number
  /** "12.3K", "4.5M" for headline figures. */
  compact?: boolean
}

/** 1234567 → "1,234,567"; with `{ compact: true }` → "1.2M". */
export function formatNumber(value: number | null | undefined, options: NumberOptions = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NOT_AVAILABLE
  const { digits, compact = false } = options
  return new Intl.NumberFormat(LOCALE, {
    notation: compact ? 'compact' : 'standard',
    minimumFractionDigits: digits ?? 0,
    maximumFractionDigits: digits ?? (compact ? 1 : 2),
    signDisplay: 'negative',
  }).format(value)
}

export interface PercentOptions {
  /** Show "+" on gains, for deltas. Zero has no sign. */
  signed?: boolean
}

/**
 * `value` is a fraction: 0.9995 → "99.95%" with 2 digits. Digits are fixed so figures line up in a column.
 * A value that rounds to zero never shows as "-0.0%".
 */
export function formatPercent(value: number | null | undefined, digits = 1, options: PercentOptions = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NOT_AVAILABLE
  return new Intl.NumberFormat(LOCALE, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: options.signed ? 'exceptZero' : 'negative',
  }).format(value)
}

/**
 * The two largest units, truncated: 3_900_000 → "1 h 5 min", 45_000 → "45 s", 90_061_000 → "1 d 1 h".
 * Under a second it shows whole milliseconds ("850 ms", "< 1 ms"), which latencies need.
 */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return NOT_AVAILABLE
  if (ms < 0) return `-${formatDuration(-ms)}`
  if (ms > 0 && ms < 1) return '< 1 ms'
  if (ms < SECOND) return `${Math.floor(ms)} ms`
  const units: Array<[number, string]> = [
    [DAY, 'd'],
    [HOUR, 'h'],
    [MINUTE, 'min'],
    [SECOND, 's'],
  ]
  const start = units.findIndex(([size]) => ms >= size)
  const parts: string[] = []
  let rest = ms
  for (const [size, label] of units.slice(start, start + 2)) {
    const count = Math.floor(rest / size)
    rest -= count * size
    if (count > 0) parts.push(`${count} ${label}`)
  }
  return parts.join(' ')
}
