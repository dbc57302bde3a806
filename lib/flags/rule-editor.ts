/**
 * The targeting editor's state: an environment configuration as editable text (values typed with commas,
 * weights as typed), and back. Pure, so the editor stays a thin client component and the shaping is
 * unit-tested. Error keys follow the configuration's paths (`rules.0.conditions.1.values`,
 * `defaultServe.weights`), the same paths the server action's zod errors use.
 */
import type { EnvironmentConfig, Operator, Rule, Serve, Variant } from './schema'

export interface ConditionDraft {
  attribute: string
  operator: Operator
  /** Comma-separated, as typed. */
  values: string
}

export interface ServeDraft {
  mode: 'variant' | 'split'
  variant: string
  /** Percent per variant key, as typed; used in split mode. */
  weights: Record<string, string>
}

export interface RuleDraft {
  id: string
  name: string
  conditions: ConditionDraft[]
  serve: ServeDraft
}

export interface ConfigDraft {
  enabled: boolean
  offVariant: string
  rules: RuleDraft[]
  defaultServe: ServeDraft
}

export type DraftErrors = Record<string, string[]>

export const NUMERIC_OPERATORS: ReadonlySet<Operator> = new Set(['gt', 'gte', 'lt', 'lte'])
export const SEMVER_OPERATORS: ReadonlySet<Operator> = new Set(['semver_eq', 'semver_gt', 'semver_gte', 'semver_lt', 'semver_lte'])
const SEMVER = /^v?\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/

export const OPERATOR_LABELS: Record<Operator, string> = {
  in: 'is one of',
  not_in: 'is not one of',
  equals: 'equals',
  not_equals: 'does not equal',
  contains: 'contains',
  starts_with: 'starts with',
  ends_with: 'ends with',
  gt: '> (number)',
  gte: '≥ (number)',
  lt: '< (number)',
  lte: '≤ (number)',
  semver_eq: '= (version)',
  semver_gt: '> (version)',
  semver_gte: '≥ (version)',
  semver_lt: '< (version)',
  semver_lte: '≤ (version)',
}

function blankWeights(variants: readonly Variant[]): Record<string, string> {
  return Object.fromEntries(variants.map((v) => [v.key, '0']))
}

export function serveToDraft(serve: Serve, variants: readonly Variant[]): ServeDraft {
  if ('variant' in serve) return { mode: 'variant', variant: serve.variant, weights: blankWeights(variants) }
  const weights = blankWeights(variants)
  for (const part of serve.split) weights[part.variant] = String(part.weight)
  return { mode: 'split', variant: serve.split[0]?.variant ?? variants[0]?.key ?? '', weights }
}

export function configToDraft(config: EnvironmentConfig, variants: readonly Variant[]): ConfigDraft {
  return {
    enabled: config.enabled,
    offVariant: config.offVariant,
    defaultServe: serveToDraft(config.defaultServe, variants),
    rules: config.rules.map((r) => ({
      id: r.id,
      name: r.name ?? '',
      conditions: r.conditions.map((c) => ({ attribute: c.attribute, operator: c.operator, values: c.values.join(', ') })),
      serve: serveToDraft(r.serve, variants),
    })),
  }
}

/** "a, b,,c " → ["a", "b", "c"]. */
export function splitValues(text: string): string[] {
  return text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
}

function draftToServe(d: ServeDraft, path: string, variantKeys: ReadonlySet<string>, errors: DraftErrors): Serve {
  const add = (key: string, message: string) => (errors[key] ??= []).push(message)
  if (d.mode === 'variant') {
    if (!variantKeys.has(d.variant)) add(`${path}.variant`, 'Choose a variant')
    return { variant: d.variant }
  }
  const split: { variant: string; weight: number }[] = []
  let total = 0
  for (const [variant, text] of Object.entries(d.weights)) {
    if (!variantKeys.has(variant)) continue
    const t = text.trim()
    const weight = t === '' ? 0 : Number(t)
    if (!Number.isFinite(weight) || weight < 0 || weight > 100) {
      add(`${path}.weights`, `The share of ${variant} must be a number from 0 to 100`)
      continue
    }
    total += weight
    if (weight > 0) split.push({ variant, weight })
  }
  // Weights are percentages here, so what is on screen reads as what is served.
  if (!errors[`${path}.weights`] && Math.abs(total - 100) > 1e-6) add(`${path}.weights`, `The shares add up to ${total}%; they must add up to 100%`)
  return { split }
}

