/**
 * The security page's filter lives in the URL (a GET form), like the audit log's: lenient parsing, a
 * malformed value is dropped and named in `invalid`. Dates are whole UTC days, `to` included. Without a
 * date the page shows the last EVENT_DEFAULT_DAYS days.
 */
import { SEVERITIES, type Severity } from '@/lib/severity'
import { isSecurityRule, type SecurityRule } from './settings'

export const EVENT_PAGE_SIZE = 100
export const EVENT_DEFAULT_DAYS = 30
const DAY_MS = 86_400_000
const TEXT_MAX = 200

export type SearchParams = Record<string, string | string[] | undefined>

export interface EventFilterValues {
  rule: string
  severity: string
  subject: string
  from: string
  to: string
}

export interface EventQuery {
  rule?: SecurityRule
  /** This severity or worse. */
  severity?: Severity
  /** Part of the subject or its label (address, e-mail, key name), case-insensitive. */
  subject?: string
  /** Inclusive lower bound of detectedAt. */
  from: Date
  /** Exclusive upper bound of detectedAt. */
  to?: Date
  limit: number
}

export interface ParsedEventFilter {
  values: EventFilterValues
  query: EventQuery
  invalid: (keyof EventFilterValues)[]
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? ''

/** `YYYY-MM-DD` as the UTC midnight that starts it; undefined when not a real calendar day. */
export function parseDay(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined
  const d = new Date(`${value}T00:00:00.000Z`)
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? undefined : d
}

export function parseEventSearchParams(sp: SearchParams, now: Date): ParsedEventFilter {
  const values: EventFilterValues = { rule: first(sp.rule), severity: first(sp.severity), subject: first(sp.subject), from: first(sp.from), to: first(sp.to) }
  const invalid: ParsedEventFilter['invalid'] = []
  const query: EventQuery = { from: new Date(now.getTime() - EVENT_DEFAULT_DAYS * DAY_MS), limit: EVENT_PAGE_SIZE }
  if (values.rule) {
    if (isSecurityRule(values.rule)) query.rule = values.rule
    else invalid.push('rule')
  }
  if (values.severity) {
    if ((SEVERITIES as readonly string[]).includes(values.severity)) query.severity = values.severity as Severity
    else invalid.push('severity')
  }
  if (values.subject) {
    if (values.subject.length > TEXT_MAX) invalid.push('subject')
    else query.subject = values.subject
  }
  const from = values.from ? parseDay(values.from) : undefined
  if (values.from && !from) invalid.push('from')
  if (from) query.from = from
  const to = values.to ? parseDay(values.to) : undefined
  if (values.to && (!to || to.getTime() < query.from.getTime())) invalid.push('to')
  else if (to) query.to = new Date(to.getTime() + DAY_MS)
  return { values, query, invalid }
}

export const hasEventFilter = (v: EventFilterValues) => Object.values(v).some(Boolean)

/** The severities at or above a floor, worst first. */
export function severitiesFrom(floor: Severity): Severity[] {
  return SEVERITIES.slice(0, SEVERITIES.indexOf(floor) + 1)
}
