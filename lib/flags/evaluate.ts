/**
 * Flag evaluation (pure, allocation-light: ≥ 1,000,000 evaluations/s in one process).
 *
 * Order, per OpenFeature reasons:
 *   1. environment disabled or kill switch on   → offVariant, DISABLED
 *   2. targeting rules in order; the first match → its variant (TARGETING_MATCH) or its split (SPLIT)
 *   3. the default rule                         → a variant: STATIC when the flag has no rules, else DEFAULT;
 *                                                 a split (percentage rollout, experiment): SPLIT
 * A split needs a targetingKey (TARGETING_KEY_MISSING otherwise); a split that gives every share to one
 * variant (a rollout at 0 % or 100 %) serves that variant without bucketing, so SDKs without a key keep
 * working once a rollout completes. A served variant that is unknown or whose value does not match the flag
 * type is a configuration error (TYPE_MISMATCH / GENERAL), never a silently wrong value.
 */
import { bucketUnits, pickSplitIndex, splitThresholds } from './bucketing'
import { compileConditions, matchConditions, type CompiledRule } from './rules'
import type { FlagType, JsonValue, Rule, Serve, Variant } from './schema'

export type EvaluationReason = 'STATIC' | 'DEFAULT' | 'TARGETING_MATCH' | 'SPLIT' | 'DISABLED' | 'ERROR'
export type EvaluationErrorCode = 'FLAG_NOT_FOUND' | 'TARGETING_KEY_MISSING' | 'INVALID_CONTEXT' | 'PARSE_ERROR' | 'TYPE_MISMATCH' | 'GENERAL'
export type FlagMetadata = Record<string, string | number | boolean>

/** Everything evaluation needs about one flag in one environment (what the snapshot holds). */
export interface FlagConfig {
  key: string
  type: FlagType
  variants: readonly Variant[]
  environment: string
  enabled: boolean
  killed: boolean
  offVariant: string
  rules: readonly Rule[]
  defaultServe: Serve
  /** FlagEnvironment.version. */
  version: number
}

export interface EvaluationSuccess {
  value: JsonValue
  variant: string
  reason: Exclude<EvaluationReason, 'ERROR'>
  metadata: FlagMetadata
  errorCode?: undefined
  errorDetails?: undefined
}

export interface EvaluationFailure {
  value: null
  variant: null
  reason: 'ERROR'
  metadata: FlagMetadata
  errorCode: EvaluationErrorCode
  errorDetails: string
}

export type EvaluationResult = EvaluationSuccess | EvaluationFailure

type Target = { kind: 'variant'; variant: string } | { kind: 'split'; variants: string[]; thresholds: number[] }

interface CompiledFlag {
  values: Map<string, JsonValue>
  /** Variants whose value does not match the flag type. */
  badType: Set<string>
  rules: CompiledRule<Target>[]
  defaultTarget: Target
  metadata: FlagMetadata
}

function targetOf(serve: Serve): Target {
  if ('variant' in serve) return { kind: 'variant', variant: serve.variant }
  const positive = serve.split.filter((p) => p.weight > 0)
  const distinct = new Set(positive.map((p) => p.variant))
  if (distinct.size === 1) return { kind: 'variant', variant: positive[0]!.variant }
  return { kind: 'split', variants: serve.split.map((p) => p.variant), thresholds: splitThresholds(serve.split) }
}

export function valueMatchesType(type: FlagType, value: JsonValue): boolean {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean'
    case 'string':
      return typeof value === 'string'
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
    case 'json':
      return value !== null && typeof value === 'object'
  }
}

const compiled = new WeakMap<FlagConfig, CompiledFlag>()

function compile(flag: FlagConfig): CompiledFlag {
  const values = new Map<string, JsonValue>()
  const badType = new Set<string>()
  for (const v of flag.variants) {
    values.set(v.key, v.value)
    if (!valueMatchesType(flag.type, v.value)) badType.add(v.key)
  }
  return {
    values,
    badType,
    rules: flag.rules.map((r) => ({ id: r.id, conditions: compileConditions(r.conditions), serve: targetOf(r.serve) })),
    defaultTarget: targetOf(flag.defaultServe),
    metadata: Object.freeze({ environment: flag.environment, flagVersion: flag.version }) as FlagMetadata,
  }
}

/** Compiles ahead of time (the snapshot does this on load, so the first request pays nothing). */
export function prepareFlag(flag: FlagConfig): void {
  if (!compiled.has(flag)) compiled.set(flag, compile(flag))
}

function failure(code: EvaluationErrorCode, details: string, metadata: FlagMetadata): EvaluationFailure {
  return { value: null, variant: null, reason: 'ERROR', metadata, errorCode: code, errorDetails: details }
}

function serveVariant(c: CompiledFlag, flag: FlagConfig, variant: string, reason: EvaluationSuccess['reason']): EvaluationResult {
  const value = c.values.get(variant)
  if (value === undefined) return failure('GENERAL', `The flag serves an unknown variant "${variant}"`, c.metadata)
  if (c.badType.has(variant)) {
    return failure('TYPE_MISMATCH', `Variant "${variant}" of ${flag.type} flag "${flag.key}" has a value of another type`, c.metadata)
  }
  return { value, variant, reason, metadata: c.metadata }
}

function serveTarget(
  c: CompiledFlag,
  flag: FlagConfig,
  target: Target,
  targetingKey: string | undefined,
  reason: 'STATIC' | 'DEFAULT' | 'TARGETING_MATCH',
): EvaluationResult {
  if (target.kind === 'variant') return serveVariant(c, flag, target.variant, reason)
  if (targetingKey === undefined) {
    return failure('TARGETING_KEY_MISSING', `Flag "${flag.key}" serves a percentage split, which needs a targetingKey`, c.metadata)
  }
  const i = pickSplitIndex(target.thresholds, bucketUnits(flag.key, targetingKey))
  return serveVariant(c, flag, target.variants[i]!, 'SPLIT')
}

/** Evaluates one flag for one context. Never throws. */
export function evaluateFlag(flag: FlagConfig, context: Record<string, unknown>): EvaluationResult {
  let c = compiled.get(flag)
  if (!c) {
    c = compile(flag)
    compiled.set(flag, c)
  }
  if (!flag.enabled || flag.killed) return serveVariant(c, flag, flag.offVariant, 'DISABLED')

  const rawKey = context.targetingKey
  let targetingKey: string | undefined
  if (typeof rawKey === 'string' && rawKey !== '') targetingKey = rawKey
  else if (rawKey !== undefined && rawKey !== null && rawKey !== '') {
    return failure('INVALID_CONTEXT', 'targetingKey must be a string', c.metadata)
  }

  const rules = c.rules
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!
    if (matchConditions(rule.conditions, context)) return serveTarget(c, flag, rule.serve, targetingKey, 'TARGETING_MATCH')
  }
  return serveTarget(c, flag, c.defaultTarget, targetingKey, rules.length === 0 ? 'STATIC' : 'DEFAULT')
}
