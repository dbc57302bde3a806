import { describe, expect, it } from 'vitest'
import { evaluateFlag, type FlagConfig } from './evaluate'
import { bucketOf } from './bucketing'

const base: FlagConfig = {
  key: 'ai_engine_v2',
  type: 'boolean',
  variants: [
    { key: 'off', value: false },
    { key: 'on', value: true },
  ],
  environment: 'production',
  enabled: true,
  killed: false,
  offVariant: 'off',
  rules: [],
  defaultServe: { variant: 'on' },
  version: 7,
}
const flag = (over: Partial<FlagConfig>): FlagConfig => ({ ...base, ...over })
const rollout = (pct: number) => ({ split: [{ variant: 'on', weight: pct }, { variant: 'off', weight: 100 - pct }] })
const emergencyRule = {
  id: 'ed',
  conditions: [{ attribute: 'department', operator: 'in' as const, values: ['emergency'] }],
  serve: { variant: 'on' },
}

describe('evaluateFlag reasons', () => {
  it('STATIC: a single variant and no rules', () => {
    expect(evaluateFlag(base, {})).toMatchObject({ value: true, variant: 'on', reason: 'STATIC' })
  })

  it('DISABLED: environment off or kill switch on serves the off variant', () => {
    expect(evaluateFlag(flag({ enabled: false }), { targetingKey: 'u' })).toMatchObject({ value: false, variant: 'off', reason: 'DISABLED' })
    expect(evaluateFlag(flag({ killed: true, rules: [emergencyRule] }), { department: 'emergency' })).toMatchObject({
      variant: 'off',
      reason: 'DISABLED',
    })
  })

  it('TARGETING_MATCH: the first matching rule wins', () => {
    const f = flag({
      defaultServe: { variant: 'off' },
      rules: [emergencyRule, { id: 'all', conditions: [], serve: { variant: 'off' } }],
    })
    expect(evaluateFlag(f, { department: 'emergency' })).toMatchObject({ variant: 'on', reason: 'TARGETING_MATCH' })
    expect(evaluateFlag(f, { department: 'radiology' })).toMatchObject({ variant: 'off', reason: 'TARGETING_MATCH' })
  })

  it('DEFAULT: rules exist but none matched', () => {
    const f = flag({ defaultServe: { variant: 'off' }, rules: [emergencyRule] })
    expect(evaluateFlag(f, { department: 'cardiology' })).toMatchObject({ value: false, reason: 'DEFAULT' })
  })

  it('SPLIT: a percentage rollout buckets by targetingKey', () => {
    const f = flag({ defaultServe: rollout(25) })
    for (const key of ['u-1', 'u-2', 'u-3', 'u-4', 'u-5', 'u-6']) {
      const r = evaluateFlag(f, { targetingKey: key })
      expect(r.reason).toBe('SPLIT')
      expect(r.value).toBe(bucketOf('ai_engine_v2', key) < 25)
    }
  })

  it('SPLIT from a matching rule', () => {
    const f = flag({ defaultServe: { variant: 'off' }, rules: [{ ...emergencyRule, serve: rollout(50) }] })
    expect(evaluateFlag(f, { department: 'emergency', targetingKey: 'a' }).reason).toBe('SPLIT')
  })

  it('a split with one live variant (0 % or 100 %) needs no targetingKey', () => {
    expect(evaluateFlag(flag({ defaultServe: rollout(100) }), {})).toMatchObject({ value: true, reason: 'STATIC' })
    expect(evaluateFlag(flag({ defaultServe: rollout(0), rules: [emergencyRule] }), {})).toMatchObject({ value: false, reason: 'DEFAULT' })
  })

  it('carries metadata (environment, flag version)', () => {
    expect(evaluateFlag(base, {}).metadata).toEqual({ environment: 'production', flagVersion: 7 })
  })
})

describe('evaluateFlag errors', () => {
  it('TARGETING_KEY_MISSING for a split without a key', () => {
    const r = evaluateFlag(flag({ defaultServe: rollout(30) }), { department: 'emergency' })
    expect(r).toMatchObject({ reason: 'ERROR', errorCode: 'TARGETING_KEY_MISSING', value: null })
  })

  it('INVALID_CONTEXT for a targetingKey that is not a string', () => {
    expect(evaluateFlag(base, { targetingKey: 42 })).toMatchObject({ errorCode: 'INVALID_CONTEXT' })
  })

  it('TYPE_MISMATCH when a variant value does not fit the flag type', () => {
    const f = flag({ variants: [{ key: 'off', value: false }, { key: 'on', value: 'yes' }] })
    expect(evaluateFlag(f, {})).toMatchObject({ errorCode: 'TYPE_MISMATCH' })
  })

  it('GENERAL when the served variant does not exist', () => {
    expect(evaluateFlag(flag({ defaultServe: { variant: 'gone' } }), {})).toMatchObject({ errorCode: 'GENERAL' })
  })
})

describe('evaluateFlag types', () => {
  it('serves string, number and JSON variants', () => {
    const s = evaluateFlag(
      { ...base, key: 'sepsis_alert_model', type: 'string', variants: [{ key: 'v1', value: 'sepsis-v1' }, { key: 'v2', value: 'sepsis-v2' }], offVariant: 'v1', defaultServe: { variant: 'v2' } },
      {},
    )
    expect(s.value).toBe('sepsis-v2')
    const n = evaluateFlag({ ...base, type: 'number', variants: [{ key: 'low', value: 0.5 }], offVariant: 'low', defaultServe: { variant: 'low' } }, {})
    expect(n.value).toBe(0.5)
    const j = evaluateFlag({ ...base, type: 'json', variants: [{ key: 'cfg', value: { threshold: 3 } }], offVariant: 'cfg', defaultServe: { variant: 'cfg' } }, {})
    expect(j.value).toEqual({ threshold: 3 })
  })
})
