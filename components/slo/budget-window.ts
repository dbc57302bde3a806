/** The length of an SLO's window in minutes, from the summary `GET /api/slo` returns. Pure. */
import { nextLocalMonth, startOfLocalMonth } from '@/lib/slo/windows'

/** '30d' → 43,200; 'calendar_month' → the whole month's minutes in `timeZone` (its budget is the month's). */
export function windowMinutesOf(summary: { window: string; windowStart: string }, timeZone: string): number | null {
  const rolling = /^(\d+)d$/.exec(summary.window)
  if (rolling) return Number(rolling[1]) * 1440
  if (summary.window === 'calendar_month') {
    const start = startOfLocalMonth(new Date(summary.windowStart), timeZone)
    return Math.round((nextLocalMonth(start, timeZone).getTime() - start.getTime()) / 60_000)
  }
  return null
}

/** "30-day rolling window", "calendar month". */
export function windowWords(window: string): string {
  const rolling = /^(\d+)d$/.exec(window)
  if (rolling) return `${rolling[1]}-day rolling window`
  return window === 'calendar_month' ? 'calendar month' : window
}
