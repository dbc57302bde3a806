/**
 * Shared building blocks of flag mutations (server side): loading rows inside a transaction, permission
 * checks, the gate decision, and `recordChange`, which every mutation ends with — FlagEvent history row,
 * audit entry (same transaction), lastChangedAt, and the snapshot version bump.
 */
import { recordAudit, type Actor } from '../audit'
import { db, Prisma } from '../db'
import { ApiError, conflict, notFound, unprocessable } from '@/lib/errors'
import { hasPermission, type Permission, type Role } from '../rbac'
import type { Flag, FlagEnvironment, RolloutPlan } from '../generated/prisma/client'
import { GATE_LABELS, exposes, isGated, missingCompliance } from './gates'
import { bumpFlagsVersion, invalidateSnapshot } from './snapshot'
import { Environment, EnvironmentConfig, Variant, type ComplianceKind, type FlagEventType, type Serve } from './schema'

export type Tx = Prisma.TransactionClient
export type { Flag, FlagEnvironment, RolloutPlan }

/** Request metadata carried into the audit row; `now` lets tests drive a fake clock. */
export interface MutationContext {
  ip?: string | null
  requestId?: string | null
  now?: Date
}

export const ACTIVE_ROLLOUT = ['running', 'paused']

export function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue
}

/**
 * Who performs a flag mutation, resolved from its actor in the database: a signed-in person (current role,
 * account not disabled), an API key (not revoked or expired, with the scope flags:write, acting in its own
 * environment), or the system (jobs, seed, benchmarks: server code only, no HTTP path reaches it). There is
 * no "nobody" case: a mutation without a known actor is refused, never waved through.
 */
export type FlagCaller =
  | { kind: 'user'; userId: string; role: Role }
  | { kind: 'apikey'; keyId: string; ownerId: string | null; environment: string }
  | { kind: 'system' }

type Reader = Pick<Tx, 'user' | 'apiKey'>

function lacks(permission: Permission): ApiError {
  return new ApiError(403, 'forbidden', `You need the ${permission} permission to do this`, { permission: [permission] })
}

/** Resolves and authorises the actor of a mutation (403 naming what is missing). */
export async function authorize(actor: Actor, permission: Permission, opts: { environment?: string; client?: Reader } = {}): Promise<FlagCaller> {
  const client = opts.client ?? db
  switch (actor.type) {
    case 'user': {
      const user = actor.id ? await client.user.findUnique({ where: { id: actor.id }, select: { id: true, role: true, disabledAt: true } }) : null
      if (!user || user.disabledAt) throw new ApiError(403, 'forbidden', 'Your account may not change flags: it is unknown or disabled')
      if (!hasPermission(user.role, permission)) throw lacks(permission)
      return { kind: 'user', userId: user.id, role: user.role }
    }
    case 'apikey': {
      const key = actor.id
        ? await client.apiKey.findUnique({ where: { id: actor.id }, select: { id: true, scopes: true, environment: true, createdById: true, revokedAt: true, expiresAt: true } })
        : null
      if (!key || key.revokedAt || (key.expiresAt && key.expiresAt.getTime() <= Date.now())) {
        throw new ApiError(403, 'forbidden', 'The API key is unknown, revoked or expired')
      }
      // Keys change flags (flags:write); approving or recording compliance evidence is for people.
      if (permission !== 'flag:edit') throw new ApiError(403, 'forbidden', `An API key cannot do this: it needs a person with ${permission}`, { permission: [permission] })
      if (!key.scopes.includes('flags:write')) throw new ApiError(403, 'forbidden', 'The API key lacks the scope flags:write', { scope: ['flags:write'] })
      if (opts.environment !== undefined && opts.environment !== key.environment) {
        throw new ApiError(403, 'forbidden', `The API key acts in ${key.environment}, not ${opts.environment}`, { environment: [key.environment] })
      }
      return { kind: 'apikey', keyId: key.id, ownerId: key.createdById, environment: key.environment }
    }
    case 'system':
      return { kind: 'system' }
  }
}

export function parseEnvironment(environment: string): Environment {
  const parsed = Environment.safeParse(environment)
  if (!parsed.success) throw unprocessable(`Unknown environment "${environment}"`, { environment: ['Use development, staging or production'] })
  return parsed.data
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

export function variantsOf(flag: Pick<Flag, 'variants'>): Variant[] {
  return Variant.array().parse(flag.variants)
}

export function configOf(row: FlagEnvironment): EnvironmentConfig {
  return EnvironmentConfig.parse({ enabled: row.enabled, offVariant: row.offVariant, rules: row.rules, defaultServe: row.defaultServe })
}

/** Every variant a configuration names must exist on the flag (422 naming the field otherwise). */
export function checkVariantsExist(flag: Pick<Flag, 'variants'>, config: EnvironmentConfig): void {
  const known = new Set(variantsOf(flag).map((v) => v.key))
  const fields: Record<string, string[]> = {}
  const check = (path: string, key: string) => {
    if (!known.has(key)) (fields[path] ??= []).push(`Unknown variant "${key}"`)
  }
  const checkServe = (path: string, s: Serve) => {
    if ('variant' in s) check(`${path}.variant`, s.variant)
    else s.split.forEach((p, i) => check(`${path}.split.${i}.variant`, p.variant))
  }
  check('offVariant', config.offVariant)
  checkServe('defaultServe', config.defaultServe)
  config.rules.forEach((r, i) => checkServe(`rules.${i}.serve`, r.serve))
  const ids = config.rules.map((r) => r.id)
  if (new Set(ids).size !== ids.length) fields['rules'] = ['Rule ids must be unique']
  if (Object.keys(fields).length) {
    const [path, [msg]] = Object.entries(fields)[0] as [string, string[]]
    throw unprocessable(`The configuration is invalid: ${path} — ${msg}`, fields)
  }
}

export async function activeRollout(tx: Tx, flagId: string, environment: string): Promise<RolloutPlan | null> {
  return tx.rolloutPlan.findFirst({ where: { flagId, environment, status: { in: ACTIVE_ROLLOUT } }, orderBy: { startedAt: 'desc' } })
}

export function complianceBlocked(flagKey: string, missing: ComplianceKind[]): ApiError {
  const names = missing.map((m) => `${GATE_LABELS[m]} (${m})`).join(', ')
  return new ApiError(403, 'compliance_gate', `Blocked by compliance gate: flag "${flagKey}" needs ${names} before it may serve in production`, {
    gate: missing,
  })
}

export function approvalRequired(flagKey: string, changeRequestId: string): ApiError {
  return conflict(
    `Needs approval (four_eyes): production changes to gated flag "${flagKey}" wait for a second person; change request ${changeRequestId} is pending`,
    { gate: ['four_eyes'], changeRequestId: [changeRequestId] },
  )
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

/** History row + audit entry + lastChangedAt + version bump, inside the mutation's transaction. */
export async function recordChange(tx: Tx, flag: Flag, actor: Actor, change: ChangeRecord, ctx: MutationContext = {}): Promise<void> {
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

/** Runs a mutation in a transaction and makes this process's snapshot reload after the commit. */
export async function mutate<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await db.$transaction(fn, { timeout: 15_000 })
  invalidateSnapshot()
  return result
}
