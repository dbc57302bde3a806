/**
 * The audit log's filter lives in the URL (a GET form), so a filtered view can be bookmarked and shared.
 * Parsing is lenient: a malformed value is dropped and named in `invalid`, never answered with an error
 * page. Dates are whole days in UTC; `to` includes its day (the query bound is the next midnight).
 */
export const AUDIT_PAGE_SIZE = 50

export type SearchParams = Record<string, string | string[] | undefined>

export interface AuditFilterValues {
  actor: string
  action: string
  targetType: string
  targetId: string
  from: string
  to: string
}

export interface AuditLogQuery {
  /** Matches the actor's label (e-mail, key name) in part, or the actor id exactly. */
  actor?: string
  action?: string
  targetType?: string
  targetId?: string
  /** Inclusive lower bound. */
  from?: Date
  /** Exclusive upper bound. */
  to?: Date
  /** Id of the last row already shown; the page starts after it (keyset pagination, id descending). */
  cursor?: string
  limit?: number
}

export interface ParsedAuditFilter {
  values: AuditFilterValues
  query: AuditLogQuery
  /** Names of the fields that were ignored because they were malformed. */
  invalid: (keyof AuditFilterValues | 'cursor')[]
}

const DAY_MS = 24 * 60 * 60 * 1000
const TEXT_MAX = 200
const NAME_PATTERN = /^[A-Za-z0-9_.:-]{1,100}$/

function first(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v)?.trim() ?? ''
}

/** `YYYY-MM-DD` as the UTC midnight that starts it; undefined when not a real calendar day. */
export function parseDay(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined
  const d = new Date(`${value}T00:00:00.000Z`)
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? undefined : d
}

export function parseAuditSearchParams(sp: SearchParams): ParsedAuditFilter {
  const values: AuditFilterValues = {
    actor: first(sp.actor),
    action: first(sp.action),
    targetType: first(sp.targetType),
    targetId: first(sp.targetId),
    from: first(sp.from),
    to: first(sp.to),
  }
  const invalid: ParsedAuditFilter['invalid'] = []
  const query: AuditLogQuery = { limit: AUDIT_PAGE_SIZE }

  const text = (key: 'actor' | 'targetId') => {
    if (!values[key]) return
    if (values[key].length > TEXT_MAX) invalid.push(key)
    else query[key] = values[key]
  }
  const name = (key: 'action' | 'targetType') => {
    if (!values[key]) return
    if (NAME_PATTERN.test(values[key])) query[key] = values[key]
    else invalid.push(key)
  }
  text('actor')
  text('targetId')
  name('action')
  name('targetType')

  if (values.from) {
    const d = parseDay(values.from)
    if (d) query.from = d
    else invalid.push('from')
  }
  if (values.to) {
    const d = parseDay(values.to)
    if (d && (!query.from || d >= query.from)) query.to = new Date(d.getTime() + DAY_MS)
    else invalid.push('to')
  }

  const cursor = first(sp.cursor)
  if (cursor) {
    // A bigint id: digits only, within int8.
    if (/^[1-9]\d{0,18}$/.test(cursor)) query.cursor = cursor
    else invalid.push('cursor')
  }
  return { values, query, invalid }
}

export function hasAuditFilter(values: AuditFilterValues): boolean {
  return Object.values(values).some((v) => v !== '')
}

/** The audit page's URL for these filter values, optionally continuing after `cursor`. */
export function auditHref(values: AuditFilterValues, cursor?: string): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(values)) if (v) params.set(k, v)
  if (cursor) params.set('cursor', cursor)
  const qs = params.toString()
  return qs ? `/admin/audit?${qs}` : '/admin/audit'
}
