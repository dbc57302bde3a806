/**
 * The incident board's pure core: filters from the URL, columns, counts per severity, and MTTA/MTTR.
 * No I/O; board-reads.ts feeds it rows and the board page and GET /api/incidents serve its output.
 * Client-safe (the board's client component re-uses the filter helpers).
 */
import { z } from 'zod'
import { INCIDENT_STATUSES, SEVERITIES, type IncidentStatus, type Severity } from '@/lib/severity'
import { SeveritySchema } from './schema'
import { SEVERITY_RANK } from '@/lib/severity'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** The board's columns, left to right. */
export const BOARD_COLUMNS = INCIDENT_STATUSES

/** Resolved incidents stay on the board this long unless a time range says otherwise. */
export const RESOLVED_WINDOW_MS = DAY

export const TIME_RANGES = ['1h', '24h', '7d', '30d'] as const
export type TimeRange = (typeof TIME_RANGES)[number]
export const TIME_RANGE_MS: Record<TimeRange, number> = { '1h': HOUR, '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY }
export const TIME_RANGE_LABELS: Record<TimeRange, string> = {
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
}

// ---------------------------------------------------------------------------------------------------------
// Filters (a GET form: the URL is the state, so a filtered board can be bookmarked and shared)

export type SearchParams = Record<string, string | string[] | undefined>

export interface BoardFilters {
  /** Empty: every severity. */
  severity: Severity[]
  /** A service key. */
  service?: string
  /** A user id, or 'unassigned'. */
  assignee?: string
  /** Opened within this range; also widens or narrows how long resolved incidents stay listed. */
  range?: TimeRange
}

export interface ParsedBoardFilters {
  filters: BoardFilters
  /** Names of parameters that were malformed and ignored (never an error page). */
  invalid: (keyof BoardFilters)[]
}

export const ServiceParam = z
  .string()
  .trim()
  .toLowerCase()
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/)
export const AssigneeParam = z.union([z.literal('unassigned'), z.uuid()])
const RangeParam = z.enum(TIME_RANGES)

function values(sp: SearchParams | URLSearchParams, key: string): string[] {
  const raw = sp instanceof URLSearchParams ? sp.getAll(key) : sp[key]
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]
  // "a,b" and repeated parameters both work; blanks mean "not given" (an untouched <select>).
  return list.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)
}

/** Board filters from URL search params; malformed values are dropped and named in `invalid`. */
export function parseBoardFilters(sp: SearchParams | URLSearchParams): ParsedBoardFilters {
  const invalid: ParsedBoardFilters['invalid'] = []
  const filters: BoardFilters = { severity: [] }

  const severities = values(sp, 'severity').map((v) => SeveritySchema.safeParse(v.toLowerCase()))
  if (severities.some((r) => !r.success)) invalid.push('severity')
  const chosen = new Set(severities.flatMap((r) => (r.success ? [r.data] : [])))
  filters.severity = SEVERITIES.filter((s) => chosen.has(s))

  const one = <T>(key: 'service' | 'assignee' | 'range', schema: z.ZodType<T>): T | undefined => {
    const [first] = values(sp, key)
    if (first === undefined) return undefined
    const r = schema.safeParse(first)
    if (!r.success) invalid.push(key)
    return r.success ? r.data : undefined
  }
  const service = one('service', ServiceParam)
  const assignee = one('assignee', AssigneeParam)
  const range = one('range', RangeParam)
  if (service) filters.service = service
  if (assignee) filters.assignee = assignee
  if (range) filters.range = range
  return { filters, invalid }
}

export function hasBoardFilter(f: BoardFilters): boolean {
  return f.severity.length > 0 || Boolean(f.service || f.assignee || f.range)
}

/** The filters as a query string (no leading '?'), in a stable order: the inverse of parseBoardFilters. */
export function boardFilterQuery(f: BoardFilters): string {
  const p = new URLSearchParams()
  for (const s of f.severity) p.append('severity', s)
  if (f.service) p.set('service', f.service)
  if (f.assignee) p.set('assignee', f.assignee)
  if (f.range) p.set('range', f.range)
  return p.toString()
}

