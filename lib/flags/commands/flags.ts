/**
 * Commands on a flag itself: create it, edit its details (on a gated flag, changes that alter production
 * or weaken its gates need a second person), and mark stale flags for the `flag-stale` job. Each one:
 * authorize → one transaction (lock/load, gate decision, write, history + audit, version bump).
 */
import { changeSummary } from '../../audit'
import { db } from '../../db'
import { conflict, prismaCode, unprocessable } from '@/lib/errors'
import { authorize, type Actor } from '@/lib/auth/actor'
import { DAY_MS } from '@/lib/time'
import type { Flag } from '../../generated/prisma/client'
import { isGated } from '../gates'
import { servesEveryoneAlike, STALE_AFTER_DAYS } from '../stale'
import { checkVariants, checkVariantsExist, configOf } from '../variants'
import { ENVIRONMENTS, type ChangeOutcome, type FlagCreateInput, type FlagType, type FlagUpdateInput } from '../schema'
import { authorizeEdit, flagTransaction, loadFlag, recordChange, requestChange, toJson, type CommandContext, type Tx } from './records'

async function checkSloKeys(tx: Tx, keys: readonly string[]): Promise<void> {
  if (!keys.length) return
  const found = await tx.slo.findMany({ where: { key: { in: [...keys] } }, select: { key: true } })
  const missing = keys.filter((k) => !found.some((f) => f.key === k))
  if (missing.length) throw unprocessable(`Unknown SLO ${missing.join(', ')}`, { guardedSloKeys: missing.map((k) => `Unknown SLO "${k}"`) })
}

export async function createFlag(actor: Actor, input: FlagCreateInput, ctx: CommandContext = {}): Promise<{ id: string; key: string }> {
  authorize(actor, 'flag:edit', { scope: 'flags:write' })
  checkVariants(input.type, input.variants)
  const offVariant =
    input.offVariant ?? (input.type === 'boolean' ? input.variants.find((v) => v.value === false)?.key : undefined) ?? input.variants[0]!.key
  if (!input.variants.some((v) => v.key === offVariant)) throw unprocessable(`Unknown off variant "${offVariant}"`, { offVariant: ['Unknown variant'] })
  const onVariant =
    (input.type === 'boolean' ? input.variants.find((v) => v.value === true)?.key : input.variants.find((v) => v.key !== offVariant)?.key) ?? offVariant
  try {
    return await flagTransaction(async (tx) => {
      await checkSloKeys(tx, input.guardedSloKeys)
      const flag = await tx.flag.create({
        data: {
          key: input.key,
          name: input.name,
          description: input.description,
          type: input.type,
          variants: toJson(input.variants),
          owner: input.owner,
          tags: input.tags,
          category: input.category,
          guardedSloKeys: input.guardedSloKeys,
          lastChangedAt: ctx.now ?? new Date(),
          environments: {
            create: ENVIRONMENTS.map((environment) => ({ environment, enabled: false, offVariant, rules: [], defaultServe: { variant: onVariant } })),
          },
        },
      })
      await recordChange(tx, flag, actor, {
        environment: null,
        event: 'created',
        action: 'flag.create',
        data: { type: input.type, category: input.category, tags: input.tags, variants: input.variants.map((v) => v.key) },
      }, ctx)
      return { id: flag.id, key: flag.key }
    })
  } catch (err) {
    if (prismaCode(err) === 'P2002') throw conflict(`A flag with key "${input.key}" already exists`, { key: ['Already used'] })
    throw err
  }
}

/** Fields whose change alters what production serves or which gates apply. */
const SENSITIVE: readonly (keyof FlagUpdateInput)[] = ['variants', 'tags', 'category', 'guardedSloKeys', 'lifecycle']

