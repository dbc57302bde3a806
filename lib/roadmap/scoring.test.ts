import { describe, expect, it } from 'vitest'
import { clinicalImpactScore, explainClinicalImpact, explainRice, moscowRank, riceScore, valueRiskQuadrant } from './scoring'

describe('RICE', () => {
  it('is reach × impact × confidence ÷ effort (Intercom)', () => {
    // 1,200 clinicians a quarter × high impact 2 × 80 % ÷ 6 person-weeks = 320.
    expect(riceScore({ reach: 1200, impact: 2, confidence: 80, effort: 6 })).toBe(320)
    expect(explainRice({ reach: 1200, impact: 2, confidence: 80, effort: 6 })).toBe('1,200 reached × impact 2 (high) × 80 % confidence ÷ 6 person-weeks = 320')
    // 300 × 0.25 × 50 % ÷ 2 = 18.75.
    expect(riceScore({ reach: 300, impact: 0.25, confidence: 50, effort: 2 })).toBe(18.75)
  })

  it('has no score without a positive effort', () => {
    expect(riceScore({ reach: 100, impact: 1, confidence: 100, effort: 0 })).toBeNull()
    expect(explainRice({ reach: 100, impact: 1, confidence: 100, effort: 0 })).toBe('RICE needs an effort above 0 person-weeks')
  })
})

describe('MoSCoW and value vs risk', () => {
  it('orders must, should, could, won’t, then unset', () => {
    expect(['could', null, 'must', 'wont', 'should'].sort((a, b) => moscowRank(a as never) - moscowRank(b as never))).toEqual(['must', 'should', 'could', 'wont', null])
  })

  it('places items in the 2×2 with the midpoint counting as high', () => {
    expect(valueRiskQuadrant(8, 2)).toBe('quick_win')
    expect(valueRiskQuadrant(8, 7)).toBe('strategic_bet')
    expect(valueRiskQuadrant(3, 3)).toBe('fill_in')
    expect(valueRiskQuadrant(2, 9)).toBe('avoid')
    expect(valueRiskQuadrant(5, 5)).toBe('strategic_bet')
  })
})

describe('clinical impact', () => {
  it('weights safety, outcome, time and evidence 0.35/0.30/0.20/0.15 on a 0–100 scale', () => {
    // (0.35 × 4/5 + 0.30 × 3/5 + 0.20 × 5/5 + 0.15 × 2/5) × 100 = 28 + 18 + 20 + 6 = 72.
    const i = { patientSafety: 4, clinicalOutcome: 3, timeSaved: 5, evidenceStrength: 2 }
    expect(clinicalImpactScore(i)).toBe(72)
    expect(explainClinicalImpact(i)).toBe('(patient safety 4 × 0.35 + clinical outcome 3 × 0.3 + clinician time saved 5 × 0.2 + evidence strength 2 × 0.15) × 20 = 72 of 100')
    expect(clinicalImpactScore({ patientSafety: 5, clinicalOutcome: 5, timeSaved: 5, evidenceStrength: 5 })).toBe(100)
    expect(clinicalImpactScore({ patientSafety: 9, clinicalOutcome: -1, timeSaved: 0, evidenceStrength: 0 })).toBe(35)
  })
})