/** Time bounds the filters imply at `now`: open incidents opened since `openedSince`, resolved ones since `resolvedSince`. */
export function boardWindow(f: BoardFilters, now: Date): { openedSince: Date | null; resolvedSince: Date } {
  const range = f.range ? TIME_RANGE_MS[f.range] : null
  return {
    openedSince: range === null ? null : new Date(now.getTime() - range),
    resolvedSince: new Date(now.getTime() - (range ?? RESOLVED_WINDOW_MS)),
  }
}

// ---------------------------------------------------------------------------------------------------------
// Columns and counts

/** One card on the board; dates are ISO strings so the same shape serves props, JSON and the query cache. */
export interface BoardCard {
  id: string
  number: number
  title: string
  severity: Severity
  status: IncidentStatus
  service: { key: string; name: string } | null
  workflows: string[]
  assignee: { id: string; name: string } | null
  alertCount: number
  openAlertCount: number
  triggeredAt: string
  acknowledgedAt: string | null
  resolvedAt: string | null
  updatedAt: string
  /** Opened during a maintenance window: recorded, not notified, not escalated. */
  muted: boolean
  /** The service is in a maintenance window now. */
  inMaintenance: boolean
}

export type BoardColumns = Record<IncidentStatus, BoardCard[]>

const time = (iso: string | null) => (iso ? Date.parse(iso) : 0)

/** Open columns: most severe first, then newest. Resolved: most recently resolved first. */
export function compareCards(a: BoardCard, b: BoardCard): number {
  if (a.status === 'resolved' && b.status === 'resolved') return time(b.resolvedAt) - time(a.resolvedAt) || b.number - a.number
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || time(b.triggeredAt) - time(a.triggeredAt) || b.number - a.number
}

/**
 * Cards into the four columns. Resolved incidents are kept only when resolved at or after `resolvedSince`
 * (the last 24 hours by default), so the board stays about what is happening now.
 */
export function groupIntoColumns(cards: readonly BoardCard[], resolvedSince: Date): BoardColumns {
  const columns: BoardColumns = { triggered: [], acknowledged: [], investigating: [], resolved: [] }
  const since = resolvedSince.getTime()
  for (const card of cards) {
    if (card.status === 'resolved' && time(card.resolvedAt) < since) continue
    columns[card.status].push(card)
  }
  for (const status of BOARD_COLUMNS) columns[status].sort(compareCards)
  return columns
}

export type SeverityCounts = Record<Severity, number>

/**
 * Moves a card to another column of a board snapshot (the optimistic update of a move), stamping what
 * the server will stamp. Returns the same object when the card is not on the board.
 */
export function moveCard(columns: BoardColumns, id: string, to: IncidentStatus, now: Date): BoardColumns {
  const from = BOARD_COLUMNS.find((s) => columns[s].some((c) => c.id === id))
  if (!from) return columns
  const card = columns[from].find((c) => c.id === id)!
  const iso = now.toISOString()
  const moved: BoardCard = {
    ...card,
    status: to,
    acknowledgedAt: to === 'triggered' ? null : to !== 'resolved' ? (card.acknowledgedAt ?? iso) : card.acknowledgedAt,
    resolvedAt: to === 'resolved' ? iso : null,
    updatedAt: iso,
  }
  const next: BoardColumns = { ...columns, [from]: columns[from].filter((c) => c.id !== id) }
  next[to] = [...(from === to ? next[to] : columns[to]), moved].sort(compareCards)
  return next
}

// ---------------------------------------------------------------------------------------------------------
// MTTA and MTTR

export interface ResponseTimes {
  triggeredAt: Date
  acknowledgedAt: Date | null
  resolvedAt: Date | null
}