/** Writes a flag's details (at once, or when its approved change request is applied). */
export async function applyFlagUpdate(tx: Tx, actor: Actor, flag: Flag, input: FlagUpdateInput, ctx: CommandContext): Promise<void> {
  const type = flag.type as FlagType
  if (input.variants) {
    checkVariants(type, input.variants)
    const envs = await tx.flagEnvironment.findMany({ where: { flagId: flag.id } })
    const plans = await tx.rolloutPlan.findMany({ where: { flagId: flag.id, status: { in: ['running', 'paused'] } } })
    const probe = { variants: input.variants }
    for (const e of envs) checkVariantsExist(probe, configOf(e))
    for (const p of plans) {
      if (!input.variants.some((v) => v.key === p.variant)) throw unprocessable(`Variant "${p.variant}" is being rolled out in ${p.environment}`)
    }
  }
  if (input.guardedSloKeys) await checkSloKeys(tx, input.guardedSloKeys)
  const before = { name: flag.name, description: flag.description, owner: flag.owner, tags: flag.tags, category: flag.category, lifecycle: flag.lifecycle, guardedSloKeys: flag.guardedSloKeys, variants: flag.variants }
  const updated = await tx.flag.update({
    where: { id: flag.id },
    data: {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.owner !== undefined ? { owner: input.owner } : {}),
      ...(input.tags !== undefined ? { tags: input.tags } : {}),
      ...(input.category !== undefined ? { category: input.category } : {}),
      ...(input.lifecycle !== undefined ? { lifecycle: input.lifecycle } : {}),
      ...(input.guardedSloKeys !== undefined ? { guardedSloKeys: input.guardedSloKeys } : {}),
      ...(input.variants !== undefined ? { variants: toJson(input.variants) } : {}),
    },
  })
  const after = { name: updated.name, description: updated.description, owner: updated.owner, tags: updated.tags, category: updated.category, lifecycle: updated.lifecycle, guardedSloKeys: updated.guardedSloKeys, variants: updated.variants }
  const changed = changeSummary(before, after, ['name', 'description', 'owner', 'tags', 'category', 'lifecycle', 'guardedSloKeys', 'variants'])
  await recordChange(tx, { ...flag, lifecycle: input.lifecycle ?? flag.lifecycle }, actor, {
    environment: null,
    event: 'updated',
    action: 'flag.update',
    // Field names plus the enumerated values; descriptions and variant values stay out of the audit.
    data: { fields: Object.keys(changed) },
    summary: {
      fields: Object.keys(changed),
      ...(changed.category ? { category: changed.category } : {}),
      ...(changed.lifecycle ? { lifecycle: changed.lifecycle } : {}),
      ...(changed.tags ? { tags: changed.tags } : {}),
    },
  }, ctx)
}

/**
 * Edits a flag. On a gated flag, changes to variants, tags, category, guarded SLOs or lifecycle alter
 * production or weaken its gates, so they need a second person (a production change request).
 */
export async function updateFlag(actor: Actor, flagKey: string, input: FlagUpdateInput, ctx: CommandContext = {}): Promise<ChangeOutcome> {
  // Flag-wide details are production details too: a key of another environment may not change them.
  authorizeEdit(actor, 'production')
  return flagTransaction(async (tx) => {
    const flag = await loadFlag(tx, flagKey, true)
    const sensitive = SENSITIVE.some((f) => input[f] !== undefined)
    if (sensitive && isGated(flag)) {
      const id = await requestChange(tx, actor, flag, 'production', { kind: 'flag_update', update: input }, '', ctx)
      return { applied: false, changeRequestId: id }
    }
    await applyFlagUpdate(tx, actor, flag, input, ctx)
    return { applied: true }
  })
}

/** One run of the `flag-stale` job: marks flags unchanged for 30 days that serve everyone alike (the job acts as `systemActor('flag-stale')`). */
export async function markStaleFlags(actor: Actor, now: Date, opts: { flagIds?: string[]; signal?: AbortSignal } = {}): Promise<{ checked: number; marked: string[] }> {
  authorize(actor, 'flag:edit')
  const cutoff = new Date(now.getTime() - STALE_AFTER_DAYS * DAY_MS)
  const candidates = await db.flag.findMany({
    where: {
      ...(opts.flagIds ? { id: { in: opts.flagIds } } : {}),
      lifecycle: 'active', lastChangedAt: { lt: cutoff }, rollouts: { none: { status: { in: ['running', 'paused'] } } },
    },
    include: { environments: true },
  })
  const marked: string[] = []
  for (const flag of candidates) {
    opts.signal?.throwIfAborted()
    if (!flag.environments.every((e) => servesEveryoneAlike(configOf(e), e.killed))) continue
    await flagTransaction(async (tx) => {
      const n = await tx.flag.updateMany({ where: { id: flag.id, lifecycle: 'active', lastChangedAt: { lt: cutoff } }, data: { lifecycle: 'stale' } })
      if (n.count === 0) return
      await recordChange(tx, flag, actor, {
        environment: null,
        event: 'lifecycle_stale',
        action: 'flag.lifecycle.stale',
        data: { unchangedDays: Math.floor((now.getTime() - flag.lastChangedAt.getTime()) / DAY_MS) },
        affectsEvaluation: false,
        touches: false,
      }, { now })
    })
    marked.push(flag.key)
  }
  return { checked: candidates.length, marked }
}
