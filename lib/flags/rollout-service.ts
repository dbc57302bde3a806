/**
 * Canary rollouts on the server: start / percentage / resume (planned, so gates and 4-eyes can hold them),
 * pause and roll back (safety actions: never gated), and the `rollout-advance` job's step — advance while
 * the guarded SLOs are healthy, roll back automatically when one has more than `violationThreshold`
 * violations since the rollout started (halve the percentage, alert the team, write why in the history).
 */
import type { z } from 'zod'
import type { Actor } from '../audit'
import { db } from '../db'
import { conflict, notFound, unprocessable } from '@/lib/errors'
import { logger } from '../logger'
import { ingestAlert } from '../incidents/ingest'
import {
  activeRollout,
  authorize,
  configOf,
  loadEnvironment,
  loadFlag,
  mutate,
  parseEnvironment,
  recordChange,
  variantsOf,
  writeEnvironment,
  type Flag,
  type FlagEnvironment,
  type MutationContext,
  type RolloutPlan,
  type Tx,
} from './mutation'
import { baselineOf, decideRollout, nextStageTime, rolloutServe, stageIndexFor, type GuardedSloHealth, type RolloutDecision } from './rollout'
import {
  DEFAULT_STAGES,
  DEFAULT_STAGE_INTERVAL_HOURS,
  DEFAULT_VIOLATION_THRESHOLD,
  RolloutEditInput,
  RolloutInput,
  TARGET_USERS_RULE_ID,
  type ChangePayload,
  type EnvironmentConfig,
  type Rule,
  type RolloutStatus,
} from './schema'

export const ROLLOUT_ACTOR: Actor = { type: 'system', id: null, label: 'rollout-advance' }

/** A proposed change: the environment state it leads to (for the gates) and how to apply it. */
export interface ChangePlan {
  next: { config: EnvironmentConfig; killed: boolean }
  apply: (actor: Actor) => Promise<void>
}

type RolloutSettings = z.output<typeof RolloutInput>

/** The variant a rollout serves when none is named: a boolean flag's `true`, else the first non-off variant. */
export function onVariantOf(flag: Flag, offVariant: string): string {
  const variants = variantsOf(flag)
  const on = flag.type === 'boolean' ? variants.find((v) => v.value === true) : variants.find((v) => v.key !== offVariant)
  if (!on || on.key === offVariant) throw unprocessable(`Flag "${flag.key}" has no variant to roll out besides its off variant`)
  return on.key
}

function checkRolloutVariant(flag: Flag, config: EnvironmentConfig, variant: string): void {
  if (!variantsOf(flag).some((v) => v.key === variant)) throw unprocessable(`Unknown variant "${variant}"`, { variant: ['Unknown variant'] })
  if (variant === config.offVariant) throw unprocessable('Roll out a variant other than the off variant', { variant: ['This is the off variant'] })
}

export async function planRolloutStart(tx: Tx, flag: Flag, row: FlagEnvironment, raw: ChangePayload & { kind: 'rollout_start' }, ctx: MutationContext): Promise<ChangePlan> {
  const input: RolloutSettings = RolloutInput.parse(raw.rollout)
  const config = configOf(row)
  checkRolloutVariant(flag, config, input.variant)
  if (await activeRollout(tx, flag.id, row.environment)) throw conflict(`A rollout of "${flag.key}" is already in progress in ${row.environment}; pause or roll it back first`)
  const now = ctx.now ?? new Date()
  const percentage = input.stages[0]!
  const baseline = baselineOf(config.defaultServe, input.variant, config.offVariant)
  const next = { ...config, enabled: true, defaultServe: rolloutServe(input.variant, baseline, percentage) }
  return {
    next: { config: next, killed: row.killed },
    apply: async (actor) => {
      const plan = await tx.rolloutPlan.create({
        data: {
          flagId: flag.id,
          environment: row.environment,
          variant: input.variant,
          stages: input.stages,
          stageIntervalHours: input.stageIntervalHours,
          violationThreshold: input.violationThreshold,
          currentStage: 0,
          percentage,
          status: percentage >= 100 ? 'completed' : 'running',
          startedAt: now,
          nextStageAt: percentage >= 100 ? null : nextStageTime(now, input.stageIntervalHours),
        },
      })
      await writeEnvironment(tx, row, { enabled: true, defaultServe: next.defaultServe })
      await recordChange(tx, flag, actor, {
        environment: row.environment,
        event: 'rollout_started',
        action: 'flag.rollout.start',
        data: { planId: plan.id, variant: input.variant, stages: input.stages, stageIntervalHours: input.stageIntervalHours, percentage },
      }, ctx)
    },
  }
}

