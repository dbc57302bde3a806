/** Worked examples of the evidence rules (evidence.ts): what each kind of evidence seeds, and why. */
import { describe, expect, it } from 'vitest'
import { NO_EVIDENCE, seedInputs, type EvidenceFacts, type FeedbackFact, type InsightFact } from './evidence'

const feedback = (number: number, extra: Partial<FeedbackFact> = {}): FeedbackFact => ({ number, status: 'triaged', duplicateCount: 0, departments: [], safetyConcern: false, ...extra })
const insight = (extra: Partial<InsightFact> = {}): InsightFact => ({ workflowKey: 'order-entry', stepLabel: 'Sign order', currentBase: 200, currentLost: 20, periodDays: 7, ...extra })
const facts = (f: Partial<EvidenceFacts>): EvidenceFacts => ({ ...NO_EVIDENCE, ...f })

describe('seedInputs', () => {
  it('seeds nothing without evidence', () => {
    expect(seedInputs(NO_EVIDENCE)).toEqual({})
  })

  it('counts each feedback item and its merged duplicates as reports: reach, strength, confidence and no safety concern', () => {
    // FB-3 with 3 duplicates from two wards, FB-9 alone: 4 + 1 = 5 reports, corroborated (≥ 5 reports).
    const s = seedInputs(facts({ feedback: [feedback(3, { duplicateCount: 3, departments: ['ED', 'ICU'] }), feedback(9, { departments: ['ED'] })] }))
    expect(s.reach).toEqual({ value: 5, reason: '5 reports in 2 feedback items = 5 per quarter' })
    expect(s.patientSafety).toEqual({ value: 0, reason: 'none of the 2 linked feedback items is a safety concern' })
    expect(s.evidenceStrength).toEqual({ value: 2, reason: '1 kind of source (feedback) + 1: 5 reports from 2 departments' })
    expect(s.confidence).toEqual({ value: 80, reason: 'evidence strength 2 of 5 → 80 %' })
    expect(s.value).toBeUndefined()
    expect(s.timeSaved).toBeUndefined()
    expect(seedInputs(facts({ feedback: [feedback(9)] })).patientSafety).toEqual({ value: 0, reason: 'the linked feedback item (FB-9) is not a safety concern' })
  })

  it('a safety concern among the linked feedback sets patient safety to 5', () => {
    const s = seedInputs(facts({ feedback: [feedback(4), feedback(12, { safetyConcern: true })] }))
    expect(s.patientSafety).toEqual({ value: 5, reason: 'FB-12 is a patient-safety concern' })
    // One report alone is not corroborated: strength 1, confidence 50 %.
    expect(s.evidenceStrength?.value).toBe(1)
    expect(s.confidence?.value).toBe(50)
  })

  it('adds users lost at an insight’s step per quarter (per week × 13) to reach, and reads the drop-off as clinician time', () => {
    // 20 lost in 7 days → 20 × 91 ÷ 7 = 260 a quarter; 20 of 200 = 10 % → time saved 2.
    const s = seedInputs(facts({ feedback: [feedback(5)], insights: [insight()] }))
    expect(s.reach).toEqual({ value: 261, reason: '1 report in 1 feedback item + 260 lost at “Sign order” (20 in 7 days, × 13 weeks) = 261 per quarter' })
    expect(s.timeSaved).toEqual({ value: 2, reason: '10 % of users lost at “Sign order” (order-entry): clinicians redo or abandon that step' })
    expect(s.evidenceStrength).toEqual({ value: 2, reason: '2 kinds of source (feedback, analytics)' })
  })

  it('takes the worst drop-off for time saved: 45 % → 5', () => {
    const s = seedInputs(facts({ insights: [insight(), insight({ stepLabel: 'Co-sign', currentBase: 100, currentLost: 45, periodDays: 14 })] }))
    expect(s.timeSaved?.value).toBe(5)
    // 260 + 45 × 91 ÷ 14 = 260 + 292.5 → 293 (rounded per insight)
    expect(s.reach?.value).toBe(553)
  })

  it('values a high competitor threat at 6 + 4 × its score, rising with the threat', () => {
    const low = seedInputs(facts({ threats: [{ capability: 'Ambient documentation', level: 'high', score: 0.5 }] }))
    expect(low.value).toEqual({ value: 8, reason: 'high competitor threat on “Ambient documentation” (score 0.50) → 8' })
    const higher = seedInputs(facts({ threats: [{ capability: 'Ambient documentation', level: 'high', score: 0.9 }] }))
    expect(higher.value?.value).toBe(10)
    expect(low.evidenceStrength).toEqual({ value: 1, reason: '1 kind of source (competitors)' })
  })

  it('adds SLO debt to value, + 1 when a competitor threat agrees, and counts heavy debt as operational evidence', () => {
    const s = seedInputs(facts({ threats: [{ capability: 'FHIR export', level: 'high', score: 0.25 }], slo: [{ sloKey: 'ehr-availability', budgetConsumedPercent: 80 }] }))
    // threat 6 + round(1) = 7; SLO 80 % → 6; both → 7 + 1 = 8.
    expect(s.value).toEqual({ value: 8, reason: 'high competitor threat on “FHIR export” (score 0.25) → 7; SLO ehr-availability has spent 80 % of its error budget → 6; both → 7 + 1 = 8' })
    expect(s.evidenceStrength?.reason).toBe('2 kinds of source (competitors, operations)')
  })

  it('ignores a small SLO debt (below 25 %) for value and below 50 % as evidence', () => {
    expect(seedInputs(facts({ slo: [{ sloKey: 'x', budgetConsumedPercent: 20 }] }))).toEqual({})
    const s = seedInputs(facts({ slo: [{ sloKey: 'x', budgetConsumedPercent: 120 }] }))
    expect(s.value?.value).toBe(8)
    expect(s.evidenceStrength?.value).toBe(1)
  })

  it('reads a linked incident for patient safety when no feedback is a safety concern', () => {
    const s = seedInputs(facts({ incidents: [{ number: 7, severity: 'medium' }, { number: 8, severity: 'high' }] }))
    expect(s.patientSafety).toEqual({ value: 3, reason: 'linked incident INC-8 is high' })
  })

  it('reaches strength 5 and confidence 100 % with four kinds of source, corroborated', () => {
    const s = seedInputs(
      facts({
        feedback: [feedback(1, { departments: ['ED'] }), feedback(2, { departments: ['Radiology'] })],
        insights: [insight()],
        threats: [{ capability: 'Triage', level: 'high', score: 1 }],
        incidents: [{ number: 1, severity: 'critical' }],
      }),
    )
    expect(s.evidenceStrength?.value).toBe(5)
    expect(s.confidence?.value).toBe(100)
    expect(s.patientSafety?.value).toBe(4)
  })

  it('names but does not count an insight too small to show (k-anonymity)', () => {
    const s = seedInputs(facts({ feedback: [feedback(5)], insights: [insight({ currentLost: 4, suppressed: true })] }))
    expect(s.reach).toEqual({ value: 1, reason: '1 report in 1 feedback item + a drop-off at “Sign order” too small to count (k-anonymity) = 1 per quarter' })
    expect(s.timeSaved).toBeUndefined()
    expect(s.evidenceStrength?.reason).toBe('2 kinds of source (feedback, analytics)')
  })
})
