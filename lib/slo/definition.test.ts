import { describe, expect, it } from 'vitest'
import { actingRules } from './burn-state'
import { effectiveChanges, measureChanges, normalizeSpec, SloSpec } from './definition'
import { applySummary, outcomeLine } from './openslo-words'
import type { RuleWorkings } from './types'

const base = SloSpec.parse({ key: 'triage_latency', name: 'Triage latency', sli: 'patient_response_time', sliType: 'threshold', threshold: 2000, comparator: 'lte', service: 'triage-api', target: 0.99 })

describe('SloSpec', () => {
  it('fills the defaults: 30-day rolling window, occurrences, both alerts on, guards rollouts', () => {
    expect(base).toMatchObject({ workflow: '', windowKind: 'rolling', windowDays: 30, budgeting: 'occurrences', timesliceMinutes: 5, timesliceTarget: 0.95, minEvents: 100, pageEnabled: true, ticketEnabled: true, escalationPolicyId: null, guardsRollouts: true })
  })

  it('refuses bad input in words, per field', () => {
    const r = SloSpec.safeParse({ ...base, key: 'reports', target: 1.2, windowDays: 14, threshold: null, timesliceMinutes: 7, minEvents: 2.5 })
    expect(r.success).toBe(false)
    const fields = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]))
    expect(fields).toEqual({
      key: 'This name is used by a page; choose another',
      target: 'Use a target of at most 100 %',
      windowDays: 'Choose 7, 28 or 30 days',
      timesliceMinutes: 'Use 1, 2, 5, 10, 15, 30 or 60 minutes',
      minEvents: 'Enter a whole number',
    })
    const empty = SloSpec.safeParse({ ...base, key: '', sli: '', service: '' })
    expect(empty.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['key: Give a key', 'sli: Give the SLI name', 'service: Choose a service'])
    // The rule between fields is checked once every field is well-formed.
    expect(SloSpec.safeParse({ ...base, threshold: null }).error?.issues[0]).toMatchObject({ path: ['threshold'], message: 'A threshold SLI needs a threshold' })
    expect(SloSpec.safeParse({ ...base, target: Number.NaN }).error?.issues[0]?.message).toBe('Enter the target as a number')
    expect(SloSpec.safeParse({ ...base, sliType: 'ratio' }).error?.issues[0]?.message).toBe('A ratio SLI counts good and total events: leave threshold and comparator empty')
  })
})

describe('changes to an existing SLO', () => {
  it('names the effective changes, ignoring settings nothing reads', () => {
    expect(effectiveChanges(base, { ...base, target: 0.995, windowDays: 28 })).toEqual(['target', 'windowDays'])
    // Slice settings under occurrences, days of two calendar months, routing of an SLO that never alerts.
    expect(effectiveChanges(base, { ...base, timesliceMinutes: 10 })).toEqual([])
    const calendar = { ...base, windowKind: 'calendar_month' as const }
    expect(effectiveChanges(calendar, { ...calendar, windowDays: 7 })).toEqual([])
    const silent = { ...base, pageEnabled: false, ticketEnabled: false }
    expect(effectiveChanges(silent, { ...silent, escalationPolicyId: '00000000-0000-4000-8000-000000000001' })).toEqual([])
    expect(effectiveChanges(base, { ...base, budgeting: 'timeslices', timesliceMinutes: 10 })).toEqual(['budgeting', 'timesliceMinutes'])
  })

  it('refuses changes to what the rollups count, and only those', () => {
    expect(Object.keys(measureChanges(base, { ...base, threshold: 1500, comparator: 'gte', target: 0.9 }))).toEqual(['threshold', 'comparator'])
    expect(measureChanges(base, { ...base, target: 0.9, minEvents: 5 })).toEqual({})
  })

  it('normalises: a calendar month stores 30 days; an SLO that never alerts routes nowhere', () => {
    expect(normalizeSpec({ ...base, windowKind: 'calendar_month', windowDays: 7 }).windowDays).toBe(30)
    expect(normalizeSpec({ ...base, pageEnabled: false, ticketEnabled: false, escalationPolicyId: '00000000-0000-4000-8000-000000000001' }).escalationPolicyId).toBeNull()
  })
})

describe('actingRules', () => {
  const page = { rule: 'page_1h', severity: 'page' } as RuleWorkings
  const ticket = { rule: 'ticket_1d', severity: 'ticket' } as RuleWorkings
  it.each([
    [{ archivedAt: null, pageEnabled: true, ticketEnabled: true }, { page, ticket }],
    [{ archivedAt: null, pageEnabled: false, ticketEnabled: true }, { page: null, ticket }],
    [{ archivedAt: null, pageEnabled: true, ticketEnabled: false }, { page, ticket: null }],
    [{ archivedAt: new Date(0), pageEnabled: true, ticketEnabled: true }, { page: null, ticket: null }],
  ])('%j acts on %j', (slo, expected) => {
    expect(actingRules(slo, { page, ticket })).toEqual(expected)
  })
})

describe('apply words', () => {
  it('says what a file did', () => {
    expect(applySummary([{ key: 'a', action: 'created', changed: [] }])).toBe('Applied 1 SLO: 1 created.')
    expect(applySummary([{ key: 'a', action: 'unchanged', changed: [] }])).toBe('Unchanged: the SLO matches the file.')
    expect(applySummary([{ key: 'a', action: 'unchanged', changed: [] }, { key: 'b', action: 'unchanged', changed: [] }])).toBe('Unchanged: the 2 SLOs match the file.')
    expect(applySummary([{ key: 'a', action: 'updated', changed: ['target'] }, { key: 'b', action: 'unchanged', changed: [] }])).toBe('Applied 2 SLOs: 1 updated, 1 unchanged.')
    expect(outcomeLine({ key: 'a', action: 'updated', changed: ['target', 'windowDays'] })).toBe('a: updated (target, windowDays)')
  })
})
