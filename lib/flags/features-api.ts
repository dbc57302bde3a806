/**
 * The operations guide's feature API, read side: a flag's state for `GET /api/features/:flagName` (its
 * writes, `POST /api/features/enable` and `/events`, are commands in lib/flags/commands/).
 */
import { db } from '../db'
import { notFound } from '@/lib/errors'
import { nextStage, rolloutProgress } from './rollout'
import { configOf, variantsOf } from './variants'

function stateWord(e: { enabled: boolean; killed: boolean }, rolling: boolean): string {
  if (e.killed) return 'killed'
  if (!e.enabled) return 'off'
  return rolling ? 'rolling_out' : 'on'
}

/** State, rollout (with stage and next step), rules of a flag; one environment or all. */
export async function featureState(flagKey: string, environment?: string) {
  const flag = await db.flag.findUnique({
    where: { key: flagKey },
    include: {
      environments: { where: environment ? { environment } : {}, orderBy: { environment: 'asc' } },
      rollouts: { where: environment ? { environment } : {}, orderBy: { startedAt: 'desc' } },
    },
  })
  if (!flag) throw notFound(`Flag "${flagKey}" does not exist`)
  return {
    flag: flag.key,
    name: flag.name,
    type: flag.type,
    category: flag.category,
    tags: flag.tags,
    lifecycle: flag.lifecycle,
    variants: variantsOf(flag).map((v) => v.key),
    environments: flag.environments.map((e) => {
      const plan = flag.rollouts.find((r) => r.environment === e.environment) ?? null
      const config = configOf(e)
      const stages = (plan?.stages ?? []) as number[]
      const active = !!plan && (plan.status === 'running' || plan.status === 'paused')
      return {
        environment: e.environment,
        state: stateWord(e, active),
        enabled: e.enabled,
        killed: e.killed,
        offVariant: config.offVariant,
        rules: config.rules,
        defaultServe: config.defaultServe,
        version: e.version,
        rollout: plan && {
          status: plan.status,
          variant: plan.variant,
          percentage: plan.percentage,
          stage: { index: plan.currentStage, number: plan.currentStage + 1, of: stages.length, percentage: stages[plan.currentStage] ?? null },
          stages,
          nextStage: nextStage(stages, plan.percentage)?.percentage ?? null,
          nextStageAt: plan.status === 'running' ? plan.nextStageAt : null,
          stageIntervalHours: plan.stageIntervalHours,
          progress: rolloutProgress(plan),
          startedAt: plan.startedAt,
          pausedReason: plan.pausedReason,
        },
      }
    }),
  }
}
