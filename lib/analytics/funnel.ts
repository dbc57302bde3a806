/**
 * A workflow's funnel with raw counts, for the dashboard and the seed check: the engine's overall series
 * (funnel-engine.ts, one pass in SQL) in the dashboard's shape. Counts are of distinct pseudonymous users.
 * `medianMs`: median time from the first step to the last over users who completed.
 */
import type { Sql } from '../tx'
import { computeFunnelBreakdown, type EngineQuery } from './funnel-engine'

export interface FunnelStepResult {
  step: number
  event: string
  label: string
  users: number
  /** Share of step 1's users (1 for step 1; 0 when nobody started). */
  conversion: number
  /** Users who reached the previous step but not this one. */
  dropOff: number
}

export interface FunnelResult {
  steps: FunnelStepResult[]
  started: number
  completed: number
  medianMs: number | null
}

export type FunnelQuery = Omit<EngineQuery, 'breakdown'>

export async function computeFunnel(sql: Sql, q: FunnelQuery): Promise<FunnelResult> {
  const { overall } = await computeFunnelBreakdown(sql, { ...q, breakdown: { kind: 'none' } })
  const started = overall.started
  const steps = overall.steps.map((s, i) => {
    const before = i === 0 ? s.users : overall.steps[i - 1]!.users
    return { step: s.step, event: s.event, label: s.label, users: s.users, conversion: started === 0 ? 0 : s.users / started, dropOff: before - s.users }
  })
  return { steps, started, completed: overall.completed, medianMs: overall.timeToConvert.medianMs }
}