export async function planPercentage(tx: Tx, flag: Flag, row: FlagEnvironment, payload: ChangePayload & { kind: 'percentage' }, ctx: MutationContext): Promise<ChangePlan> {
  const config = configOf(row)
  const { variant, percentage } = payload
  checkRolloutVariant(flag, config, variant)
  const plan = await activeRollout(tx, flag.id, row.environment)
  if (plan && plan.variant !== variant) throw conflict(`A rollout of variant "${plan.variant}" is in progress; roll it back before serving "${variant}"`)
  let rules: Rule[] = config.rules
  if (payload.targetUsers !== undefined) {
    rules = rules.filter((r) => r.id !== TARGET_USERS_RULE_ID)
    if (payload.targetUsers.length) {
      rules = [
        {
          id: TARGET_USERS_RULE_ID,
          name: 'Target users',
          conditions: [{ attribute: 'targetingKey', operator: 'in', values: payload.targetUsers }],
          serve: { variant },
        },
        ...rules,
      ]
    }
  }
  const baseline = baselineOf(config.defaultServe, variant, config.offVariant)
  const next = { ...config, enabled: true, rules, defaultServe: rolloutServe(variant, baseline, percentage) }
  const now = ctx.now ?? new Date()
  return {
    next: { config: next, killed: row.killed },
    apply: async (actor) => {
      const done = percentage >= 100
      let planId: string
      if (plan) {
        const stages = plan.stages as number[]
        await tx.rolloutPlan.update({
          where: { id: plan.id },
          data: {
            percentage,
            currentStage: stageIndexFor(stages, percentage),
            status: done ? 'completed' : 'running',
            nextStageAt: done ? null : nextStageTime(now, plan.stageIntervalHours),
            pausedReason: null,
          },
        })
        planId = plan.id
      } else {
        const created = await tx.rolloutPlan.create({
          data: {
            flagId: flag.id,
            environment: row.environment,
            variant,
            stages: [...DEFAULT_STAGES],
            stageIntervalHours: DEFAULT_STAGE_INTERVAL_HOURS,
            violationThreshold: DEFAULT_VIOLATION_THRESHOLD,
            currentStage: stageIndexFor(DEFAULT_STAGES, percentage),
            percentage,
            status: done ? 'completed' : 'running',
            startedAt: now,
            nextStageAt: done ? null : nextStageTime(now, DEFAULT_STAGE_INTERVAL_HOURS),
          },
        })
        planId = created.id
      }
      await writeEnvironment(tx, row, { enabled: true, rules, defaultServe: next.defaultServe })
      await recordChange(tx, flag, actor, {
        environment: row.environment,
        event: 'percentage_set',
        action: 'flag.rollout.percentage',
        // Counts only: targeted ids may identify people.
        data: { planId, variant, percentage, targetUsers: payload.targetUsers?.length ?? null },
      }, ctx)
    },
  }
}

export async function planRolloutResume(tx: Tx, flag: Flag, row: FlagEnvironment, ctx: MutationContext): Promise<ChangePlan> {
  const plan = await tx.rolloutPlan.findFirst({
    where: { flagId: flag.id, environment: row.environment, status: { in: ['paused', 'rolled_back'] } },
    orderBy: { startedAt: 'desc' },
  })
  if (!plan) throw notFound(`No paused or rolled-back rollout of "${flag.key}" in ${row.environment}`)
  const config = configOf(row)
  const now = ctx.now ?? new Date()
  // For the gates, resuming means the plan's next stage will be served.
  const nextPct = (plan.stages as number[]).find((s) => s > plan.percentage) ?? 100
  const baseline = baselineOf(config.defaultServe, plan.variant, config.offVariant)
  const next = { ...config, enabled: true, defaultServe: rolloutServe(plan.variant, baseline, nextPct) }
  return {
    next: { config: next, killed: row.killed },
    apply: async (actor) => {
      await tx.rolloutPlan.update({
        where: { id: plan.id },
        data: {
          status: 'running',
          pausedReason: null,
          // After a rollback the violation count restarts with the resumed rollout.
          ...(plan.status === 'rolled_back' ? { startedAt: now } : {}),
          nextStageAt: plan.nextStageAt ?? nextStageTime(now, plan.stageIntervalHours),
        },
      })
      await recordChange(tx, flag, actor, {
        environment: row.environment,
        event: 'rollout_resumed',
        action: 'flag.rollout.resume',
        data: { planId: plan.id, percentage: plan.percentage, from: plan.status },
        affectsEvaluation: false,
      }, ctx)
    },
  }
}

