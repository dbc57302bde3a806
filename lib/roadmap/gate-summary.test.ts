import { describe, expect, it } from 'vitest'
import { gateSummary, rolloutWords } from './gate-summary'

describe('gateSummary', () => {
  it('names the open gates in the template’s order', () => {
    const gates = [
      { label: 'Clinical validation', done: true },
      { label: 'Security review', done: false },
      { label: 'HIPAA privacy review', done: true },
      { label: 'FDA documentation', done: true },
      { label: 'Feature flag rollout completed', done: false },
    ]
    expect(gateSummary(gates)).toEqual({ complete: false, text: '3 of 5 gates complete — release is blocked by: Security review, Feature flag rollout completed.' })
  })

  it('says when every gate is complete', () => {
    expect(gateSummary([{ label: 'Regression tests', done: true }])).toEqual({ complete: true, text: 'All 1 gate complete — the item may be released.' })
  })
})

describe('rolloutWords', () => {
  it('describes the linked flag’s production rollout', () => {
    expect(rolloutWords({ key: 'k', name: 'K', exists: true, rollout: { status: 'rolled_back', percentage: 0, startedAt: '2026-12-01T00:00:00Z' } })).toBe('Production rollout rolled back at 0 %')
    expect(rolloutWords({ key: 'k', name: 'K', exists: true, rollout: null })).toBe('No production rollout yet')
    expect(rolloutWords({ key: 'gone', name: null, exists: false, rollout: null })).toMatch(/No flag has the key gone/)
  })
})
