/**
 * The flag write layer (lib/flags/commands/*.ts). Every command reads the same way:
 *   authorize(actor, …) (pure: the guards already resolved the actor) → one transaction: lock/load the flag,
 *   gate decision, write, record history + audit, bump the snapshot version → after the commit, this
 *   process's snapshot reloads.
 * Following a kill-switch toggle: lib/flags/actions.ts (defineAction: session, permission, validate) →
 * commands/environments.ts setKillSwitch (authorize, one transaction: lock/load, gate decision, write,
 * record history+audit, bump version) → back.
 *
 * This module holds the DB building blocks several commands share: the transaction, loading rows, the gate
 * decision, filing a change request (4-eyes) and `recordChange`, which every command ends with.
 */
import { recordAudit } from '../../audit'
import { Prisma } from '../../db'
import { ApiError, conflict, notFound, unprocessable } from '@/lib/errors'
import { authorize, type Actor } from '@/lib/auth/actor'
import { inTransaction, type Tx } from '@/lib/tx'
import type { Flag, FlagEnvironment, RolloutPlan } from '../../generated/prisma/client'
import { describeChange, payloadHash } from '../change'
import { complianceBlocked } from '../errors'
import { exposes, isGated, missingCompliance } from '../gates'
import { bumpFlagsVersion, invalidateSnapshot } from '../snapshot'
import { ChangePayload, Environment, type EnvironmentConfig, type FlagEventType } from '../schema'

export type { Tx }

/** Request metadata carried into the audit row; `now` lets tests and jobs drive the clock. */
export interface CommandContext {
  ip?: string | null
  requestId?: string | null
  now?: Date
}

export const ACTIVE_ROLLOUT = ['running', 'paused']

export function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue
}

/** A flag write: one transaction; this process's snapshot reloads once it committed. */
export function flagTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return inTransaction(work, { afterCommit: invalidateSnapshot })
}

export function parseEnvironment(environment: string): Environment {
  const parsed = Environment.safeParse(environment)
  if (!parsed.success) throw unprocessable(`Unknown environment "${environment}"`, { environment: ['Use development, staging or production'] })
  return parsed.data
}

/**
 * flag:edit (or, for the emergency controls, flag:emergency) in one environment. A key needs flags:write and
 * acts only in its own environment; flag-wide details count as production.
 */
export function authorizeEdit(actor: Actor, environment: string, permission: 'flag:edit' | 'flag:emergency' = 'flag:edit'): Environment {
  const env = parseEnvironment(environment)
  authorize(actor, permission, { scope: 'flags:write' })
  if (actor.type === 'apikey' && actor.environment !== env) {
    throw new ApiError(403, 'forbidden', `The API key acts in ${actor.environment}, not ${env}`, { environment: [actor.environment] })
  }
  return env
}

export async function loadFlag(tx: Tx, key: string, lock = false): Promise<Flag> {
  if (lock) await tx.$executeRaw`SELECT 1 FROM "Flag" WHERE key = ${key} FOR UPDATE`
  const flag = await tx.flag.findUnique({ where: { key } })
  if (!flag) throw notFound(`Flag "${key}" does not exist`)
  return flag
}

export async function loadEnvironment(tx: Tx, flag: Flag, environment: string): Promise<FlagEnvironment> {
  const env = parseEnvironment(environment)
  const row = await tx.flagEnvironment.findUnique({ where: { flagId_environment: { flagId: flag.id, environment: env } } })
  if (!row) throw notFound(`Flag "${flag.key}" has no ${env} environment`)
  return row
}

export async function activeRollout(tx: Tx, flagId: string, environment: string): Promise<RolloutPlan | null> {
  return tx.rolloutPlan.findFirst({ where: { flagId, environment, status: { in: ACTIVE_ROLLOUT } }, orderBy: { startedAt: 'desc' } })
}

export type GateDecision = 'apply' | 'approval'

/**
 * Whether a proposed state of a flag's environment may be applied now. Compliance gates (403) apply to any
 * production state that serves more than the off variant; 4-eyes applies to production changes of gated
 * flags unless the result serves nothing (turning off never waits) or the change is already approved.
 */