export async function planRolloutEdit(tx: Tx, flag: Flag, row: FlagEnvironment, payload: ChangePayload & { kind: 'rollout_edit' }, ctx: MutationContext): Promise<ChangePlan> {
  const edit = RolloutEditInput.parse(payload.edit)
  const plan = await activeRollout(tx, flag.id, row.environment)
  if (!plan) throw notFound(`No running or paused rollout of "${flag.key}" in ${row.environment}`)
  const stages = edit.stages ?? (plan.stages as number[])
  const interval = edit.stageIntervalHours ?? plan.stageIntervalHours
  // The step already waited for keeps its start: only the length of the wait changes.
  const nextStageAt = plan.nextStageAt && new Date(plan.nextStageAt.getTime() + (interval - plan.stageIntervalHours) * 3_600_000)
  return {
    next: { config: configOf(row), killed: row.killed },
    apply: async (actor) => {
      await tx.rolloutPlan.update({
        where: { id: plan.id },
        data: {
          stages,
          stageIntervalHours: interval,
          violationThreshold: edit.violationThreshold ?? plan.violationThreshold,
          currentStage: stageIndexFor(stages, plan.percentage),
          nextStageAt,
        },
      })
      await recordChange(tx, flag, actor, {
        environment: row.environment,
        event: 'rollout_edited',
        action: 'flag.rollout.edit',
        data: { planId: plan.id, ...edit },
        affectsEvaluation: false,
      }, ctx)
    },
  }
}

/** Pauses the running rollout (a safety action: never gated). */
export async function pauseRollout(flagKey: string, environment: string, reason: string, actor: Actor, ctx: MutationContext = {}): Promise<void> {
  await authorize(actor, 'flag:edit', { environment: parseEnvironment(environment) })
  await mutate(async (tx) => {
    const flag = await loadFlag(tx, flagKey, true)
    const row = await loadEnvironment(tx, flag, environment)
    const plan = await tx.rolloutPlan.findFirst({ where: { flagId: flag.id, environment: row.environment, status: 'running' } })
    if (!plan) throw notFound(`No running rollout of "${flag.key}" in ${row.environment}`)
    const why = reason.trim().slice(0, 500) || 'Paused'
    await tx.rolloutPlan.update({ where: { id: plan.id }, data: { status: 'paused', pausedReason: why } })
    await recordChange(tx, flag, actor, {
      environment: row.environment,
      event: 'rollout_paused',
      action: 'flag.rollout.pause',
      data: { planId: plan.id, percentage: plan.percentage, reason: why },
      summary: { planId: plan.id, percentage: plan.percentage },
      affectsEvaluation: false,
    }, ctx)
  })
}

/** "Roll back now": the latest rollout serves 0 % (a safety action: never gated). */
export async function rollbackNow(flagKey: string, environment: string, reason: string, actor: Actor, ctx: MutationContext = {}): Promise<void> {
  await authorize(actor, 'flag:edit', { environment: parseEnvironment(environment) })
  await mutate(async (tx) => {
    const flag = await loadFlag(tx, flagKey, true)
    const row = await loadEnvironment(tx, flag, environment)
    const plan = await tx.rolloutPlan.findFirst({ where: { flagId: flag.id, environment: row.environment }, orderBy: { startedAt: 'desc' } })
    if (!plan) throw notFound(`Flag "${flag.key}" has no rollout in ${row.environment}`)
    const config = configOf(row)
    const baseline = baselineOf(config.defaultServe, plan.variant, config.offVariant)
    const why = reason.trim().slice(0, 500) || 'Rolled back by hand'
    await tx.rolloutPlan.update({
      where: { id: plan.id },
      data: { percentage: 0, currentStage: 0, status: 'rolled_back', nextStageAt: null, pausedReason: why },
    })
    // The target-users rule serves the rollout variant too: rolling back means nobody gets it.
    const rules = config.rules.filter((r) => r.id !== TARGET_USERS_RULE_ID)
    await writeEnvironment(tx, row, { rules, defaultServe: rolloutServe(plan.variant, baseline, 0) })
    await recordChange(tx, flag, actor, {
      environment: row.environment,
      event: 'rollback_manual',
      action: 'flag.rollout.rollback',
      data: { planId: plan.id, from: plan.percentage, to: 0, reason: why },
      summary: { planId: plan.id, from: plan.percentage, to: 0 },
    }, ctx)
  })
}

