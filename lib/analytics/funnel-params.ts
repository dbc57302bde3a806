/**
 * A funnel query in a URL, one format for the page (/analytics/funnels?…) and the API
 * (GET /api/analytics/funnel?…). Pure: the browser uses it too.
 *
 * | param | value |
 * |---|---|
 * | `workflow` | a workflow's key: its steps, window, order and exclusions, unless given below |
 * | `steps` | JSON: `["a","b"]` or `[{"event":"a","filters":{"ai":true},"label":"…"}, …]` (2–10) |
 * | `from`, `to` | ISO 8601 date-times; default the 7 days up to now |
 * | `window` | conversion window: `90s`, `30m`, `1h`, `2d` or milliseconds; default the workflow's, else 1h |
 * | `order` | `ordered` (default), `strict`, `any` |
 * | `exclusions` | JSON: `[{"event":"x","afterStep":1,"beforeStep":2,"filters":{}}]` |
 * | `breakdown` | `none` (default), `role`, `department`, `site`, `appVersion`, `flag:<experiment key>` |
 */
import { FunnelQuery, type FunnelQueryInput } from './funnel-query'
import type { WorkflowDefinition } from './workflow-schema'

const DAY = 86_400_000
const UNITS = { s: 1000, m: 60_000, h: 3_600_000, d: DAY } as const
export const DEFAULT_WINDOW_MS = 3_600_000
export const DEFAULT_RANGE_DAYS = 7

export type FunnelParamsInput = URLSearchParams | Record<string, string | string[] | undefined>
export type FunnelParamsResult =
  | { ok: true; query: FunnelQuery }
  /** 400: a parameter is not even readable (bad JSON); 404: no such workflow; 422: readable but invalid. */
  | { ok: false; status: 400 | 404 | 422; message: string; fields: Record<string, string[]> }

function getter(params: FunnelParamsInput): (name: string) => string | undefined {
  if (params instanceof URLSearchParams) return (name) => params.get(name) ?? undefined
  return (name) => {
    const v = params[name]
    return Array.isArray(v) ? v[0] : v
  }
}

/** `30m` → 1 800 000; a bare number is milliseconds; undefined when unreadable. */
export function parseWindow(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text)
  if (!m) return undefined
  const n = Number(m[1])
  const unit = m[2] && m[2] !== 'ms' ? UNITS[m[2] as keyof typeof UNITS] : 1
  return Math.round(n * unit)
}

/** The shortest whole unit: 3 600 000 → `1h`, 5 400 000 → `90m`, 1500 → `1500`. */
export function formatWindow(ms: number): string {
  for (const [unit, size] of [['d', DAY], ['h', UNITS.h], ['m', UNITS.m], ['s', UNITS.s]] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`
  }
  return String(ms)
}

/** A date-time with its date and time (a bare number or word is no date here); Invalid Date otherwise. */
function isoDate(text: string): Date {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) ? new Date(text) : new Date(Number.NaN)
}

function fail(status: 400 | 404 | 422, field: string, message: string): FunnelParamsResult {
  return { ok: false, status, message, fields: { [field]: [message] } }
}

function readJson(get: (n: string) => string | undefined, name: string): { ok: true; value: unknown } | { ok: false } {
  const text = get(name)
  if (text === undefined || text === '') return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

/** Reads a funnel query from URL parameters; `now` sets the default range (the 7 days up to it). */
export function parseFunnelParams(params: FunnelParamsInput, workflows: readonly WorkflowDefinition[], opts: { now?: Date } = {}): FunnelParamsResult {
  const get = getter(params)
  const workflowKey = get('workflow') || undefined
  const workflow = workflowKey === undefined ? undefined : workflows.find((w) => w.key === workflowKey)
  if (workflowKey !== undefined && !workflow) return fail(404, 'workflow', `There is no workflow "${workflowKey}"`)

  const steps = readJson(get, 'steps')
  if (!steps.ok) return fail(400, 'steps', 'steps is not valid JSON')
  const exclusions = readJson(get, 'exclusions')
  if (!exclusions.ok) return fail(400, 'exclusions', 'exclusions is not valid JSON')
  const stepList = Array.isArray(steps.value) ? steps.value.map((s: unknown) => (typeof s === 'string' ? { event: s } : s)) : steps.value
  if (stepList === undefined && !workflow) return fail(422, 'steps', 'Give the steps or a workflow')

  const windowText = get('window')
  const windowMs = windowText === undefined || windowText === '' ? (workflow?.conversionWindowMs ?? DEFAULT_WINDOW_MS) : parseWindow(windowText)
  if (windowMs === undefined) return fail(400, 'conversionWindowMs', 'window is a duration such as 30m, 1h or 2d')

  const breakdownText = get('breakdown') || 'none'
  const breakdown = breakdownText.startsWith('flag:') ? { kind: 'flag', experiment: breakdownText.slice(5) } : { kind: breakdownText }

  const now = opts.now ?? new Date()
  const to = isoDate(get('to') || now.toISOString())
  const from = isoDate(get('from') || (Number.isNaN(to.getTime()) ? '' : new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY).toISOString()))
  const input = {
    workflow: workflowKey,
    steps: stepList ?? workflow?.steps,
    from,
    to,
    conversionWindowMs: windowMs,
    orderMode: get('order') || workflow?.orderMode,
    exclusions: exclusions.value ?? workflow?.exclusions,
    breakdown,
  }
  const parsed = FunnelQuery.safeParse(input)
  if (parsed.success) return { ok: true, query: parsed.data }
  const fields: Record<string, string[]> = {}
  for (const issue of parsed.error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_'
    ;(fields[key] ??= []).push(issue.code === 'invalid_type' && (key === 'from' || key === 'to') ? 'Expected an ISO date-time' : issue.message)
  }
  const [first] = Object.entries(fields)
  return { ok: false, status: 422, message: first ? `${first[0]}: ${first[1][0]}` : 'The funnel is invalid', fields }
}

/** The query as URL parameters, read back by parseFunnelParams (`order` always; no breakdown when none). */
export function funnelParamsToSearch(query: FunnelQueryInput | FunnelQuery): string {
  const p = new URLSearchParams()
  if (query.workflow) p.set('workflow', query.workflow)
  const steps = query.steps.map((s) => (Object.keys(s.filters ?? {}).length === 0 && !s.label ? s.event : { event: s.event, ...(Object.keys(s.filters ?? {}).length ? { filters: s.filters } : {}), ...(s.label ? { label: s.label } : {}) }))
  p.set('steps', JSON.stringify(steps))
  p.set('from', new Date(query.from as string | number | Date).toISOString())
  p.set('to', new Date(query.to as string | number | Date).toISOString())
  p.set('window', formatWindow(query.conversionWindowMs))
  // Order and exclusions are written even when default: with a workflow, a missing one means the workflow's.
  p.set('order', query.orderMode ?? 'ordered')
  if ((query.exclusions && query.exclusions.length > 0) || query.workflow) p.set('exclusions', JSON.stringify((query.exclusions ?? []).map((x) => ({ event: x.event, afterStep: x.afterStep, beforeStep: x.beforeStep, ...(Object.keys(x.filters ?? {}).length ? { filters: x.filters } : {}) }))))
  const b = query.breakdown
  if (b && b.kind !== 'none') p.set('breakdown', b.kind === 'flag' ? `flag:${b.experiment}` : b.kind)
  return p.toString()
}
