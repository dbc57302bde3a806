/**
 * The operations guide's feature API, server side: a flag's state for `GET /api/features/:flagName`, and
 * batched experiment exposures/conversions for `POST /api/features/events` (subjects stored as sha256 of
 * the targeting key, duplicates dropped by the (experiment, kind, subject) unique constraint).
 */
import { createHash } from 'node:crypto'
import { recordAudit, type Actor } from '../audit'
import { db } from '../db'
import { notFound, unprocessable } from '@/lib/errors'
import { configOf, variantsOf } from './mutation'
import { nextStage, rolloutProgress } from './rollout'
import type { ExperimentEventInput } from './schema'

export function subjectHash(targetingKey: string): string {
  return createHash('sha256').update(targetingKey).digest('hex')
}

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

export interface EventsResult {
  accepted: number
  duplicates: number
}

/** Stores a batch of exposures/conversions in one statement; unknown experiments or variants reject the batch (422). */
export async function recordExperimentEvents(
  events: readonly ExperimentEventInput[],
  actor: Actor,
  ctx: { ip?: string | null; requestId?: string | null; now?: Date } = {},
): Promise<EventsResult> {
  const keys = [...new Set(events.map((e) => e.experiment))]
  const experiments = await db.experiment.findMany({ where: { key: { in: keys } }, include: { flag: { select: { variants: true } } } })
  const byKey = new Map(experiments.map((x) => [x.key, { id: x.id, variants: new Set(variantsOf(x.flag).map((v) => v.key)) }]))
  const fields: Record<string, string[]> = {}
  events.forEach((e, i) => {
    const x = byKey.get(e.experiment)
    if (!x) (fields[`events.${i}.experiment`] ??= []).push(`Unknown experiment "${e.experiment}"`)
    else if (!x.variants.has(e.variant)) (fields[`events.${i}.variant`] ??= []).push(`Unknown variant "${e.variant}"`)
  })
  if (Object.keys(fields).length) {
    const [path, [msg]] = Object.entries(fields)[0] as [string, string[]]
    throw unprocessable(`The events are invalid: ${path} — ${msg}`, fields)
  }
  const now = ctx.now ?? new Date()
  return db.$transaction(async (tx) => {
    const inserted = await tx.$executeRaw`
      INSERT INTO "ExperimentEvent" ("experimentId", kind, variant, subject, at)
      SELECT * FROM unnest(
        ${events.map((e) => byKey.get(e.experiment)!.id)}::uuid[], ${events.map((e) => e.kind)}::text[],
        ${events.map((e) => e.variant)}::text[], ${events.map((e) => subjectHash(e.subject))}::text[],
        ${events.map((e) => (e.at ? new Date(e.at) : now))}::timestamptz[])
      ON CONFLICT ("experimentId", kind, subject) DO NOTHING`
    const result = { accepted: inserted, duplicates: events.length - inserted }
    await recordAudit(
      actor,
      { action: 'experiment.events.ingest', targetType: 'experiment', targetId: keys.length === 1 ? keys[0]! : null, summary: { experiments: keys, ...result }, count: events.length, ip: ctx.ip ?? null, requestId: ctx.requestId ?? null },
      tx,
    )
    return result
  })
}
