import { describe, expect, it } from 'vitest'
import { addQuarters, quarterOf, quarterRange } from './model'
import { gateStates, openGateLabels, requiredGates } from './pipelines'

describe('release gates', () => {
  it('a feature needs validation, security, privacy and a completed flag rollout; FDA documents only on an FDA pathway', () => {
    expect(requiredGates('feature', 'none')).toEqual(['clinical_validation', 'security_review', 'privacy_review', 'flag_rollout'])
    expect(requiredGates('feature', 'fda_510k')).toEqual(['clinical_validation', 'security_review', 'privacy_review', 'fda_documentation', 'flag_rollout'])
    expect(requiredGates('feature', 'ce_mdr_iia')).toContain('ce_technical_file')
  })

  it('a hotfix has the shorter list and an innovation ends in a pilot', () => {
    expect(requiredGates('hotfix', 'fda_510k')).toEqual(['regression_tests', 'security_review', 'post_release_review'])
    expect(requiredGates('innovation', 'none').at(-1)).toBe('pilot_completed')
  })

  it('names the open gates; the flag gate reads the linked flag', () => {
    const none = gateStates('feature', 'none', { ticked: new Set(['clinical_validation', 'security_review']), flag: null })
    expect(openGateLabels(none)).toEqual(['HIPAA privacy review', 'Feature flag rollout completed'])
    expect(none.find((s) => s.gate === 'flag_rollout')?.detail).toBe('No feature flag is linked to this item')
    const running = gateStates('feature', 'none', { ticked: new Set(['clinical_validation', 'security_review', 'privacy_review']), flag: { key: 'ai-triage', rolloutCompleted: false } })
    expect(openGateLabels(running)).toEqual(['Feature flag rollout completed'])
    const done = gateStates('feature', 'none', { ticked: new Set(['clinical_validation', 'security_review', 'privacy_review']), flag: { key: 'ai-triage', rolloutCompleted: true } })
    expect(openGateLabels(done)).toEqual([])
  })
})

describe('quarters', () => {
  it('names, bounds and steps quarters in UTC', () => {
    expect(quarterOf(new Date('2026-12-31T23:59:59Z'))).toBe('2026-Q4')
    expect(quarterOf(new Date('2027-01-01T00:00:00Z'))).toBe('2027-Q1')
    expect(quarterRange('2027-Q2')).toEqual({ from: new Date('2027-04-01T00:00:00Z'), to: new Date('2027-07-01T00:00:00Z') })
    expect(addQuarters('2026-Q4', 1)).toBe('2027-Q1')
    expect(addQuarters('2027-Q1', -1)).toBe('2026-Q4')
    expect(addQuarters('2026-Q3', 6)).toBe('2028-Q1')
  })
})
