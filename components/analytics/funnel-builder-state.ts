/**
 * The funnel builder's form as plain data (a draft), and the two ways across: a draft from the query in the
 * URL or from a workflow, and a query (FunnelQuery) from a draft, with every problem as a message in words
 * under the field it belongs to. Pure: the component keeps the draft in state and calls these.
 */
import { formatInTimeZone, fromZonedTime } from 'date-fns-tz'
import { funnelParamsToSearch } from '@/lib/analytics/funnel-params'
import { FunnelQuery, MAX_FUNNEL_RANGE_DAYS, type FunnelBreakdown } from '@/lib/analytics/funnel-query'
import type { OrderMode, WorkflowDefinition, WorkflowStep } from '@/lib/analytics/workflow-schema'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

export const RANGE_PRESETS = [7, 14, 30, 90] as const
export type RangePreset = (typeof RANGE_PRESETS)[number]
export const WINDOW_UNITS = { minutes: MINUTE, hours: HOUR, days: DAY } as const
export type WindowUnit = keyof typeof WINDOW_UNITS

export type PropertyType = 'string' | 'number' | 'boolean'
/** The registered events and their properties' types: the events a step can be, and how filters are read. */
export type EventCatalogue = Readonly<Record<string, Readonly<Record<string, PropertyType>>>>

export interface StepDraft {
  event: string
  label: string
  /** "key=value, key=value". */
  filters: string
}

export interface ExclusionDraft {
  event: string
  filters: string
  afterStep: number
  beforeStep: number
}

export interface FunnelDraft {
  workflow: string
  steps: StepDraft[]
  /** Days back from now, or 'custom' for the dates below. */
  range: RangePreset | 'custom'
  /** yyyy-mm-dd, first and last day included, in the server's time zone. */
  from: string
  to: string
  window: string
  windowUnit: WindowUnit
  orderMode: OrderMode
  exclusions: ExclusionDraft[]
  breakdown: FunnelBreakdown['kind']
  experiment: string
}

export type FieldErrors = Record<string, string[]>

export const MIN_STEPS = 2
export const MAX_STEPS = 10
export const MAX_EXCLUSIONS = 5

const blankStep = (): StepDraft => ({ event: '', label: '', filters: '' })

/** "outcome=signed, ai_used=true". */
export function filtersText(filters: WorkflowStep['filters']): string {
  return Object.entries(filters)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ')
}

/** A window in the largest unit it is a whole number of. */
export function windowParts(ms: number): { window: string; windowUnit: WindowUnit } {
  if (ms % DAY === 0) return { window: String(ms / DAY), windowUnit: 'days' }
  if (ms % HOUR === 0) return { window: String(ms / HOUR), windowUnit: 'hours' }
  return { window: String(Math.round((ms / MINUTE) * 100) / 100), windowUnit: 'minutes' }
}

const day = (d: Date, timeZone: string) => formatInTimeZone(d, timeZone, 'yyyy-MM-dd')
/** The calendar day after a yyyy-mm-dd day. */
const nextDay = (value: string) => new Date(Date.parse(`${value}T00:00:00Z`) + DAY).toISOString().slice(0, 10)

/** The preset a range matches (ending now, give or take a minute), else 'custom'. */
export function presetOf(from: Date, to: Date, now: Date): RangePreset | 'custom' {
  const span = to.getTime() - from.getTime()
  if (Math.abs(now.getTime() - to.getTime()) > 5 * MINUTE) return 'custom'
  return RANGE_PRESETS.find((p) => Math.abs(span - p * DAY) < MINUTE) ?? 'custom'
}

/**
 * The page's own parameter `days` (7, 14, 30 or 90): a range that ends whenever the link is opened, so a
 * shared "last 30 days" stays the last 30 days. The page turns it into `from` and `to` before the engine
 * reads the rest (lib/analytics/funnel-params.ts); links to the CSV and the drop-offs carry the exact dates.
 */
export function rangeDaysParam(value: string | null | undefined): RangePreset | null {
  return RANGE_PRESETS.find((d) => String(d) === value) ?? null
}

/** The page's URL parameters of a query: the engine's format, with `days` instead of dates for a preset. */
export function builderSearch(query: FunnelQuery, range: RangePreset | 'custom'): string {
  const p = new URLSearchParams(funnelParamsToSearch(query))
  if (range !== 'custom') {
    p.delete('from')
    p.delete('to')
    p.set('days', String(range))
  }
  return p.toString()
}

/** A range's first and last day in the zone (`to` is exclusive: the last day holds its last instant). */
export function rangeDays(from: Date, to: Date, timeZone: string): { from: string; to: string } {
  return { from: day(from, timeZone), to: day(new Date(to.getTime() - 1), timeZone) }
}