export interface ResponseStats {
  days: number
  /** Incidents opened in the window. */
  incidents: number
  /** How many of them were acknowledged / resolved (the samples behind each mean). */
  acknowledged: number
  resolved: number
  /** Mean time to acknowledge, ms; null with no acknowledged incident in the window. */
  mttaMs: number | null
  /** Mean time to resolve (from trigger), ms; null with no resolved incident in the window. */
  mttrMs: number | null
  /** Medians of the same samples: one long incident moves a mean a lot and a median little. */
  mttaMedianMs: number | null
  mttrMedianMs: number | null
}

/** The middle value (the mean of the two middle ones for an even count), rounded to the ms; null when empty. */
export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const v = [...values].sort((a, b) => a - b)
  const mid = Math.floor(v.length / 2)
  return Math.round(v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2)
}

const meanOf = (values: readonly number[]): number | null => (values.length ? Math.round(values.reduce((a, b) => a + b, 0) / values.length) : null)

/**
 * MTTA and MTTR over the incidents opened in the last `days` days before `now` (triggeredAt in
 * (now − days, now]). MTTA counts acknowledged incidents only (auto-resolved ones never were); MTTR counts
 * resolved ones, from trigger to resolution. A timestamp before its trigger (clock skew between
 * instances) counts as zero rather than pulling the mean down.
 */
export function responseStats(rows: readonly ResponseTimes[], now: Date, days: number): ResponseStats {
  const from = now.getTime() - days * DAY
  let incidents = 0
  const ack: number[] = []
  const res: number[] = []
  for (const r of rows) {
    const t = r.triggeredAt.getTime()
    if (t <= from || t > now.getTime()) continue
    incidents += 1
    if (r.acknowledgedAt) ack.push(Math.max(0, r.acknowledgedAt.getTime() - t))
    if (r.resolvedAt) res.push(Math.max(0, r.resolvedAt.getTime() - t))
  }
  return {
    days,
    incidents,
    acknowledged: ack.length,
    resolved: res.length,
    mttaMs: meanOf(ack),
    mttrMs: meanOf(res),
    mttaMedianMs: medianOf(ack),
    mttrMedianMs: medianOf(res),
  }
}

/**
 * The whole board as the page, GET /api/incidents and the query cache hold it: the cards shown of each
 * column (its first page, then any pages loaded with "Show more"), and counts of everything that matches.
 */
export interface BoardData {
  generatedAt: string
  filters: BoardFilters
  columns: BoardColumns
  /** Cards per column that match the filters, shown or not (from the database). */
  totals: Record<IncidentStatus, number>
  /** Where each column's next page starts (board-cursor.ts); null when every card of it is shown. */
  nextCursors: Record<IncidentStatus, string | null>
  /** Open incidents per severity that match the filters (from the database). */
  counts: SeverityCounts
  openCount: number
  stats: { d7: ResponseStats; d30: ResponseStats }
  /** Some column has cards not shown yet (its next page). */
  truncated: boolean
}

/**
 * The optimistic update of a move on a board snapshot: the card changes column (moveCard) and the counts
 * follow, as the server will count once the move is saved. Unchanged when the card is not shown.
 */
export function moveOnBoard(board: BoardData, id: string, to: IncidentStatus, now: Date): BoardData {
  const from = BOARD_COLUMNS.find((s) => board.columns[s].some((c) => c.id === id))
  if (!from || from === to) return board
  const severity = board.columns[from].find((c) => c.id === id)!.severity
  const counts = { ...board.counts }
  const delta = (from === 'resolved' ? 1 : 0) - (to === 'resolved' ? 1 : 0)
  counts[severity] = Math.max(0, counts[severity] + delta)
  return {
    ...board,
    columns: moveCard(board.columns, id, to, now),
    totals: { ...board.totals, [from]: Math.max(0, board.totals[from] - 1), [to]: board.totals[to] + 1 },
    counts,
    openCount: Math.max(0, board.openCount + delta),
  }
}
