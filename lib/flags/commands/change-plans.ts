/**
 * Change plans: what a proposed change of a flag's environment leads to (the state the gates judge) and how
 * to apply it, in the command's transaction. Built for every gated change (environment edit, kill switch,
 * rollout start / percentage / resume / edit), applied at once or later from an approved change request.
 */
import { conflict, notFound } from '@/lib/errors'
import type { Actor } from '@/lib/auth/actor'
import type { Flag, FlagEnvironment } from '../../generated/prisma/client'
import { baselineOf, nextStageTime, rolloutServe, stageIndexFor } from '../rollout'
import { checkRolloutVariant, checkVariantsExist, configOf } from '../variants'
import {
  DEFAULT_STAGES,
  DEFAULT_STAGE_INTERVAL_HOURS,
  DEFAULT_VIOLATION_THRESHOLD,
  TARGET_USERS_RULE_ID,
  type ChangePayload,
  type EnvironmentConfig,
  type RolloutInput,
  type Rule,
} from '../schema'
import { activeRollout, recordChange, writeEnvironment, type CommandContext, type Tx } from './records'

/** A proposed change: the environment state it leads to (for the gates) and how to apply it. */
export interface ChangePlan {
  next: { config: EnvironmentConfig; killed: boolean }
  apply: (actor: Actor) => Promise<void>
}

function planEnvironment(tx: Tx, flag: Flag, row: FlagEnvironment, config: EnvironmentConfig, ctx: CommandContext): ChangePlan {
  checkVariantsExist(flag, config)
  return {
    next: { config, killed: row.killed },
    apply: async (actor) => {
      const before = configOf(row)
      // A hand edit of the default rule would be overwritten by the next rollout step: pause the rollout.
      const plan = await tx.rolloutPlan.findFirst({ where: { flagId: flag.id, environment: row.environment, status: 'running' } })
      const defaultChanged = JSON.stringify(before.defaultServe) !== JSON.stringify(config.defaultServe)
      if (plan && defaultChanged) {
        await tx.rolloutPlan.update({ where: { id: plan.id }, data: { status: 'paused', pausedReason: `Default rule edited by ${actor.label}` } })
      }
      await writeEnvironment(tx, row, config)
      await recordChange(tx, flag, actor, {
        environment: row.environment,
        event: 'environment_updated',
        action: 'flag.environment.update',
        // Rule ids and counts only: condition values can identify people.
        data: {
          enabled: { from: before.enabled, to: config.enabled },
          offVariant: config.offVariant,
          rules: config.rules.map((r) => r.id),
          defaultServe: config.defaultServe,
          ...(plan && defaultChanged ? { rolloutPaused: plan.id } : {}),
        },
      }, ctx)
    },
  }
}

function planKill(tx: Tx, flag: Flag, row: FlagEnvironment, killed: boolean, ctx: CommandContext): ChangePlan {
  return {
    next: { config: configOf(row), killed },
    apply: async (actor) => {
      await writeEnvironment(tx, row, { killed })
      await recordChange(tx, flag, actor, {
        environment: row.environment,
        event: killed ? 'kill_switch_on' : 'kill_switch_off',
        action: 'flag.kill_switch',
        data: { killed },
      }, ctx)
    },
  }
}

export async function planChange(tx: Tx, flag: Flag, row: FlagEnvironment, payload: ChangePayload, ctx: CommandContext): Promise<ChangePlan> {
  switch (payload.kind) {
    case 'environment':
      return planEnvironment(tx, flag, row, payload.config, ctx)
    case 'kill_switch':
      return planKill(tx, flag, row, payload.killed, ctx)
    case 'rollout_start':
      return planRolloutStart(tx, flag, row, payload, ctx)
    case 'rollout_resume':
      return planRolloutResume(tx, flag, row, ctx)
    case 'percentage':
      return planPercentage(tx, flag, row, payload, ctx)
    case 'rollout_edit':
      return planRolloutEdit(tx, flag, row, payload, ctx)
    case 'flag_update':
      throw new Error('flag_update is not an environment change')
  }
}

async function planRolloutStart(tx: Tx, flag: Flag, row: FlagEnvironment, raw: ChangePayload & { kind: 'rollout_start' }, ctx: CommandContext): Promise<ChangePlan> {
  const input: RolloutInput = raw.rollout
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

async function planPercentage(tx: Tx, flag: Flag, row: FlagEnvironment, payload: ChangePayload & { kind: 'percentage' }, ctx: CommandContext): Promise<ChangePlan> {
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

async function planRolloutResume(tx: Tx, flag: Flag, row: FlagEnvironment, ctx: CommandContext): Promise<ChangePlan> {
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

async function planRolloutEdit(tx: Tx, flag: Flag, row: FlagEnvironment, payload: ChangePayload & { kind: 'rollout_edit' }, ctx: CommandContext): Promise<ChangePlan> {
  const edit = payload.edit
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