/** The draft of a query (the one in the URL); `days` when the URL gave a preset. */
export function draftFromQuery(q: FunnelQuery, now: Date, timeZone: string, days: RangePreset | null = null): FunnelDraft {
  return {
    workflow: q.workflow ?? '',
    steps: q.steps.map((s) => ({ event: s.event, label: s.label ?? '', filters: filtersText(s.filters) })),
    range: days ?? presetOf(q.from, q.to, now),
    ...rangeDays(q.from, q.to, timeZone),
    ...windowParts(q.conversionWindowMs),
    orderMode: q.orderMode,
    exclusions: q.exclusions.map((x) => ({ event: x.event, filters: filtersText(x.filters), afterStep: x.afterStep, beforeStep: x.beforeStep })),
    breakdown: q.breakdown.kind,
    experiment: q.breakdown.kind === 'flag' ? q.breakdown.experiment : '',
  }
}

/** A first draft: the first workflow over the last 7 days, or two empty steps when there is none. */
export function initialDraft(workflow: WorkflowDefinition | undefined, now: Date, timeZone: string): FunnelDraft {
  const base: FunnelDraft = {
    workflow: '',
    steps: [blankStep(), blankStep()],
    range: 7,
    from: day(new Date(now.getTime() - 7 * DAY), timeZone),
    to: day(now, timeZone),
    window: '1',
    windowUnit: 'hours',
    orderMode: 'ordered',
    exclusions: [],
    breakdown: 'none',
    experiment: '',
  }
  return workflow ? withWorkflow(base, workflow) : base
}

/** The draft with a workflow's steps, window, order and exclusions (range and breakdown stay). */
export function withWorkflow(draft: FunnelDraft, w: WorkflowDefinition): FunnelDraft {
  return {
    ...draft,
    workflow: w.key,
    steps: w.steps.map((s) => ({ event: s.event, label: s.label ?? '', filters: filtersText(s.filters) })),
    ...windowParts(w.conversionWindowMs),
    orderMode: w.orderMode,
    exclusions: w.exclusions.map((x) => ({ event: x.event, filters: filtersText(x.filters), afterStep: x.afterStep, beforeStep: x.beforeStep })),
  }
}

export function addStep(d: FunnelDraft): FunnelDraft {
  return d.steps.length >= MAX_STEPS ? d : { ...d, steps: [...d.steps, blankStep()] }
}

/** Removes a step; exclusions that pointed past it move back with it, those left with no span go. */
export function removeStep(d: FunnelDraft, index: number): FunnelDraft {
  if (d.steps.length <= MIN_STEPS) return d
  const step = index + 1
  const shift = (n: number) => (n > step ? n - 1 : n)
  const exclusions = d.exclusions.map((x) => ({ ...x, afterStep: shift(x.afterStep), beforeStep: shift(x.beforeStep) })).filter((x) => x.afterStep < x.beforeStep)
  return { ...d, steps: d.steps.filter((_, i) => i !== index), exclusions }
}

export function moveStep(d: FunnelDraft, index: number, by: -1 | 1): FunnelDraft {
  const to = index + by
  if (to < 0 || to >= d.steps.length) return d
  const steps = [...d.steps]
  ;[steps[index], steps[to]] = [steps[to]!, steps[index]!]
  return { ...d, steps }
}

/**
 * "key=value, key=value" as a filter object, each value typed as the registry says the event's property is.
 * Returns the problems in words instead when it cannot.
 */
export function parseFilters(text: string, event: string, catalogue: EventCatalogue): { ok: true; filters: Record<string, string | number | boolean> } | { ok: false; message: string } {
  const filters: Record<string, string | number | boolean> = {}
  const parts = text
    .split(/[,\n]/)
    .map((p) => p.trim())
    .filter(Boolean)
  const known = catalogue[event] ?? {}
  for (const part of parts) {
    const eq = part.indexOf('=')
    const key = eq < 0 ? '' : part.slice(0, eq).trim()
    const raw = eq < 0 ? '' : part.slice(eq + 1).trim()
    if (!key || eq < 0) return { ok: false, message: `“${part}” is not key=value; separate filters with commas` }
    const type = known[key]
    if (!type) {
      const names = Object.keys(known)
      return { ok: false, message: `${event || 'This event'} has no property “${key}”${names.length ? ` (it has ${names.join(', ')})` : ' (it has no registered properties)'}` }
    }
    if (type === 'number') {
      if (raw === '' || !Number.isFinite(Number(raw))) return { ok: false, message: `${key} is a number, not “${raw}”` }
      filters[key] = Number(raw)
    } else if (type === 'boolean') {
      if (raw !== 'true' && raw !== 'false') return { ok: false, message: `${key} is true or false, not “${raw}”` }
      filters[key] = raw === 'true'
    } else {
      if (raw === '') return { ok: false, message: `Give ${key} a value` }
      filters[key] = raw
    }
  }
  return { ok: true, filters }
}

