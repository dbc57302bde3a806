import { describe, expect, it } from 'vitest'
import { exposes, gateStatuses, isGated, missingCompliance, requiredCompliance } from './gates'

const record = (kind: string, over: Partial<{ reference: string; date: string; scope: string }> = {}) => ({
  kind,
  reference: 'REF-1',
  date: '2026-01-15',
  scope: 'Adult ED triage',
  ...over,
})

describe('compliance gates', () => {
  it.each<[string, { tags: string[]; category: string }, string[]]>([
    ['operational flag', { tags: [], category: 'operational' }, []],
    ['hipaa tag', { tags: ['HIPAA'], category: 'operational' }, ['hipaa_review']],
    ['clinical decision support', { tags: [], category: 'clinical_decision_support' }, ['fda_approval']],
    ['diagnostic', { tags: [], category: 'diagnostic' }, ['clinical_validation']],
    ['hipaa + CDS', { tags: ['hipaa'], category: 'clinical_decision_support' }, ['hipaa_review', 'fda_approval']],
  ])('%s needs %j', (_n, flag, expected) => {
    expect(requiredCompliance(flag)).toEqual(expected)
    expect(isGated(flag)).toBe(expected.length > 0)
  })

  it('names what is missing and accepts valid evidence', () => {
    const flag = { tags: ['hipaa'], category: 'clinical_decision_support' }
    expect(missingCompliance(flag, [])).toEqual(['hipaa_review', 'fda_approval'])
    expect(missingCompliance(flag, [record('hipaa_review')])).toEqual(['fda_approval'])
    expect(missingCompliance(flag, [record('hipaa_review'), record('fda_approval')])).toEqual([])
  })

  it('an FDA approval without scope, or any record without a reference, does not count', () => {
    const flag = { tags: [], category: 'clinical_decision_support' }
    expect(missingCompliance(flag, [record('fda_approval', { scope: ' ' })])).toEqual(['fda_approval'])
    expect(missingCompliance(flag, [record('fda_approval', { reference: '' })])).toEqual(['fda_approval'])
    expect(missingCompliance(flag, [record('fda_approval', { date: 'soon' })])).toEqual(['fda_approval'])
  })

  it('reports gate statuses including 4-eyes for gated flags', () => {
    const statuses = gateStatuses({ tags: [], category: 'diagnostic' }, [])
    expect(statuses.map((s) => [s.gate, s.satisfied])).toEqual([
      ['clinical_validation', false],
      ['four_eyes', false],
    ])
    expect(gateStatuses({ tags: [], category: 'operational' }, [])).toEqual([])
  })
})

describe('exposure', () => {
  const cfg = { enabled: true, offVariant: 'off', rules: [], defaultServe: { variant: 'off' } }
  it('is none when disabled, killed or serving only the off variant', () => {
    expect(exposes(cfg)).toBe(false)
    expect(exposes({ ...cfg, defaultServe: { variant: 'on' }, enabled: false })).toBe(false)
    expect(exposes({ ...cfg, defaultServe: { variant: 'on' } }, true)).toBe(false)
    expect(exposes({ ...cfg, defaultServe: { split: [{ variant: 'on', weight: 0 }, { variant: 'off', weight: 100 }] } })).toBe(false)
  })
  it('is some for any share or rule serving another variant', () => {
    expect(exposes({ ...cfg, defaultServe: { split: [{ variant: 'on', weight: 5 }, { variant: 'off', weight: 95 }] } })).toBe(true)
    expect(exposes({ ...cfg, rules: [{ id: 'r', conditions: [], serve: { variant: 'on' } }] })).toBe(true)
  })
})
