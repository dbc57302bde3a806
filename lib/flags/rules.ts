/**
 * Targeting rule matching (pure). A rule matches when all its conditions hold (no conditions: everyone).
 * A condition reads one context attribute (department, role, region, targetingKey or any custom one; a
 * dotted name walks nested objects) and compares it with the condition's values:
 *   in / not_in                      attribute (or any element of an array attribute) is / is not one of values
 *   equals / not_equals              attribute equals / differs from values[0] (numbers compare numerically)
 *   contains / starts_with / ends_with   string test against any of values
 *   gt / gte / lt / lte              numeric comparison with values[0]
 *   semver_eq / _gt / _gte / _lt / _lte  Semantic Versioning precedence against values[0]
 * A missing attribute matches no condition, not even a negated one: a rule "role not_in [nurse]" must not
 * switch on a clinical feature for a request that forgot to say who is asking. Comparisons are
 * case-sensitive. Rules are compiled once per snapshot (sets, parsed numbers and versions), so matching
 * allocates nothing.
 */
import type { Condition, Operator, Rule } from './schema'
import { compareSemver, parseSemver, type SemVer } from './semver'

export interface CompiledCondition {
  path: string[]
  operator: Operator
  strings: string[]
  set: Set<string>
  number: number
  semver: SemVer | null
}

export interface CompiledRule<S = Rule['serve']> {
  id: string
  conditions: CompiledCondition[]
  serve: S
}

export function compileCondition(c: Condition): CompiledCondition {
  const strings = c.values.map(String)
  return {
    path: c.attribute.split('.'),
    operator: c.operator,
    strings,
    set: new Set(strings),
    number: Number(c.values[0]),
    semver: parseSemver(c.values[0]),
  }
}

export function compileConditions(conditions: readonly Condition[]): CompiledCondition[] {
  return conditions.map(compileCondition)
}

function attributeOf(context: Record<string, unknown>, path: string[]): unknown {
  let v: unknown = context[path[0]!]
  for (let i = 1; i < path.length; i++) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string, unknown>)[path[i]!]
  }
  return v
}

const asString = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null

function matchScalar(c: CompiledCondition, v: unknown): boolean {
  switch (c.operator) {
    case 'in': {
      const s = asString(v)
      return s !== null && c.set.has(s)
    }
    case 'not_in': {
      const s = asString(v)
      return s !== null && !c.set.has(s)
    }
    case 'equals':
    case 'not_equals': {
      let eq: boolean
      if (typeof v === 'number' && !Number.isNaN(c.number)) eq = v === c.number
      else {
        const s = asString(v)
        if (s === null) return false
        eq = s === c.strings[0]
      }
      return c.operator === 'equals' ? eq : !eq
    }
    case 'contains':
    case 'starts_with':
    case 'ends_with': {
      const s = asString(v)
      if (s === null) return false
      for (const x of c.strings) {
        if (c.operator === 'contains' ? s.includes(x) : c.operator === 'starts_with' ? s.startsWith(x) : s.endsWith(x)) return true
      }
      return false
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN
      if (Number.isNaN(n) || Number.isNaN(c.number)) return false
      return c.operator === 'gt' ? n > c.number : c.operator === 'gte' ? n >= c.number : c.operator === 'lt' ? n < c.number : n <= c.number
    }
    default: {
      const a = parseSemver(v)
      if (!a || !c.semver) return false
      const cmp = compareSemver(a, c.semver)
      switch (c.operator) {
        case 'semver_eq':
          return cmp === 0
        case 'semver_gt':
          return cmp > 0
        case 'semver_gte':
          return cmp >= 0
        case 'semver_lt':
          return cmp < 0
        default:
          return cmp <= 0
      }
    }
  }
}

export function matchCondition(c: CompiledCondition, context: Record<string, unknown>): boolean {
  const v = attributeOf(context, c.path)
  if (v === undefined || v === null) return false
  if (Array.isArray(v)) {
    // A list attribute (e.g. several roles): `in` when any element is in; `not_in` when none is.
    if (c.operator === 'not_in') return v.every((x) => asString(x) !== null && !c.set.has(asString(x)!))
    return v.some((x) => matchScalar(c, x))
  }
  return matchScalar(c, v)
}

export function matchConditions(conditions: readonly CompiledCondition[], context: Record<string, unknown>): boolean {
  for (let i = 0; i < conditions.length; i++) if (!matchCondition(conditions[i]!, context)) return false
  return true
}

/** Convenience for one-off checks (tests, previews): compiles and matches a rule. */
export function ruleMatches(rule: Pick<Rule, 'conditions'>, context: Record<string, unknown>): boolean {
  return matchConditions(compileConditions(rule.conditions), context)
}