/** Violations of each guarded SLO since a time, and how many are still open. */
export async function guardedHealth(sloKeys: readonly string[], since: Date): Promise<GuardedSloHealth[]> {
  if (sloKeys.length === 0) return []
  const rows = await db.$queryRaw<{ key: string; since_start: bigint; open: bigint }[]>`
    SELECT s.key,
           count(v.id) FILTER (WHERE v."openedAt" >= ${since}) AS since_start,
           count(v.id) FILTER (WHERE v."resolvedAt" IS NULL) AS open
    FROM "Slo" s LEFT JOIN "SloViolation" v ON v."sloId" = s.id
    WHERE s.key = ANY(${[...sloKeys]}::text[])
    GROUP BY s.key`
  return rows.map((r) => ({ sloKey: r.key, violationsSinceStart: Number(r.since_start), open: Number(r.open) }))
}

function stateOf(plan: RolloutPlan) {
  return {
    stages: plan.stages as number[],
    stageIntervalHours: plan.stageIntervalHours,
    currentStage: plan.currentStage,
    percentage: plan.percentage,
    status: plan.status as RolloutStatus,
    violationThreshold: plan.violationThreshold,
    startedAt: plan.startedAt,
    nextStageAt: plan.nextStageAt,
  }
}

/** Re-reads the plan under a row lock; null when it changed since the job looked at it. */
async function lockPlan(tx: Tx, plan: RolloutPlan): Promise<RolloutPlan | null> {
  await tx.$executeRaw`SELECT 1 FROM "RolloutPlan" WHERE id = ${plan.id}::uuid FOR UPDATE`
  const fresh = await tx.rolloutPlan.findUnique({ where: { id: plan.id } })
  return fresh && fresh.status === 'running' && fresh.percentage === plan.percentage ? fresh : null
}

async function applyStep(plan: RolloutPlan & { flag: Flag }, d: RolloutDecision & { kind: 'advance' }, now: Date): Promise<boolean> {
  return mutate(async (tx) => {
    const fresh = await lockPlan(tx, plan)
    if (!fresh) return false
    const row = await loadEnvironment(tx, plan.flag, plan.environment)
    const config = configOf(row)
    const baseline = baselineOf(config.defaultServe, plan.variant, config.offVariant)
    await tx.rolloutPlan.update({
      where: { id: plan.id },
      data: { percentage: d.percentage, currentStage: d.stage, nextStageAt: d.nextStageAt, status: d.completed ? 'completed' : 'running', pausedReason: null },
    })
    await writeEnvironment(tx, row, { defaultServe: rolloutServe(plan.variant, baseline, d.percentage) })
    await recordChange(tx, plan.flag, ROLLOUT_ACTOR, {
      environment: plan.environment,
      event: d.completed ? 'rollout_completed' : 'rollout_advanced',
      action: d.completed ? 'flag.rollout.complete' : 'flag.rollout.advance',
      data: { planId: plan.id, from: plan.percentage, to: d.percentage, stage: d.stage },
    }, { now })
    return true
  })
}

async function applyHold(plan: RolloutPlan & { flag: Flag }, d: RolloutDecision & { kind: 'hold' }, now: Date): Promise<void> {
  if (plan.pausedReason === d.reason) return // already said so; do not repeat every run
  await mutate(async (tx) => {
    if (!(await lockPlan(tx, plan))) return
    await tx.rolloutPlan.update({ where: { id: plan.id }, data: { pausedReason: d.reason } })
    await recordChange(tx, plan.flag, ROLLOUT_ACTOR, {
      environment: plan.environment,
      event: 'rollout_held',
      action: 'flag.rollout.hold',
      data: { planId: plan.id, percentage: plan.percentage, sloKey: d.sloKey, reason: d.reason },
      affectsEvaluation: false,
      touches: false,
    }, { now })
  })
}

