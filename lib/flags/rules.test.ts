import { describe, expect, it } from 'vitest'
import { compileCondition, matchCondition, ruleMatches } from './rules'
import { compareSemver, parseSemver } from './semver'
import type { Condition } from './schema'

const ctx = {
  targetingKey: 'clinician-42',
  department: 'emergency',
  role: 'physician',
  region: 'north',
  appVersion: '2.4.1',
  age: 37,
  beds: '12',
  roles: ['nurse', 'charge_nurse'],
  site: { code: 'STM-01' },
}

const match = (c: Condition, context: Record<string, unknown> = ctx) => matchCondition(compileCondition(c), context)

describe('conditions', () => {
  it.each<[string, Condition, boolean]>([
    ['in: department', { attribute: 'department', operator: 'in', values: ['emergency', 'radiology'] }, true],
    ['in: no match', { attribute: 'department', operator: 'in', values: ['cardiology'] }, false],
    ['not_in', { attribute: 'role', operator: 'not_in', values: ['nurse'] }, true],
    ['not_in: listed', { attribute: 'role', operator: 'not_in', values: ['physician'] }, false],
    ['equals', { attribute: 'region', operator: 'equals', values: ['north'] }, true],
    ['equals is case-sensitive', { attribute: 'region', operator: 'equals', values: ['North'] }, false],
    ['not_equals', { attribute: 'region', operator: 'not_equals', values: ['south'] }, true],
    ['equals number', { attribute: 'age', operator: 'equals', values: [37] }, true],
    ['contains', { attribute: 'targetingKey', operator: 'contains', values: ['ician-4'] }, true],
    ['starts_with', { attribute: 'targetingKey', operator: 'starts_with', values: ['nurse-', 'clinician-'] }, true],
    ['ends_with', { attribute: 'targetingKey', operator: 'ends_with', values: ['-43'] }, false],
    ['gt', { attribute: 'age', operator: 'gt', values: [36] }, true],
    ['gte', { attribute: 'age', operator: 'gte', values: [37] }, true],
    ['lt', { attribute: 'age', operator: 'lt', values: [37] }, false],
    ['lte on numeric string', { attribute: 'beds', operator: 'lte', values: [12] }, true],
    ['gt on non-number', { attribute: 'department', operator: 'gt', values: [1] }, false],
    ['semver_eq', { attribute: 'appVersion', operator: 'semver_eq', values: ['2.4.1'] }, true],
    ['semver_gt', { attribute: 'appVersion', operator: 'semver_gt', values: ['2.4.0'] }, true],
    ['semver_gte', { attribute: 'appVersion', operator: 'semver_gte', values: ['2.5.0'] }, false],
    ['semver_lt (10 > 9 numerically)', { attribute: 'appVersion', operator: 'semver_lt', values: ['2.10.0'] }, true],
    ['semver_lte', { attribute: 'appVersion', operator: 'semver_lte', values: ['2.4.1'] }, true],
    ['semver on garbage', { attribute: 'department', operator: 'semver_gt', values: ['1.0.0'] }, false],
    ['array attribute: in any', { attribute: 'roles', operator: 'in', values: ['nurse'] }, true],
    ['array attribute: not_in none', { attribute: 'roles', operator: 'not_in', values: ['physician'] }, true],
    ['array attribute: not_in one listed', { attribute: 'roles', operator: 'not_in', values: ['nurse'] }, false],
    ['dotted path', { attribute: 'site.code', operator: 'starts_with', values: ['STM'] }, true],
    ['custom attribute missing', { attribute: 'ward', operator: 'equals', values: ['icu'] }, false],
    ['missing attribute never matches a negation', { attribute: 'ward', operator: 'not_in', values: ['icu'] }, false],
    ['missing attribute never matches not_equals', { attribute: 'ward', operator: 'not_equals', values: ['icu'] }, false],
  ])('%s', (_name, condition, expected) => {
    expect(match(condition)).toBe(expected)
  })

  it('a rule needs all its conditions; none means everyone', () => {
    const rule = {
      conditions: [
        { attribute: 'department', operator: 'in', values: ['emergency'] },
        { attribute: 'role', operator: 'equals', values: ['nurse'] },
      ] satisfies Condition[],
    }
    expect(ruleMatches(rule, ctx)).toBe(false)
    expect(ruleMatches(rule, { ...ctx, role: 'nurse' })).toBe(true)
    expect(ruleMatches({ conditions: [] }, {})).toBe(true)
  })
})

describe('semver', () => {
  it.each<[string, string, number]>([
    ['1.0.0', '1.0.0', 0],
    ['1.0.0', '2.0.0', -1],
    ['2.1.0', '2.0.9', 1],
    ['1.0.0-alpha', '1.0.0', -1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-alpha.1', '1.0.0-alpha.beta', -1],
    ['1.0.0-beta.2', '1.0.0-beta.11', -1],
    ['1.0.0-rc.1', '1.0.0', -1],
    ['v3.2', '3.2.0', 0],
    ['1.0.0+build.5', '1.0.0', 0],
  ])('%s vs %s → %i', (a, b, expected) => {
    expect(compareSemver(parseSemver(a)!, parseSemver(b)!)).toBe(expected)
  })

  it('rejects what is not a version', () => {
    expect(parseSemver('two')).toBeNull()
    expect(parseSemver('1.2.3.4')).toBeNull()
    expect(parseSemver(null)).toBeNull()
  })
})
