/**
 * The funnel page's URL as a query: the page's `days` preset turned into dates ending now, the first
 * workflow when the URL names nothing, then the engine's reader (lib/analytics/funnel-params.ts). Pure.
 */
import { parseFunnelParams, parseWindow } from '@/lib/analytics/funnel-params'
import { BREAKDOWN_DIMENSIONS } from '@/lib/analytics/funnel-query'
import type { FunnelQuery } from '@/lib/analytics/funnel-query'
import { ORDER_MODES, type WorkflowDefinition } from '@/lib/analytics/workflow-schema'
import { filtersText, initialDraft, rangeDays, rangeDaysParam, urlFieldErrors, windowParts, type FieldErrors, type FunnelDraft, type RangePreset } from './funnel-builder-state'

const DAY = 86_400_000

export type FunnelUrl =
  /** The URL names no funnel and there is no workflow to start from. */
  | { kind: 'none' }
  | { kind: 'ok'; query: FunnelQuery; days: RangePreset | null; fromUrl: boolean }
  | { kind: 'invalid'; message: string; errors: FieldErrors }

type Search = Record<string, string | string[] | undefined>

function paramsOf(search: Search): URLSearchParams {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(search)) {
    const value = Array.isArray(v) ? v[0] : v
    if (value !== undefined) params.set(k, value)
  }
  return params
}

export function readFunnelUrl(search: Search, workflows: readonly WorkflowDefinition[], now: Date): FunnelUrl {
  const params = paramsOf(search)
  const fromUrl = params.has('workflow') || params.has('steps')
  if (!fromUrl) {
    if (workflows.length === 0) return { kind: 'none' }
    params.set('workflow', workflows[0]!.key)
  }
  const days = rangeDaysParam(params.get('days')) ?? (params.has('from') || params.has('to') ? null : 7)
  if (days !== null && !params.has('from') && !params.has('to')) {
    params.set('to', now.toISOString())
    params.set('from', new Date(now.getTime() - days * DAY).toISOString())
  }
  params.delete('days')
  const parsed = parseFunnelParams(params, workflows, { now })
  if (!parsed.ok) return { kind: 'invalid', message: parsed.message, errors: urlFieldErrors(parsed.fields) }
  return { kind: 'ok', query: parsed.query, days, fromUrl }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
function json(text: string | null): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined
  } catch {
    return undefined
  }
}
const filtersOf = (v: unknown) => (isObject(v) ? filtersText(Object.fromEntries(Object.entries(v).filter((e): e is [string, string | number | boolean] => ['string', 'number', 'boolean'].includes(typeof e[1])))) : '')

/**
 * The builder's draft of a link that does not make a valid funnel: whatever of it can be read (a window too
 * long, an unknown breakdown left at none), so each problem stands beside the value it is about.
 */
export function draftOfInvalidUrl(search: Search, workflows: readonly WorkflowDefinition[], now: Date, timeZone: string): FunnelDraft {
  const p = paramsOf(search)
  const d = initialDraft(workflows.find((w) => w.key === p.get('workflow')) ?? workflows[0], now, timeZone)
  const steps = json(p.get('steps'))
  if (Array.isArray(steps) && steps.length > 0) {
    d.steps = steps.slice(0, 10).map((s: unknown) => (isObject(s) ? { event: String(s.event ?? ''), label: String(s.label ?? ''), filters: filtersOf(s.filters) } : { event: String(s), label: '', filters: '' }))
  }
  const exclusions = json(p.get('exclusions'))
  if (Array.isArray(exclusions)) {
    d.exclusions = exclusions.filter(isObject).slice(0, 5).map((x) => ({ event: String(x.event ?? ''), filters: filtersOf(x.filters), afterStep: Number(x.afterStep) || 1, beforeStep: Number(x.beforeStep) || 2 }))
  }
  const windowMs = parseWindow(p.get('window') ?? '')
  if (windowMs !== undefined && windowMs > 0) Object.assign(d, windowParts(windowMs))
  const order = ORDER_MODES.find((m) => m === p.get('order'))
  if (order) d.orderMode = order
  const breakdown = p.get('breakdown') ?? ''
  if (breakdown.startsWith('flag:')) Object.assign(d, { breakdown: 'flag', experiment: breakdown.slice(5) })
  else d.breakdown = BREAKDOWN_DIMENSIONS.find((b) => b === breakdown) ?? 'none'
  const days = rangeDaysParam(p.get('days'))
  const [from, to] = [new Date(p.get('from') ?? ''), new Date(p.get('to') ?? '')]
  if (days) d.range = days
  else if (Number.isFinite(from.getTime()) && Number.isFinite(to.getTime())) {
    Object.assign(d, { range: 'custom', ...rangeDays(from, to, timeZone) })
  }
  return d
}

