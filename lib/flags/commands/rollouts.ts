/**
 * Rollout commands: start / percentage (`POST /api/features/enable`) / resume / edit go through
 * `proposeOrApply`, so gates and 4-eyes can hold them; pause and roll back are safety actions (never gated);
 * and the `rollout-advance` job's step — advance while the guarded SLOs are healthy, roll back
 * automatically when one has more than `violationThreshold` violations since the rollout started (halve
 * the percentage, alert the team, write why in the history).
 */
import { db } from '../../db'
import { notFound } from '@/lib/errors'
import { logger } from '../../logger'
import { ingestAlert } from '../../incidents/ingest'
import { authorize, type Actor } from '@/lib/auth/actor'
import type { Flag, RolloutPlan } from '../../generated/prisma/client'
import { baselineOf, decideRollout, rolloutServe, stageIndexFor, type RolloutDecision } from '../rollout'
import { guardedHealth } from '../rollout-health'
import { configOf, onVariantOf } from '../variants'
import { TARGET_USERS_RULE_ID, type ChangeOutcome, type EnableInput, type RolloutEditInput, type RolloutInput, type RolloutStatus } from '../schema'
import { proposeOrApply } from './environments'
import { authorizeEdit, flagTransaction, loadEnvironment, loadFlag, recordChange, writeEnvironment, type CommandContext, type Tx } from './records'

export async function startRollout(actor: Actor, flagKey: string, environment: string, rollout: RolloutInput, ctx: CommandContext = {}): Promise<ChangeOutcome> {
  return proposeOrApply(actor, flagKey, environment, { kind: 'rollout_start', rollout }, ctx)
}

/** Edits the active rollout's stages, interval or rollback threshold (gated like any production change). */
export async function editRollout(actor: Actor, flagKey: string, environment: string, edit: RolloutEditInput, ctx: CommandContext = {}): Promise<ChangeOutcome> {
  return proposeOrApply(actor, flagKey, environment, { kind: 'rollout_edit', edit }, ctx)
}

export async function resumeRollout(actor: Actor, flagKey: string, environment: string, ctx: CommandContext = {}): Promise<ChangeOutcome> {
  return proposeOrApply(actor, flagKey, environment, { kind: 'rollout_resume' }, ctx)
}

/**
 * The operations guide's `POST /api/features/enable`: serve the flag's "on" variant (or the named one) to a
 * percentage, starting or updating the rollout, with `targetUsers` as a targeting rule on targetingKey.
 */
export async function enableFeature(actor: Actor, input: EnableInput, environment: string, ctx: CommandContext = {}): Promise<ChangeOutcome> {
  return proposeOrApply(
    actor,
    input.flag,
    environment,
    (flag, row) => ({
      kind: 'percentage',
      variant: input.variant ?? onVariantOf(flag, configOf(row).offVariant),
      percentage: input.percentage,
      targetUsers: input.targetUsers,
    }),
    ctx,
  )
}

/** Pauses the running rollout (a safety action: never gated; flag:emergency). */
export async function pauseRollout(actor: Actor, flagKey: string, environment: string, reason: string, ctx: CommandContext = {}): Promise<void> {
  authorizeEdit(actor, environment, 'flag:emergency')
  await flagTransaction(async (tx) => {
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

/** "Roll back now": the latest rollout serves 0 % (a safety action: never gated; flag:emergency). */
export async function rollbackNow(actor: Actor, flagKey: string, environment: string, reason: string, ctx: CommandContext = {}): Promise<void> {
  authorizeEdit(actor, environment, 'flag:emergency')
  await flagTransaction(async (tx) => {
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

async function applyStep(actor: Actor, plan: RolloutPlan & { flag: Flag }, d: RolloutDecision & { kind: 'advance' }, now: Date): Promise<boolean> {
  return flagTransaction(async (tx) => {
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
    await recordChange(tx, plan.flag, actor, {
      environment: plan.environment,
      event: d.completed ? 'rollout_completed' : 'rollout_advanced',
      action: d.completed ? 'flag.rollout.complete' : 'flag.rollout.advance',
      data: { planId: plan.id, from: plan.percentage, to: d.percentage, stage: d.stage },
    }, { now })
    return true
  })
}

async function applyHold(actor: Actor, plan: RolloutPlan & { flag: Flag }, d: RolloutDecision & { kind: 'hold' }, now: Date): Promise<void> {
  if (plan.pausedReason === d.reason) return // already said so; do not repeat every run
  await flagTransaction(async (tx) => {
    if (!(await lockPlan(tx, plan))) return
    await tx.rolloutPlan.update({ where: { id: plan.id }, data: { pausedReason: d.reason } })
    await recordChange(tx, plan.flag, actor, {
      environment: plan.environment,
      event: 'rollout_held',
      action: 'flag.rollout.hold',
      data: { planId: plan.id, percentage: plan.percentage, sloKey: d.sloKey, reason: d.reason },
      affectsEvaluation: false,
      touches: false,
    }, { now })
  })
}

async function applyRollback(actor: Actor, plan: RolloutPlan & { flag: Flag }, d: RolloutDecision & { kind: 'rollback' }, now: Date): Promise<boolean> {
  const reason = `${d.violations} violations of ${d.sloKey} during rollout: ${d.from} % → ${d.to} %`
  const done = await flagTransaction(async (tx) => {
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
    await recordChange(tx, plan.flag, actor, {
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
      actor,
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

/** One run of the `rollout-advance` job over every running rollout (the job acts as `systemActor('rollout-advance')`). */
export async function advanceRollouts(actor: Actor, now: Date, opts: { flagIds?: string[]; signal?: AbortSignal } = {}): Promise<RolloutRunResult> {
  authorize(actor, 'flag:edit')
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
      if (await applyRollback(actor, plan, d, now)) result.rolledBack++
    } else if (d.kind === 'hold') {
      await applyHold(actor, plan, d, now)
      result.held++
    } else if (d.kind === 'advance') {
      const env = await db.flagEnvironment.findUnique({ where: { flagId_environment: { flagId: plan.flagId, environment: plan.environment } } })
      // A killed or switched-off flag serves nobody: climbing stages then would be invisible and misleading.
      if (!env || env.killed || !env.enabled) continue
      if (await applyStep(actor, plan, d, now)) result[d.completed ? 'completed' : 'advanced']++
    }
  }
  return result
}
