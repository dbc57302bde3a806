import { describe, expect, it } from 'vitest'
import { affectedWorkflows, clinicalImpact, TRIAGE_RULE_REASON } from './impact'

describe('clinicalImpact: the emergency triage rule', () => {
  it.each([
    // [alert severity, raised severity]
    ['info', 'high'],
    ['low', 'high'],
    ['medium', 'high'],
    ['high', 'critical'],
    ['critical', 'critical'],
  ] as const)('emergency_triage affected: %s → %s', (alert, expected) => {
    const r = clinicalImpact(alert, ['emergency_triage'])
    expect(r.severity).toBe(expected)
    expect(r.raisedFrom).toBe(alert === expected ? null : alert)
    expect(r.reason).toBe(alert === expected ? null : TRIAGE_RULE_REASON)
  })

  it.each(['critical', 'high', 'medium', 'low', 'info'] as const)('other workflows keep the alert severity (%s)', (s) => {
    expect(clinicalImpact(s, ['diagnosis', 'medication_review'])).toEqual({
      severity: s,
      workflows: ['diagnosis', 'medication_review'],
      raisedFrom: null,
      reason: null,
    })
    expect(clinicalImpact(s, []).severity).toBe(s)
  })

  it('applies whatever else the service serves', () => {
    expect(clinicalImpact('medium', ['diagnosis', 'emergency_triage', 'medication_review']).severity).toBe('high')
  })
})

describe('affectedWorkflows', () => {
  it('merges service and alert workflows, drops unknown names, sorts', () => {
    expect(affectedWorkflows(['diagnosis'], ['Emergency_Triage ', 'billing'], null)).toEqual(['diagnosis', 'emergency_triage'])
    expect(affectedWorkflows(undefined)).toEqual([])
  })
})