/**
 * The draft as a configuration, or the errors that stop it. Numeric operators get numbers; version
 * operators get versions; every condition needs an attribute and at least one value.
 */
export function draftToConfig(
  draft: ConfigDraft,
  variants: readonly Variant[],
): { ok: true; config: EnvironmentConfig } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {}
  const add = (key: string, message: string) => (errors[key] ??= []).push(message)
  const keys = new Set(variants.map((v) => v.key))
  if (!keys.has(draft.offVariant)) add('offVariant', 'Choose a variant')

  const rules: Rule[] = draft.rules.map((r, i) => {
    const conditions = r.conditions.map((c, j) => {
      const at = `rules.${i}.conditions.${j}`
      const attribute = c.attribute.trim()
      if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(attribute)) add(`${at}.attribute`, 'Name an attribute: letters, digits, _ - or .')
      const texts = splitValues(c.values)
      if (texts.length === 0) add(`${at}.values`, 'Enter at least one value')
      let values: (string | number)[] = texts
      if (NUMERIC_OPERATORS.has(c.operator)) {
        const numbers = texts.map(Number)
        if (numbers.some((n) => !Number.isFinite(n))) add(`${at}.values`, 'Enter numbers for this comparison')
        values = numbers
      } else if (SEMVER_OPERATORS.has(c.operator) && texts.some((t) => !SEMVER.test(t))) {
        add(`${at}.values`, 'Enter versions such as 2.4.1')
      }
      return { attribute, operator: c.operator, values }
    })
    if (conditions.length === 0) add(`rules.${i}.conditions`, 'A rule needs at least one condition; the default rule serves everyone else')
    const name = r.name.trim()
    return { id: r.id, ...(name ? { name } : {}), conditions, serve: draftToServe(r.serve, `rules.${i}.serve`, keys, errors) }
  })
  const defaultServe = draftToServe(draft.defaultServe, 'defaultServe', keys, errors)
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, config: { enabled: draft.enabled, offVariant: draft.offVariant, rules, defaultServe } }
}

let sequence = 0

/** A rule id unique within the flag: time plus a counter (crypto.randomUUID needs a secure context). */
export function newRuleId(now: number = Date.now()): string {
  sequence = (sequence + 1) % 1_000_000
  return `r-${now.toString(36)}-${sequence.toString(36)}`
}

export function newCondition(): ConditionDraft {
  return { attribute: 'department', operator: 'in', values: '' }
}

export function newRule(variants: readonly Variant[], id: string = newRuleId()): RuleDraft {
  const first = variants[variants.length - 1]?.key ?? ''
  return { id, name: '', conditions: [newCondition()], serve: { mode: 'variant', variant: first, weights: blankWeights(variants) } }
}

/** Moves the rule at `index` by `delta` places (rules are evaluated in order); out-of-range moves do nothing. */
export function moveRule<T>(rules: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta
  if (index < 0 || index >= rules.length || target < 0 || target >= rules.length) return [...rules]
  const next = [...rules]
  const [moved] = next.splice(index, 1)
  next.splice(target, 0, moved!)
  return next
}

/** A one-line description of what a serve does, e.g. "on" or "on 25 % · off 75 %". */
export function describeServe(serve: Serve): string {
  if ('variant' in serve) return serve.variant
  const total = serve.split.reduce((s, p) => s + p.weight, 0)
  return serve.split.map((p) => `${p.variant} ${Math.round((p.weight / total) * 1000) / 10}%`).join(' · ')
}
