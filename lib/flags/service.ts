/**
 * Every feature-flag mutation. Each one: validate → authorise (the actor, resolved in the database: a
 * person's current permission, or an API key's flags:write scope in its own environment) → gates → write →
 * FlagEvent + audit in the same transaction → bump the snapshot version. Production changes to gated flags (hipaa / clinical decision support / diagnostic)
 * become change requests that a second person approves (4-eyes); missing compliance evidence answers 403
 * naming the gate. Safety actions (kill switch on, pause, roll back, switching off) are never held up.
 */
import { db } from '../db'
import type { Actor } from '../audit'
import { changeSummary } from '../audit'
import { ApiError, conflict, notFound, parseOrThrow, prismaCode, unprocessable } from '@/lib/errors'
import { hasPermission } from '../rbac'
import type { SessionUser } from '../auth/session'
import { describeChange, payloadHash } from './change'
import { applyRefusal, approveRefusal } from './four-eyes'
import { isGated } from './gates'
import {
  authorize,
  checkVariantsExist,
  configOf,
  decideGate,
  loadEnvironment,
  loadFlag,
  mutate,
  parseEnvironment,
  recordChange,
  toJson,
  writeEnvironment,
  type Flag,
  type FlagCaller,
  type FlagEnvironment,
  type MutationContext,
  type Tx,
} from './mutation'
import { onVariantOf, planPercentage, planRolloutEdit, planRolloutResume, planRolloutStart, type ChangePlan } from './rollout-service'
import { valueMatchesType } from './evaluate'
import {
  ChangePayload,
  ComplianceInput,
  ENVIRONMENTS,
  EnvironmentConfig,
  FlagCreateInput,
  FlagUpdateInput,
  RolloutEditInput,
  RolloutInput,
  type ChangeOutcome,
  type EnableInput,
  type FlagType,
  type Variant,
} from './schema'

export type { ChangeOutcome } from './schema'
export type { MutationContext } from './mutation'
export { pauseRollout, rollbackNow, advanceRollouts } from './rollout-service'

// ─── Flags ──────────────────────────────────────────────────────────────────────────────────────────

function checkVariants(type: FlagType, variants: readonly Variant[]): void {
  const fields: Record<string, string[]> = {}
  const keys = new Set<string>()
  variants.forEach((v, i) => {
    if (keys.has(v.key)) (fields[`variants.${i}.key`] ??= []).push(`Duplicate variant "${v.key}"`)
    keys.add(v.key)
    if (!valueMatchesType(type, v.value)) (fields[`variants.${i}.value`] ??= []).push(`Must be a ${type} value`)
  })
  if (Object.keys(fields).length) {
    const [path, [msg]] = Object.entries(fields)[0] as [string, string[]]
    throw unprocessable(`The variants are invalid: ${path} — ${msg}`, fields)
  }
}

async function checkSloKeys(tx: Tx, keys: readonly string[]): Promise<void> {
  if (!keys.length) return
  const found = await tx.slo.findMany({ where: { key: { in: [...keys] } }, select: { key: true } })
  const missing = keys.filter((k) => !found.some((f) => f.key === k))
  if (missing.length) throw unprocessable(`Unknown SLO ${missing.join(', ')}`, { guardedSloKeys: missing.map((k) => `Unknown SLO "${k}"`) })
}

