/**
 * Variants and environment configurations, pure part: parsing the JSON columns of Flag / FlagEnvironment,
 * and the checks every write makes before it touches them (variant values match the flag's type, every
 * variant a configuration or rollout names exists). Errors are 422 naming the field.
 */
import { unprocessable } from '@/lib/errors'
import type { Flag, FlagEnvironment } from '../generated/prisma/client'
import { valueMatchesType } from './evaluate'
import { EnvironmentConfig, Variant, type FlagType, type Serve } from './schema'

export function variantsOf(flag: Pick<Flag, 'variants'>): Variant[] {
  return Variant.array().parse(flag.variants)
}

export function configOf(row: Pick<FlagEnvironment, 'enabled' | 'offVariant' | 'rules' | 'defaultServe'>): EnvironmentConfig {
  return EnvironmentConfig.parse({ enabled: row.enabled, offVariant: row.offVariant, rules: row.rules, defaultServe: row.defaultServe })
}

/** 422 naming the first problem in words, with every field's problems, when there are any. */
export function refuseFields(what: string, fields: Record<string, string[]>): void {
  if (!Object.keys(fields).length) return
  const [path, [msg]] = Object.entries(fields)[0] as [string, string[]]
  throw unprocessable(`${what}: ${path} — ${msg}`, fields)
}

/** Variant keys are unique and every value is of the flag's type. */
export function checkVariants(type: FlagType, variants: readonly Variant[]): void {
  const fields: Record<string, string[]> = {}
  const keys = new Set<string>()
  variants.forEach((v, i) => {
    if (keys.has(v.key)) (fields[`variants.${i}.key`] ??= []).push(`Duplicate variant "${v.key}"`)
    keys.add(v.key)
    if (!valueMatchesType(type, v.value)) (fields[`variants.${i}.value`] ??= []).push(`Must be a ${type} value`)
  })
  refuseFields('The variants are invalid', fields)
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
  refuseFields('The configuration is invalid', fields)
}

/** The variant a rollout serves when none is named: a boolean flag's `true`, else the first non-off variant. */
export function onVariantOf(flag: Pick<Flag, 'key' | 'type' | 'variants'>, offVariant: string): string {
  const variants = variantsOf(flag)
  const on = flag.type === 'boolean' ? variants.find((v) => v.value === true) : variants.find((v) => v.key !== offVariant)
  if (!on || on.key === offVariant) throw unprocessable(`Flag "${flag.key}" has no variant to roll out besides its off variant`)
  return on.key
}

/** A rollout serves a variant the flag has, other than its off variant. */
export function checkRolloutVariant(flag: Pick<Flag, 'variants'>, config: EnvironmentConfig, variant: string): void {
  if (!variantsOf(flag).some((v) => v.key === variant)) throw unprocessable(`Unknown variant "${variant}"`, { variant: ['Unknown variant'] })
  if (variant === config.offVariant) throw unprocessable('Roll out a variant other than the off variant', { variant: ['This is the off variant'] })
}
