/**
 * Day ticks of the trend chart's axis (UTC days): every day, or every 2, 3 or 7 days, or every 2 or 4
 * weeks, the finest that keeps at most eight labels; weekly steps fall on Mondays, so a week reads as one.
 * Pure.
 */
import { dayToEpoch, formatDay } from '@/components/charts/chart-data'

const DAY_MS = 86_400_000
const STEPS = [1, 2, 3, 7, 14, 28] as const
export const MAX_DAY_TICKS = 8

/** The epochs of the ticks for these days (oldest first), and each tick's label ("7 Dec"). */
export function dayTicks(days: readonly string[], maxTicks = MAX_DAY_TICKS): { ticks: number[]; label: (ms: number) => string } {
  const label = (ms: number) => formatDay(new Date(ms).toISOString()).replace(/ \d{4}$/, '')
  if (days.length === 0) return { ticks: [], label }
  const step = STEPS.find((s) => Math.ceil(days.length / s) <= maxTicks) ?? 28
  const epochs = days.map(dayToEpoch)
  // Days since Monday 5 January 1970: weekly steps start on Mondays; shorter ones count from the last day back.
  const onStep = (ms: number, i: number) => (step >= 7 ? (ms / DAY_MS - 4) % step === 0 : (days.length - 1 - i) % step === 0)
  return { ticks: epochs.filter(onStep), label }
}
