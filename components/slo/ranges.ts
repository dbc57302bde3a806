/** The time ranges of an SLO's charts, kept in the URL (?range=7d) so a view can be shared. */
import type { SloRange } from '@/lib/slo/types'

export const RANGE_OPTIONS: readonly { value: SloRange; label: string; words: string }[] = [
  { value: '24h', label: '24 h', words: 'last 24 hours' },
  { value: '7d', label: '7 d', words: 'last 7 days' },
  { value: '30d', label: '30 d', words: 'last 30 days' },
  { value: '90d', label: '90 d', words: 'last 90 days' },
]

export const DEFAULT_RANGE: SloRange = '30d'

/** A range from the query string; anything unknown falls back to 30 days rather than failing the page. */
export function parseRange(value: string | string[] | undefined): SloRange {
  const v = Array.isArray(value) ? value[0] : value
  return RANGE_OPTIONS.find((o) => o.value === v)?.value ?? DEFAULT_RANGE
}

export function rangeWords(range: SloRange): string {
  return RANGE_OPTIONS.find((o) => o.value === range)!.words
}

/** "10 min", "hour", "4 h", "day". */
export function bucketWords(minutes: number): string {
  if (minutes === 60) return 'hour'
  if (minutes === 1440) return 'day'
  return minutes < 60 ? `${minutes} min` : `${minutes / 60} h`
}
