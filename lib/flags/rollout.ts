/**
 * Canary rollout maths (pure). A plan serves `percentage` of subjects the rollout variant through the
 * environment's default split; the job `rollout-advance` asks `decideRollout` what to do next:
 *   - rollback   when a guarded SLO has more than `violationThreshold` violations since the rollout (re)started:
 *                the percentage is halved (the operations guide's rule) and the plan stops (rolled_back);
 *   - hold       when the step is due but a guarded SLO has an open violation (advance only while healthy);
 *   - advance    to the next stage above the current percentage once `nextStageAt` has passed;
 *                reaching 100 % completes the plan.
 * Stage indices follow the percentage (the highest stage at or below it), so a plan halved from 50 % to 25 %
 * and resumed climbs 25 → 50 → 100 again rather than jumping.
 */
import type { RolloutStatus, Serve } from './schema'

export interface RolloutState {
  stages: readonly number[]
  stageIntervalHours: number
  currentStage: number
  percentage: number
  status: RolloutStatus
  violationThreshold: number
  startedAt: Date
  nextStageAt: Date | null
}

export interface GuardedSloHealth {
  sloKey: string
  /** Violations (opened) since the rollout started or was resumed. */
  violationsSinceStart: number
  /** Violations not yet resolved. */
  open: number
}

export type RolloutDecision =
  | { kind: 'none'; reason: string }
  | { kind: 'hold'; reason: string; sloKey: string }
  | { kind: 'advance'; stage: number; percentage: number; nextStageAt: Date | null; completed: boolean }
  | { kind: 'rollback'; sloKey: string; violations: number; from: number; to: number }

const HOUR_MS = 3_600_000

/** Rounds to the bucket resolution (0.01 %). */
export const roundPercentage = (p: number): number => Math.round(Math.min(100, Math.max(0, p)) * 100) / 100

/** The index of the highest stage at or below the percentage (0 when below the first stage). */
export function stageIndexFor(stages: readonly number[], percentage: number): number {
  let idx = 0
  for (let i = 0; i < stages.length; i++) if (stages[i]! <= percentage) idx = i
  return idx
}

/** The next stage strictly above the percentage, or null when the plan is at 100 %. */
export function nextStage(stages: readonly number[], percentage: number): { index: number; percentage: number } | null {
  const index = stages.findIndex((s) => s > percentage)
  return index < 0 ? null : { index, percentage: stages[index]! }
}

export function nextStageTime(from: Date, intervalHours: number): Date {
  return new Date(from.getTime() + intervalHours * HOUR_MS)
}

/** Share of the plan done, 0..1 (for the progress bar). */
export function rolloutProgress(state: Pick<RolloutState, 'percentage'>): number {
  return Math.min(1, Math.max(0, state.percentage / 100))
}

/** The halved percentage of an automatic rollback (e.g. 50 → 25, 5 → 2.5). */
export function halve(percentage: number): number {
  return roundPercentage(percentage / 2)
}

export function decideRollout(state: RolloutState, health: readonly GuardedSloHealth[], now: Date): RolloutDecision {
  if (state.status !== 'running') return { kind: 'none', reason: `rollout is ${state.status}` }
  const breach = health.find((h) => h.violationsSinceStart > state.violationThreshold)
  if (breach) {
    return { kind: 'rollback', sloKey: breach.sloKey, violations: breach.violationsSinceStart, from: state.percentage, to: halve(state.percentage) }
  }
  const next = nextStage(state.stages, state.percentage)
  if (!next) return { kind: 'advance', stage: state.stages.length - 1, percentage: 100, nextStageAt: null, completed: true }
  if (state.nextStageAt && state.nextStageAt.getTime() > now.getTime()) return { kind: 'none', reason: 'next stage not yet due' }
  const unhealthy = health.find((h) => h.open > 0)
  if (unhealthy) return { kind: 'hold', reason: `guarded SLO ${unhealthy.sloKey} has an open violation`, sloKey: unhealthy.sloKey }
  const completed = next.percentage >= 100
  return {
    kind: 'advance',
    stage: next.index,
    percentage: next.percentage,
    nextStageAt: completed ? null : nextStageTime(now, state.stageIntervalHours),
    completed,
  }
}

/**
 * The default split serving `percentage` of subjects the rollout variant and the rest the baseline. The
 * rollout variant comes first so that raising the percentage keeps everyone already in (bucket < p); both
 * parts stay even at 0 or 100 % so the baseline is remembered.
 */
export function rolloutServe(variant: string, baseline: string, percentage: number): Serve {
  const p = roundPercentage(percentage)
  return { split: [{ variant, weight: p }, { variant: baseline, weight: roundPercentage(100 - p) }] }
}

/** The variant a rollout moves away from: the other part of the current split, else the single variant served. */
export function baselineOf(current: Serve, variant: string, offVariant: string): string {
  if ('variant' in current) return current.variant !== variant ? current.variant : offVariant
  return current.split.find((p) => p.variant !== variant)?.variant ?? offVariant
}