export async function createFlag(raw: FlagCreateInput, actor: Actor, ctx: MutationContext = {}): Promise<{ id: string; key: string }> {
  await authorize(actor, 'flag:edit')
  const input = parseOrThrow(FlagCreateInput, raw)
  checkVariants(input.type, input.variants)
  const offVariant =
    input.offVariant ?? (input.type === 'boolean' ? input.variants.find((v) => v.value === false)?.key : undefined) ?? input.variants[0]!.key
  if (!input.variants.some((v) => v.key === offVariant)) throw unprocessable(`Unknown off variant "${offVariant}"`, { offVariant: ['Unknown variant'] })
  const onVariant =
    (input.type === 'boolean' ? input.variants.find((v) => v.value === true)?.key : input.variants.find((v) => v.key !== offVariant)?.key) ?? offVariant
  try {
    return await mutate(async (tx) => {
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

async function applyFlagUpdate(tx: Tx, flag: Flag, update: FlagUpdateInput, actor: Actor, ctx: MutationContext): Promise<void> {
  const input = parseOrThrow(FlagUpdateInput, update)
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
export async function updateFlag(flagKey: string, raw: FlagUpdateInput, actor: Actor, ctx: MutationContext = {}): Promise<ChangeOutcome> {
  // Flag-wide details are production details too: a key of another environment may not change them.
  const caller = await authorize(actor, 'flag:edit', { environment: 'production' })
  const input = parseOrThrow(FlagUpdateInput, raw)
  return mutate(async (tx) => {
    const flag = await loadFlag(tx, flagKey, true)
    const sensitive = SENSITIVE.some((f) => input[f] !== undefined)
    if (sensitive && isGated(flag)) {
      const id = await requestChange(tx, flag, 'production', { kind: 'flag_update', update: input }, '', actor, caller, ctx)
      return { applied: false, changeRequestId: id }
    }
    await applyFlagUpdate(tx, flag, input, actor, ctx)
    return { applied: true }
  })
}

// ─── Environment changes (gated) ────────────────────────────────────────────────────────────────────

function planEnvironment(tx: Tx, flag: Flag, row: FlagEnvironment, config: EnvironmentConfig, ctx: MutationContext): ChangePlan {
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

function planKill(tx: Tx, flag: Flag, row: FlagEnvironment, killed: boolean, ctx: MutationContext): ChangePlan {
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

async function planChange(tx: Tx, flag: Flag, row: FlagEnvironment, payload: ChangePayload, ctx: MutationContext): Promise<ChangePlan> {
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

/** Applies the change now, or files it as a change request when 4-eyes applies. */
async function proposeOrApply(
  flagKey: string,
  environment: string,
  payload: ChangePayload,
  actor: Actor,
  ctx: MutationContext,
  opts: { safety?: boolean } = {},
): Promise<ChangeOutcome> {
  const env = parseEnvironment(environment)
  const caller = await authorize(actor, 'flag:edit', { environment: env })
  return mutate(async (tx) => {
    const flag = await loadFlag(tx, flagKey, true)
    const row = await loadEnvironment(tx, flag, env)
    const plan = await planChange(tx, flag, row, payload, ctx)
    const decision = opts.safety ? 'apply' : await decideGate(tx, flag, env, plan.next)
    if (decision === 'approval') {
      const id = await requestChange(tx, flag, env, payload, '', actor, caller, ctx)
      return { applied: false, changeRequestId: id }
    }
    await plan.apply(actor)
    return { applied: true }
  })
}

export async function updateEnvironment(flagKey: string, environment: string, config: EnvironmentConfig, actor: Actor, ctx: MutationContext = {}): Promise<ChangeOutcome> {
  const parsed = parseOrThrow(EnvironmentConfig, config)
  return proposeOrApply(flagKey, environment, { kind: 'environment', config: parsed }, actor, ctx)
}

/** Kill switch: turning it on is a safety action and always applies at once; turning it off is gated. */
export async function setKillSwitch(flagKey: string, environment: string, killed: boolean, actor: Actor, ctx: MutationContext = {}): Promise<ChangeOutcome> {
  return proposeOrApply(flagKey, environment, { kind: 'kill_switch', killed }, actor, ctx, { safety: killed })
}

export async function startRollout(flagKey: string, environment: string, input: RolloutInput, actor: Actor, ctx: MutationContext = {}): Promise<ChangeOutcome> {
  const rollout = parseOrThrow(RolloutInput, input)
  return proposeOrApply(flagKey, environment, { kind: 'rollout_start', rollout }, actor, ctx)
}

/** Edits the active rollout's stages, interval or rollback threshold (gated like any production change). */
export async function editRollout(flagKey: string, environment: string, edit: RolloutEditInput, actor: Actor, ctx: MutationContext = {}): Promise<ChangeOutcome> {
  const parsed = parseOrThrow(RolloutEditInput, edit)
  return proposeOrApply(flagKey, environment, { kind: 'rollout_edit', edit: parsed }, actor, ctx)
}

export async function resumeRollout(flagKey: string, environment: string, actor: Actor, ctx: MutationContext = {}): Promise<ChangeOutcome> {
  return proposeOrApply(flagKey, environment, { kind: 'rollout_resume' }, actor, ctx)
}

/**
 * The operations guide's `POST /api/features/enable`: serve the flag's "on" variant (or the named one) to a
 * percentage, starting or updating the rollout, with `targetUsers` as a targeting rule on targetingKey.
 */
export async function enableFeature(input: EnableInput, environment: string, actor: Actor, ctx: MutationContext = {}): Promise<ChangeOutcome> {
  let variant = input.variant
  // Authorised before anything is read; proposeOrApply checks again inside (same answer).
  await authorize(actor, 'flag:edit', { environment: parseEnvironment(environment) })
  if (!variant) {
    const flag = await loadFlag(db, input.flag)
    variant = onVariantOf(flag, configOf(await loadEnvironment(db, flag, environment)).offVariant)
  }
  return proposeOrApply(input.flag, environment, { kind: 'percentage', variant, percentage: input.percentage, targetUsers: input.targetUsers }, actor, ctx)
}

// ─── Compliance records ─────────────────────────────────────────────────────────────────────────────

export async function recordCompliance(flagKey: string, raw: ComplianceInput, actor: Actor, ctx: MutationContext = {}): Promise<{ id: string }> {
  const caller = await authorize(actor, 'flag:compliance')
  const input = parseOrThrow(ComplianceInput, raw)
  if (input.kind === 'fda_approval' && !input.scope) {
    throw unprocessable('An FDA approval needs its scope (the approved intended use)', { scope: ['Required for an FDA approval'] })
  }
  return mutate(async (tx) => {
    const flag = await loadFlag(tx, flagKey)
    const rec = await tx.complianceRecord.create({
      data: { flagId: flag.id, kind: input.kind, reference: input.reference, date: input.date, scope: input.scope, recordedById: caller.kind === 'user' ? caller.userId : null },
    })
    await recordChange(tx, flag, actor, {
      environment: null,
      event: 'compliance_recorded',
      action: 'flag.compliance.record',
      data: { recordId: rec.id, kind: input.kind, reference: input.reference, date: input.date },
      affectsEvaluation: false,
      touches: false,
    }, ctx)
    return { id: rec.id }
  })
}

// ─── Change requests (4-eyes) ───────────────────────────────────────────────────────────────────────

/**
 * The person behind a change: the signed-in user, or the active user who created the API key (a key acts
 * for its owner, who then may not approve the request either). The system is nobody's second pair of eyes.
 */
async function requesterOf(tx: Tx, caller: FlagCaller): Promise<string> {
  if (caller.kind === 'user') return caller.userId
  if (caller.kind === 'apikey' && caller.ownerId) {
    const owner = await tx.user.findUnique({ where: { id: caller.ownerId }, select: { id: true, disabledAt: true } })
    if (owner && !owner.disabledAt) return owner.id
  }
  throw conflict('Needs approval (four_eyes), and no active person stands behind this request (an API key without an owner, or the system): make the change in the cockpit', {
    gate: ['four_eyes'],
  })
}

async function requestChange(
  tx: Tx,
  flag: Flag,
  environment: string,
  payload: ChangePayload,
  reason: string,
  actor: Actor,
  caller: FlagCaller,
  ctx: MutationContext,
): Promise<string> {
  const requestedById = await requesterOf(tx, caller)
  const hash = payloadHash(payload)
  // Asking twice for the same change (e.g. a retried API call) files one request.
  const pending = await tx.flagChangeRequest.findMany({ where: { flagId: flag.id, environment, requestedById, status: 'pending' } })
  const same = pending.find((p) => payloadHash(ChangePayload.parse(p.payload)) === hash)
  if (same) return same.id
  const cr = await tx.flagChangeRequest.create({
    data: { flagId: flag.id, environment, payload: toJson(payload), reason: reason.slice(0, 1000), requestedById },
  })
  await recordChange(tx, flag, actor, {
    environment,
    event: 'change_requested',
    action: 'flag.change_request.create',
    data: { changeRequestId: cr.id, kind: payload.kind, summary: describeChange(payload), requestedById },
    affectsEvaluation: false,
    touches: false,
  }, ctx)
  return cr.id
}

export async function createChangeRequest(flagKey: string, environment: string, payload: ChangePayload, reason: string, actor: Actor, ctx: MutationContext = {}): Promise<{ id: string }> {
  const env = parseEnvironment(environment)
  const caller = await authorize(actor, 'flag:edit', { environment: env })
  const parsed = parseOrThrow(ChangePayload, payload)
  return mutate(async (tx) => {
    const flag = await loadFlag(tx, flagKey, true)
    return { id: await requestChange(tx, flag, env, parsed, reason, actor, caller, ctx) }
  })
}

async function loadRequest(tx: Tx, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('The change request does not exist')
  await tx.$executeRaw`SELECT 1 FROM "FlagChangeRequest" WHERE id = ${id}::uuid FOR UPDATE`
  const cr = await tx.flagChangeRequest.findUnique({ where: { id }, include: { flag: true } })
  if (!cr) throw notFound('The change request does not exist')
  return cr
}

const actorOf = (u: SessionUser): Actor => ({ type: 'user', id: u.id, label: u.email })

const APPROVE_REFUSAL: Record<'requester' | 'editor', string> = {
  requester: 'Needs approval by a second person (four_eyes): you requested this change, so you cannot approve it',
  editor: 'Needs approval by a second person (four_eyes): you edited this change request, so you cannot approve it',
}

/**
 * Approves someone else's request (4-eyes): neither its requester nor anyone who edited it may approve it
 * (409). Apply is a separate step: `applyChangeRequest`.
 */
export async function approveChangeRequest(id: string, user: SessionUser, ctx: MutationContext = {}): Promise<void> {
  await authorize(actorOf(user), 'flag:approve')
  await mutate(async (tx) => {
    const cr = await loadRequest(tx, id)
    if (cr.status !== 'pending') throw conflict(`The change request is ${cr.status}, not pending`)
    const refusal = approveRefusal(cr, user.id)
    if (refusal) throw conflict(APPROVE_REFUSAL[refusal], { gate: ['four_eyes'] })
    const payload = ChangePayload.parse(cr.payload)
    await tx.flagChangeRequest.update({
      where: { id },
      data: { status: 'approved', approvedById: user.id, approvedAt: ctx.now ?? new Date(), approvedHash: payloadHash(payload) },
    })
    await recordChange(tx, cr.flag, actorOf(user), {
      environment: cr.environment,
      event: 'change_approved',
      action: 'flag.change_request.approve',
      data: { changeRequestId: id, kind: payload.kind },
      affectsEvaluation: false,
      touches: false,
    }, ctx)
  })
}

/** Rejects a request (approvers), or withdraws it (its requester). */
export async function rejectChangeRequest(id: string, user: SessionUser, reason = '', ctx: MutationContext = {}): Promise<void> {
  await mutate(async (tx) => {
    const cr = await loadRequest(tx, id)
    const own = cr.requestedById === user.id
    await authorize(actorOf(user), own ? 'flag:edit' : 'flag:approve', { client: tx })
    if (cr.status !== 'pending' && cr.status !== 'approved') throw conflict(`The change request is ${cr.status}`)
    await tx.flagChangeRequest.update({ where: { id }, data: { status: 'rejected', reason: reason.slice(0, 1000) || cr.reason } })
    await recordChange(tx, cr.flag, actorOf(user), {
      environment: cr.environment,
      event: 'change_rejected',
      action: 'flag.change_request.reject',
      data: { changeRequestId: id, withdrawn: own },
      affectsEvaluation: false,
      touches: false,
    }, ctx)
  })
}

/**
 * Edits a pending or approved request. Only its requester may (403 for anyone else: they propose their own
 * change instead); every edit voids an approval (back to pending) and records the editor, who may then
 * never approve it.
 */
export async function editChangeRequest(id: string, payload: ChangePayload, user: SessionUser, reason?: string, ctx: MutationContext = {}): Promise<{ voidedApproval: boolean }> {
  await authorize(actorOf(user), 'flag:edit')
  const parsed = parseOrThrow(ChangePayload, payload)
  return mutate(async (tx) => {
    const cr = await loadRequest(tx, id)
    if (cr.status !== 'pending' && cr.status !== 'approved') throw conflict(`The change request is ${cr.status} and can no longer be edited`)
    if (cr.requestedById !== user.id) {
      throw new ApiError(403, 'forbidden', 'Only the requester may edit a change request (four_eyes): propose your own change instead, or reject this one', {
        gate: ['four_eyes'],
      })
    }
    if (parsed.kind !== (cr.payload as { kind?: string }).kind) throw unprocessable('An edit cannot change the kind of change requested')
    const voided = cr.status === 'approved'
    await tx.flagChangeRequest.update({
      where: { id },
      data: {
        payload: toJson(parsed),
        ...(reason !== undefined ? { reason: reason.slice(0, 1000) } : {}),
        ...(cr.editorIds.includes(user.id) ? {} : { editorIds: { push: user.id } }),
        status: 'pending',
        approvedHash: null,
        approvedById: null,
        approvedAt: null,
      },
    })
    await recordChange(tx, cr.flag, actorOf(user), {
      environment: cr.environment,
      event: voided ? 'approval_voided' : 'change_edited',
      action: 'flag.change_request.edit',
      data: { changeRequestId: id, voidedApproval: voided, ...(voided ? { voidedApprovalBy: cr.approvedById } : {}), summary: describeChange(parsed) },
      affectsEvaluation: false,
      touches: false,
    }, ctx)
    return { voidedApproval: voided }
  })
}

/** Why an approval found at apply time does not count (it is voided, and the request waits again). */
type VoidReason = 'approval_changed' | 'approver_is_author' | 'approver_lost_permission'

const VOID_MESSAGE: Record<VoidReason, string> = {
  approval_changed: 'The request changed after it was approved, so the approval is void: it needs approval again (four_eyes)',
  approver_is_author: 'The approval came from someone who requested or edited this change, so it does not count: it needs approval by a second person (four_eyes)',
  approver_lost_permission: 'The approver’s account is disabled or no longer holds flag:approve, so the approval no longer counts: it needs approval again (four_eyes)',
}

const VOID_DETAIL: Record<VoidReason, string> = {
  approval_changed: 'payload changed after approval',
  approver_is_author: 'approved by its requester or an editor',
  approver_lost_permission: 'approver disabled or no longer holds flag:approve',
}

/**
 * Applies an approved request. 4-eyes is checked again here, in the write transaction: the approval must be
 * of the payload as it is now, by someone who neither requested nor edited it, whose account still holds
 * flag:approve, and who is not the person applying (the requester or a third person applies). Compliance
 * gates are checked again too. An approval that no longer counts is voided (409).
 */
export async function applyChangeRequest(id: string, user: SessionUser, ctx: MutationContext = {}): Promise<void> {
  const actor = actorOf(user)
  await authorize(actor, 'flag:edit')
  const stale = await mutate(async (tx): Promise<{ reason: VoidReason; approvedById: string | null; approvedHash: string | null } | null> => {
    const cr = await loadRequest(tx, id)
    if (cr.status === 'pending') throw conflict('Needs approval by a second person (four_eyes) before it can be applied', { gate: ['four_eyes'] })
    if (cr.status !== 'approved') throw conflict(`The change request is ${cr.status}`)
    const payload = ChangePayload.parse(cr.payload)
    const refusal = applyRefusal(cr, payloadHash(payload), user.id)
    const voidOf = (reason: VoidReason) => ({ reason, approvedById: cr.approvedById, approvedHash: cr.approvedHash })
    // Voided below, outside this transaction (which rolls back when it throws).
    if (refusal === 'approval_changed' || refusal === 'approver_is_author') return voidOf(refusal)
    if (refusal === 'not_approved') throw conflict('Needs approval by a second person (four_eyes) before it can be applied', { gate: ['four_eyes'] })
    if (refusal === 'approver_is_applier') {
      throw conflict('You approved this change, so you cannot also apply it (four_eyes): the requester or a third person applies it', { gate: ['four_eyes'] })
    }
    const approver = await tx.user.findUnique({ where: { id: cr.approvedById! }, select: { role: true, disabledAt: true } })
    if (!approver || approver.disabledAt || !hasPermission(approver.role, 'flag:approve')) return voidOf('approver_lost_permission')
    if (payload.kind === 'flag_update') {
      await applyFlagUpdate(tx, cr.flag, payload.update, actor, ctx)
    } else {
      const row = await loadEnvironment(tx, cr.flag, cr.environment)
      const plan = await planChange(tx, cr.flag, row, payload, ctx)
      await decideGate(tx, cr.flag, cr.environment, plan.next, { approved: true })
      await plan.apply(actor)
    }
    await tx.flagChangeRequest.update({ where: { id }, data: { status: 'applied', appliedAt: ctx.now ?? new Date() } })
    await recordChange(tx, cr.flag, actor, {
      environment: cr.environment,
      event: 'change_applied',
      action: 'flag.change_request.apply',
      data: { changeRequestId: id, kind: payload.kind, requestedById: cr.requestedById, approvedById: cr.approvedById },
      touches: false,
    }, ctx)
    return null
  })
  if (stale) {
    await mutate(async (tx) => {
      const cr = await loadRequest(tx, id)
      // Only the approval that was found wanting: a fresh one given in between stands (checked at its apply).
      if (cr.status !== 'approved' || cr.approvedById !== stale.approvedById || cr.approvedHash !== stale.approvedHash) return
      await tx.flagChangeRequest.update({ where: { id }, data: { status: 'pending', approvedHash: null, approvedById: null, approvedAt: null } })
      await recordChange(tx, cr.flag, actor, {
        environment: cr.environment,
        event: 'approval_voided',
        action: 'flag.change_request.void',
        data: { changeRequestId: id, reason: VOID_DETAIL[stale.reason], voidedApprovalBy: stale.approvedById },
        affectsEvaluation: false,
        touches: false,
      }, ctx)
    })
    throw conflict(VOID_MESSAGE[stale.reason], { gate: ['four_eyes'] })
  }
}