function dateAt(value: string, timeZone: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null
  const d = fromZonedTime(`${value}T00:00:00`, timeZone)
  return Number.isFinite(d.getTime()) ? d : null
}

/** The range a draft stands for: a preset ends now; custom dates run from the first day's midnight to the one after the last day. */
export function draftRange(d: FunnelDraft, now: Date, timeZone: string): { from: Date | null; to: Date | null } {
  if (d.range !== 'custom') return { from: new Date(now.getTime() - d.range * DAY), to: now }
  const from = dateAt(d.from, timeZone)
  const last = dateAt(d.to, timeZone)
  return { from, to: last && dateAt(nextDay(d.to), timeZone) }
}

/** The URL reader's problems (lib/analytics/funnel-params.ts) under the builder's fields, in its words. */
export function urlFieldErrors(fields: Record<string, string[]>): FieldErrors {
  const out: FieldErrors = {}
  for (const [key, messages] of Object.entries(fields)) {
    for (const m of messages) {
      const { field, message } = messageFor(key === '_' ? 'form' : key, m)
      if (!out[field]?.includes(message)) (out[field] ??= []).push(message)
    }
  }
  return out
}

/** Messages of the schema, in the page's words where the schema's own would be technical. */
function messageFor(path: string, message: string): { field: string; message: string } {
  if (path === 'conversionWindowMs') return { field: 'window', message: /such as/.test(message) ? message : 'The conversion window is 1 second to 30 days' }
  if (/^steps\.\d+\.event$/.test(path) || /^exclusions\.\d+\.event$/.test(path)) return { field: path, message: 'Choose an event' }
  if (path === 'breakdown.experiment') return { field: path, message: 'Choose an experiment' }
  if (path === 'breakdown' && /experiment/i.test(message)) return { field: 'breakdown.experiment', message: 'There is no such experiment: choose one of the list' }
  if (path === 'breakdown' || path === 'breakdown.kind') return { field: 'breakdown', message: 'Break down by role, department, site, app version or a flag variant' }
  if (path === 'orderMode') return { field: 'form', message: 'The step order is in order, strict or any' }
  if (path === 'from' || path === 'to') {
    if (message === 'from must be before to') return { field: 'range', message: 'The first day must be before the last' }
    if (/at most/.test(message)) return { field: 'range', message: `The range is at most ${MAX_FUNNEL_RANGE_DAYS} days` }
    return { field: 'range', message: 'The dates are not readable: choose a range again' }
  }
  return { field: path || 'form', message }
}

export type DraftResult = { ok: true; query: FunnelQuery } | { ok: false; errors: FieldErrors }

/** The query a draft stands for, or what is wrong with it, field by field. */
export function draftToQuery(d: FunnelDraft, ctx: { now: Date; timeZone: string; catalogue: EventCatalogue }): DraftResult {
  const errors: FieldErrors = {}
  const add = (field: string, message: string) => (errors[field] ??= []).push(message)
  const filtersOf = (text: string, event: string, field: string) => {
    const f = parseFilters(text, event, ctx.catalogue)
    if (!f.ok) add(field, f.message)
    return f.ok ? f.filters : {}
  }
  const steps = d.steps.map((s, i) => ({ event: s.event, label: s.label.trim() || undefined, filters: filtersOf(s.filters, s.event, `steps.${i}.filters`) }))
  const exclusions = d.exclusions.map((x, i) => ({ event: x.event, afterStep: x.afterStep, beforeStep: x.beforeStep, filters: filtersOf(x.filters, x.event, `exclusions.${i}.filters`) }))
  const amount = Number(d.window)
  if (d.window.trim() === '' || !Number.isFinite(amount) || amount <= 0) add('window', 'Give the conversion window as a number above 0')
  const { from, to } = draftRange(d, ctx.now, ctx.timeZone)
  if (!from) add('from', 'Give the first day as a date')
  if (!to) add('to', 'Give the last day as a date')
  const breakdown: FunnelBreakdown = d.breakdown === 'flag' ? { kind: 'flag', experiment: d.experiment } : { kind: d.breakdown }

  const parsed = FunnelQuery.safeParse({
    workflow: d.workflow || undefined,
    steps,
    from: from ?? new Date(NaN),
    to: to ?? new Date(NaN),
    conversionWindowMs: Math.round(amount * WINDOW_UNITS[d.windowUnit]),
    orderMode: d.orderMode,
    exclusions,
    breakdown,
  })
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.')
      // Already said in words above, field by field.
      if ((path === 'from' && !from) || (path === 'to' && !to) || (path === 'conversionWindowMs' && errors.window)) continue
      const { field, message } = messageFor(path, issue.message)
      if (!errors[field]?.includes(message)) add(field, message)
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors }
  return { ok: true, query: parsed.data }
}