async function applyRollback(plan: RolloutPlan & { flag: Flag }, d: RolloutDecision & { kind: 'rollback' }, now: Date): Promise<boolean> {
  const reason = `${d.violations} violations of ${d.sloKey} during rollout: ${d.from} % → ${d.to} %`
  const done = await mutate(async (tx) => {
    const fresh = await lockPlan(tx, plan)
    if (!fresh) return false
    const row = await loadEnvironment(tx, plan.flag, plan.environment)
    const config = configOf(row)
    const baseline = baselineOf(config.defaultServe, plan.variant, config.offVariant)
    const stages = plan.stages as number[]
    await tx.rolloutPlan.update({
      where: { id: plan.id },
      data: { percentage: d.to, currentStage: stageIndexFor(stages, d.to), status: 'rolled_back', nextStageAt: null, pausedReason: reason },
    })
    await writeEnvironment(tx, row, { defaultServe: rolloutServe(plan.variant, baseline, d.to) })
    await recordChange(tx, plan.flag, ROLLOUT_ACTOR, {
      environment: plan.environment,
      event: 'rollback_automatic',
      action: 'flag.rollout.rollback_automatic',
      data: { planId: plan.id, sloKey: d.sloKey, violations: d.violations, threshold: plan.violationThreshold, from: d.from, to: d.to, reason },
    }, { now })
    return true
  })
  if (!done) return false
  try {
    const slo = await db.slo.findUnique({ where: { key: d.sloKey }, select: { service: true } })
    await ingestAlert(
      {
        source: 'flags',
        severity: 'high',
        system: `flag:${plan.flag.key}`,
        message: `Automatic rollback of feature flag ${plan.flag.key} in ${plan.environment}: ${reason}`,
        occurredAt: now,
        dedupKey: `flag-rollback:${plan.flag.key}:${plan.environment}`,
        serviceKey: slo?.service ?? null,
        details: { flag: plan.flag.key, environment: plan.environment, sloKey: d.sloKey, violations: d.violations, from: d.from, to: d.to },
      },
      ROLLOUT_ACTOR,
    )
  } catch (err) {
    // The rollback itself is committed; a failed alert must not undo it.
    logger.error({ err: { message: (err as Error).message }, flag: plan.flag.key }, 'alerting the automatic rollback failed')
  }
  return true
}

export interface RolloutRunResult {
  checked: number
  advanced: number
  completed: number
  held: number
  rolledBack: number
}

/** One run of the `rollout-advance` job over every running rollout. */
export async function advanceRollouts(now: Date, opts: { flagIds?: string[]; signal?: AbortSignal } = {}): Promise<RolloutRunResult> {
  const plans = await db.rolloutPlan.findMany({
    where: { status: 'running', ...(opts.flagIds ? { flagId: { in: opts.flagIds } } : {}) },
    include: { flag: true },
    orderBy: { startedAt: 'asc' },
  })
  const result: RolloutRunResult = { checked: plans.length, advanced: 0, completed: 0, held: 0, rolledBack: 0 }
  for (const plan of plans) {
    opts.signal?.throwIfAborted()
    const health = await guardedHealth(plan.flag.guardedSloKeys, plan.startedAt)
    const d = decideRollout(stateOf(plan), health, now)
    if (d.kind === 'rollback') {
      if (await applyRollback(plan, d, now)) result.rolledBack++
    } else if (d.kind === 'hold') {
      await applyHold(plan, d, now)
      result.held++
    } else if (d.kind === 'advance') {
      const env = await db.flagEnvironment.findUnique({ where: { flagId_environment: { flagId: plan.flagId, environment: plan.environment } } })
      // A killed or switched-off flag serves nobody: climbing stages then would be invisible and misleading.
      if (!env || env.killed || !env.enabled) continue
      if (await applyStep(plan, d, now)) result[d.completed ? 'completed' : 'advanced']++
    }
  }
  return result
}
