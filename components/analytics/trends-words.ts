/** Words the trends and retention views share. Pure. */
import { formatNumber } from '@/lib/format'

/** How a figure hidden for k-anonymity reads: "fewer than 11" (people). */
export function fewerThan(k: number): string {
  return `fewer than ${k}`
}

/** A count, or the words for one hidden for k-anonymity. */
export function shownCount(value: number | null, k: number): string {
  return value === null ? fewerThan(k) : formatNumber(value)
}
