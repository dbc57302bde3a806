/**
 * Recurring maintenance, pure: an RFC 5545 RRULE body (no DTSTART, UTC) read with the `rrule` package, the
 * windows it produces in a span, and the rule in words. The database side (schedules and their
 * materialised windows) is maintenance-schedules.ts.
 *
 * The rule counts from its anchor, midnight UTC of the day the schedule was created: COUNT=4 means four
 * windows from then, INTERVAL=2 alternates from that week, and a rule without BYHOUR/BYMINUTE starts at
 * 00:00 UTC. Rules that recur more often than daily (HOURLY, MINUTELY, SECONDLY) are refused: a service
 * would live in maintenance and its incidents would never page.
 */
import * as rruleModule from 'rrule'
import type { Options, RRule as Rule } from 'rrule'
import { DAY_MS, MINUTE_MS } from '@/lib/time'

export const MAX_RRULE_LENGTH = 300
export const MAX_DURATION_MINUTES = 24 * 60
/** Occurrences materialised per schedule and span at most (a daily rule over 30 days needs 31). */
export const MAX_OCCURRENCES = 100

// The package gives bundlers ES modules but Node (the CLI, the seed under tsx) a UMD bundle whose named
// exports Node cannot see: take RRule from whichever shape arrived.
const { RRule } = 'RRule' in rruleModule ? rruleModule : (rruleModule as unknown as { default: typeof rruleModule }).default

const ALLOWED_FREQ = new Set([RRule.YEARLY, RRule.MONTHLY, RRule.WEEKLY, RRule.DAILY])

/** Midnight UTC of `createdAt`'s day: where a schedule's rule starts counting. */
export function recurrenceAnchor(createdAt: Date): Date {
  return new Date(Date.UTC(createdAt.getUTCFullYear(), createdAt.getUTCMonth(), createdAt.getUTCDate()))
}

/** The rule text as stored: trimmed, upper case, without an "RRULE:" prefix. */
export function normaliseRrule(text: string): string {
  return text.trim().replace(/^RRULE:/i, '').toUpperCase()
}

export type ParsedRecurrence = { ok: true; rule: Rule } | { ok: false; problem: string }

/**
 * Reads a rule body anchored at `anchor`. Refuses, with a sentence for the form: text that is not one
 * RRULE, a missing or sub-daily FREQ, DTSTART/TZID (the anchor and UTC are implied), and, given `now`
 * (a rule being saved), one with no occurrence in the year after it.
 */
export function parseRecurrence(text: string, anchor: Date, now?: Date): ParsedRecurrence {
  const body = normaliseRrule(text)
  if (!body) return { ok: false, problem: 'Give a rule, e.g. FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0' }
  if (body.length > MAX_RRULE_LENGTH) return { ok: false, problem: `Keep the rule under ${MAX_RRULE_LENGTH} characters` }
  if (/[\r\n:]/.test(body) || /(^|;)(DTSTART|TZID)=/.test(body)) {
    return { ok: false, problem: 'Give only the RRULE part (FREQ=…;BYDAY=…); the start is the day you create it, in UTC' }
  }
  let options: Partial<Options>
  try {
    options = RRule.parseString(body)
  } catch {
    return { ok: false, problem: 'This is not an RFC 5545 recurrence rule, e.g. FREQ=MONTHLY;BYDAY=1SA;BYHOUR=1' }
  }
  if (options.freq === undefined) return { ok: false, problem: 'Start the rule with FREQ=DAILY, WEEKLY, MONTHLY or YEARLY' }
  if (!ALLOWED_FREQ.has(options.freq)) return { ok: false, problem: 'Maintenance can recur at most daily: use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY' }
  let rule: Rule
  try {
    rule = new RRule({ ...options, dtstart: anchor, tzid: null })
    // Some malformed parts (BYDAY=XX) only fail when the rule is first expanded.
    const next = rule.after(now ?? anchor, true)
    if (now && (!next || next.getTime() > now.getTime() + 366 * DAY_MS)) {
      return { ok: false, problem: 'This rule has no occurrence in the coming year' }
    }
  } catch {
    return { ok: false, problem: 'This is not an RFC 5545 recurrence rule, e.g. FREQ=MONTHLY;BYDAY=1SA;BYHOUR=1' }
  }
  return { ok: true, rule }
}

export interface Occurrence {
  startsAt: Date
  endsAt: Date
}

/** Windows of `rule` (each `durationMinutes` long) that overlap [from, to), oldest first, at most MAX_OCCURRENCES. */
export function occurrencesOverlapping(rule: Rule, durationMinutes: number, from: Date, to: Date): Occurrence[] {
  const length = durationMinutes * MINUTE_MS
  // A window that started up to one duration before `from` is still in progress at `from`.
  const starts = rule.between(new Date(from.getTime() - length), to, false, (_d, i) => i < MAX_OCCURRENCES)
  return starts.map((startsAt) => ({ startsAt, endsAt: new Date(startsAt.getTime() + length) })).filter((o) => o.endsAt > from && o.startsAt < to)
}

/** The next `n` windows that have not ended at `now` (a window in progress comes first). */
export function nextOccurrences(rule: Rule, durationMinutes: number, now: Date, n = 3): Occurrence[] {
  const out: Occurrence[] = []
  const length = durationMinutes * MINUTE_MS
  let cursor = new Date(now.getTime() - length)
  while (out.length < n) {
    const start = rule.after(cursor, false)
    if (!start) break
    if (start.getTime() + length > now.getTime()) out.push({ startsAt: start, endsAt: new Date(start.getTime() + length) })
    cursor = start
  }
  return out
}

const two = (n: number) => String(n).padStart(2, '0')
const clock = (d: Date) => `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`

/** "Lasts 2 h", "lasts 90 min". */
export function formatDurationMinutes(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60} h`
  return minutes > 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`
}

/**
 * The rule in words with its clock times, e.g. "Every week on Sunday, 02:00–04:00 UTC". The times come
 * from the next occurrence (rrule's own text drops minutes); without one, the words alone.
 */
export function describeRecurrence(rule: Rule, durationMinutes: number, now: Date): string {
  const text = rule.toText().replace(/ at \d+(, \d+)*( and \d+)?$/, '')
  const words = text.charAt(0).toUpperCase() + text.slice(1)
  const [next] = nextOccurrences(rule, durationMinutes, now, 1)
  if (!next) return `${words}, for ${formatDurationMinutes(durationMinutes)}`
  return `${words}, ${clock(next.startsAt)}–${clock(next.endsAt)} UTC (${formatDurationMinutes(durationMinutes)})`
}
