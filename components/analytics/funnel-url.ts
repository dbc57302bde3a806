/**
 * The funnel page's URL as a query: the page's `days` preset turned into dates ending now, the first
 * workflow when the URL names nothing, then the engine's reader (lib/analytics/funnel-params.ts). Pure.
 */
import { parseFunnelParams } from '@/lib/analytics/funnel-params'
import type { FunnelQuery } from '@/lib/analytics/funnel-query'
import type { WorkflowDefinition } from '@/lib/analytics/workflow-schema'
import { rangeDaysParam, urlFieldErrors, type FieldErrors, type RangePreset } from './funnel-builder-state'

const DAY = 86_400_000

export type FunnelUrl =
  /** The URL names no funnel and there is no workflow to start from. */
  | { kind: 'none' }
  | { kind: 'ok'; query: FunnelQuery; days: RangePreset | null; fromUrl: boolean }
  | { kind: 'invalid'; message: string; errors: FieldErrors }

export function readFunnelUrl(search: Record<string, string | string[] | undefined>, workflows: readonly WorkflowDefinition[], now: Date): FunnelUrl {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(search)) {
    const value = Array.isArray(v) ? v[0] : v
    if (value !== undefined) params.set(k, value)
  }
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
