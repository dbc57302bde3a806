import { describe, expect, it } from 'vitest'
import { EnvironmentConfig, type Variant } from './schema'
import {
  configToDraft,
  describeServe,
  draftToConfig,
  moveRule,
  newRule,
  newRuleId,
  splitValues,
  type ConfigDraft,
} from './rule-editor'

const variants: Variant[] = [
  { key: 'off', value: false },
  { key: 'on', value: true },
]

const config: EnvironmentConfig = {
  enabled: true,
  offVariant: 'off',
  rules: [
    { id: 'r1', name: 'ED pilot', conditions: [{ attribute: 'department', operator: 'in', values: ['emergency', 'icu'] }], serve: { variant: 'on' } },
    { id: 'r2', conditions: [{ attribute: 'age', operator: 'gte', values: [65] }], serve: { split: [{ variant: 'on', weight: 25 }, { variant: 'off', weight: 75 }] } },
  ],
  defaultServe: { split: [{ variant: 'on', weight: 5 }, { variant: 'off', weight: 95 }] },
}

describe('configToDraft / draftToConfig', () => {
  it('round-trips a configuration', () => {
    const draft = configToDraft(config, variants)
    expect(draft.rules[0]!.conditions[0]!.values).toBe('emergency, icu')
    expect(draft.rules[1]!.serve).toEqual({ mode: 'split', variant: 'on', weights: { off: '75', on: '25' } })
    expect(draft.defaultServe.mode).toBe('split')
    const back = draftToConfig(draft, variants)
    expect(back.ok).toBe(true)
    if (!back.ok) return
    expect(EnvironmentConfig.parse(back.config)).toEqual(back.config)
    // Same rules, same order; split parts may come back in variant order.
    expect(back.config.rules.map((r) => r.id)).toEqual(['r1', 'r2'])
    expect(back.config.rules[1]!.conditions[0]!.values).toEqual([65])
    expect(back.config.defaultServe).toEqual({ split: [{ variant: 'off', weight: 95 }, { variant: 'on', weight: 5 }] })
  })

  it('drops zero weights and keeps a single variant serve as a variant', () => {
    const draft: ConfigDraft = {
      enabled: false,
      offVariant: 'off',
      rules: [],
      defaultServe: { mode: 'split', variant: 'on', weights: { on: '100', off: '0' } },
    }
    const r = draftToConfig(draft, variants)
    expect(r).toEqual({ ok: true, config: { enabled: false, offVariant: 'off', rules: [], defaultServe: { split: [{ variant: 'on', weight: 100 }] } } })
  })

  it('names each problem at its path', () => {
    const draft: ConfigDraft = {
      enabled: true,
      offVariant: 'missing',
      rules: [
        {
          id: 'r1',
          name: ' ',
          conditions: [
            { attribute: '', operator: 'in', values: ' , ' },
            { attribute: 'age', operator: 'gt', values: 'sixty' },
            { attribute: 'appVersion', operator: 'semver_gte', values: '2.x' },
          ],
          serve: { mode: 'variant', variant: 'nope', weights: {} },
        },
        { id: 'r2', name: '', conditions: [], serve: { mode: 'split', variant: 'on', weights: { on: '30', off: '30' } } },
      ],
      defaultServe: { mode: 'split', variant: 'on', weights: { on: '-5', off: '105' } },
    }
    const r = draftToConfig(draft, variants)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(Object.keys(r.errors).sort()).toEqual([
      'defaultServe.weights',
      'offVariant',
      'rules.0.conditions.0.attribute',
      'rules.0.conditions.0.values',
      'rules.0.conditions.1.values',
      'rules.0.conditions.2.values',
      'rules.0.serve.variant',
      'rules.1.conditions',
      'rules.1.serve.weights',
    ])
    expect(r.errors['rules.1.serve.weights']).toEqual(['The shares add up to 60%; they must add up to 100%'])
    expect(r.errors['rules.0.conditions.1.values']).toEqual(['Enter numbers for this comparison'])
    expect(r.errors['defaultServe.weights']).toHaveLength(2)
  })

  it('accepts versions and ignores weights of unknown variants', () => {
    const draft: ConfigDraft = {
      enabled: true,
      offVariant: 'off',
      rules: [{ id: 'r', name: 'New app', conditions: [{ attribute: 'appVersion', operator: 'semver_gte', values: '2.4.1, v3' }], serve: { mode: 'variant', variant: 'on', weights: {} } }],
      defaultServe: { mode: 'split', variant: 'on', weights: { on: '50', off: '50', ghost: 'x' } },
    }
    const r = draftToConfig(draft, variants)
    expect(r.ok && r.config.rules[0]).toEqual({ id: 'r', name: 'New app', conditions: [{ attribute: 'appVersion', operator: 'semver_gte', values: ['2.4.1', 'v3'] }], serve: { variant: 'on' } })
  })
})

describe('editing helpers', () => {
  it('splitValues trims and drops blanks', () => {
    expect(splitValues(' a, b,,c ,')).toEqual(['a', 'b', 'c'])
    expect(splitValues('')).toEqual([])
  })

  it('moveRule moves within bounds only', () => {
    expect(moveRule(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c'])
    expect(moveRule(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b'])
    expect(moveRule(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c'])
    expect(moveRule(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c'])
  })

  it('new rules get distinct ids and one empty condition', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newRuleId(1_700_000_000_000)))
    expect(ids.size).toBe(50)
    const rule = newRule(variants, 'x')
    expect(rule).toMatchObject({ id: 'x', conditions: [{ attribute: 'department', operator: 'in', values: '' }], serve: { mode: 'variant', variant: 'on' } })
  })

  it('describeServe says what is served', () => {
    expect(describeServe({ variant: 'on' })).toBe('on')
    expect(describeServe({ split: [{ variant: 'on', weight: 1 }, { variant: 'off', weight: 3 }] })).toBe('on 25% · off 75%')
  })
})