export async function decideGate(
  tx: Tx,
  flag: Flag,
  environment: string,
  next: { config: EnvironmentConfig; killed: boolean },
  opts: { approved?: boolean } = {},
): Promise<GateDecision> {
  if (environment !== 'production' || !isGated(flag)) return 'apply'
  if (!exposes(next.config, next.killed)) return 'apply'
  const records = await tx.complianceRecord.findMany({ where: { flagId: flag.id }, select: { kind: true, reference: true, date: true, scope: true } })
  const missing = missingCompliance(flag, records)
  if (missing.length) throw complianceBlocked(flag.key, missing)
  return opts.approved ? 'apply' : 'approval'
}

export interface ChangeRecord {
  environment: string | null
  event: FlagEventType
  data?: Record<string, unknown>
  action: string
  summary?: Record<string, unknown>
  /** Whether this change alters what evaluation serves (bumps the snapshot version). */
  affectsEvaluation?: boolean
  /** Whether it counts as a configuration change (lastChangedAt; a stale flag becomes active again). */
  touches?: boolean
}

/** History row + audit entry + lastChangedAt + version bump, inside the command's transaction. */
export async function recordChange(tx: Tx, flag: Flag, actor: Actor, change: ChangeRecord, ctx: CommandContext = {}): Promise<void> {
  const at = ctx.now ?? new Date()
  await tx.flagEvent.create({
    data: {
      flagId: flag.id,
      environment: change.environment,
      at,
      type: change.event,
      actorLabel: actor.label,
      data: change.data ? toJson(change.data) : Prisma.DbNull,
    },
  })
  if (change.touches ?? true) {
    await tx.flag.update({
      where: { id: flag.id },
      data: { lastChangedAt: at, ...(flag.lifecycle === 'stale' ? { lifecycle: 'active' } : {}) },
    })
  }
  await recordAudit(
    actor,
    {
      action: change.action,
      targetType: 'flag',
      targetId: flag.key,
      summary: { ...(change.environment ? { environment: change.environment } : {}), ...(change.summary ?? change.data ?? {}) },
      ip: ctx.ip ?? null,
      requestId: ctx.requestId ?? null,
    },
    tx,
  )
  if (change.affectsEvaluation ?? true) await bumpFlagsVersion(tx)
}

/** Updates a flag's environment row (bumping its version). */
export async function writeEnvironment(
  tx: Tx,
  row: FlagEnvironment,
  data: Partial<{ enabled: boolean; killed: boolean; offVariant: string; rules: unknown; defaultServe: unknown }>,
): Promise<void> {
  await tx.flagEnvironment.update({
    where: { flagId_environment: { flagId: row.flagId, environment: row.environment } },
    data: {
      ...(data.enabled !== undefined ? { enabled: data.enabled } : {}),
      ...(data.killed !== undefined ? { killed: data.killed } : {}),
      ...(data.offVariant !== undefined ? { offVariant: data.offVariant } : {}),
      ...(data.rules !== undefined ? { rules: toJson(data.rules) } : {}),
      ...(data.defaultServe !== undefined ? { defaultServe: toJson(data.defaultServe) } : {}),
      version: { increment: 1 },
    },
  })
}

/**
 * The person behind a change: the signed-in user, or the active user who created the API key (a key acts
 * for its owner, who then may not approve the request either; read here, in the transaction). The system is
 * nobody's second pair of eyes.
 */
async function requesterOf(tx: Tx, actor: Actor): Promise<string> {
  if (actor.type === 'user') return actor.id
  if (actor.type === 'apikey') {
    const key = await tx.apiKey.findUnique({ where: { id: actor.id }, select: { createdById: true } })
    const owner = key?.createdById ? await tx.user.findUnique({ where: { id: key.createdById }, select: { id: true, disabledAt: true } }) : null
    if (owner && !owner.disabledAt) return owner.id
  }
  throw conflict('Needs approval (four_eyes), and no active person stands behind this request (an API key without an owner, or the system): make the change in the cockpit', {
    gate: ['four_eyes'],
  })
}

/** Files a production change for a second person (4-eyes); asking twice for the same change files one request. */
export async function requestChange(tx: Tx, actor: Actor, flag: Flag, environment: string, payload: ChangePayload, reason: string, ctx: CommandContext): Promise<string> {
  const requestedById = await requesterOf(tx, actor)
  const hash = payloadHash(payload)
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
