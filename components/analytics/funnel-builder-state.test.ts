import { describe, expect, it } from 'vitest'
import type { WorkflowDefinition } from '@/lib/analytics/workflow-schema'
import { FIXTURE_QUERY } from '@/test/funnel-fixtures'
import {
  addStep,
  draftFromQuery,
  draftRange,
  draftToQuery,
  initialDraft,
  moveStep,
  parseFilters,
  presetOf,
  removeStep,
  windowParts,
  withWorkflow,
  type EventCatalogue,
  type FunnelDraft,
} from './funnel-builder-state'

const NOW = new Date('2030-03-11T12:00:00.000Z')
const TZ = 'Europe/London'
const catalogue: EventCatalogue = {
  diagnosis_started: { entry: 'string' },
  ai_suggestion_viewed: { suggestions: 'number' },
  diagnosis_completed: { outcome: 'string', ai_used: 'boolean', duration: 'number' },
  triage_abandoned: {},
}
const ctx = { now: NOW, timeZone: TZ, catalogue }

const workflow: WorkflowDefinition = {
  key: 'diagnosis_workflow',
  name: 'AI-assisted diagnosis',
  steps: FIXTURE_QUERY.steps,
  conversionWindowMs: 2 * 3_600_000,
  orderMode: 'strict',
  exclusions: [{ event: 'triage_abandoned', filters: {}, afterStep: 1, beforeStep: 3 }],
}

const draft = (patch: Partial<FunnelDraft> = {}): FunnelDraft => ({ ...initialDraft(workflow, NOW, TZ), ...patch })

describe('windowParts', () => {
  it.each([
    [86_400_000, '1', 'days'],
    [7_200_000, '2', 'hours'],
    [1_800_000, '30', 'minutes'],
    [90_000, '1.5', 'minutes'],
  ])('%i ms is %s %s', (ms, window, windowUnit) => {
    expect(windowParts(ms)).toEqual({ window, windowUnit })
  })
})

describe('presetOf', () => {
  it('knows a preset that ends now, and calls anything else custom', () => {
    expect(presetOf(new Date(NOW.getTime() - 14 * 86_400_000), NOW, NOW)).toBe(14)
    expect(presetOf(new Date(NOW.getTime() - 14 * 86_400_000), new Date(NOW.getTime() - 3_600_000), NOW)).toBe('custom')
    expect(presetOf(new Date(NOW.getTime() - 10 * 86_400_000), NOW, NOW)).toBe('custom')
  })
})

describe('initialDraft and withWorkflow', () => {
  it('takes the workflow’s steps, window, order and exclusions, over the last 7 days', () => {
    const d = draft()
    expect(d.workflow).toBe('diagnosis_workflow')
    expect(d.steps.map((s) => s.event)).toEqual(['diagnosis_started', 'ai_suggestion_viewed', 'diagnosis_completed'])
    expect(d.steps[2]).toEqual({ event: 'diagnosis_completed', label: '', filters: 'outcome=confirmed' })
    expect([d.window, d.windowUnit, d.orderMode, d.range]).toEqual(['2', 'hours', 'strict', 7])
    expect(d.exclusions).toEqual([{ event: 'triage_abandoned', filters: '', afterStep: 1, beforeStep: 3 }])
  })

  it('keeps the range and breakdown when another workflow is chosen', () => {
    const d = withWorkflow(draft({ range: 30, breakdown: 'department' }), { ...workflow, key: 'other', exclusions: [] })
    expect([d.workflow, d.range, d.breakdown, d.exclusions.length]).toEqual(['other', 30, 'department', 0])
  })

  it('starts with two empty steps when there is no workflow', () => {
    expect(initialDraft(undefined, NOW, TZ).steps).toEqual([
      { event: '', label: '', filters: '' },
      { event: '', label: '', filters: '' },
    ])
  })
})

describe('step list edits', () => {
  it('adds up to 10 steps and removes down to 2', () => {
    let d = draft()
    for (let i = 0; i < 12; i++) d = addStep(d)
    expect(d.steps).toHaveLength(10)
    for (let i = 0; i < 12; i++) d = removeStep(d, 0)
    expect(d.steps).toHaveLength(2)
  })

  it('moves an exclusion back with the steps after a removed one, and drops one left with no span', () => {
    // Exclusion between steps 1 and 3; remove step 2 → between 1 and 2.
    expect(removeStep(draft(), 1).exclusions).toEqual([{ event: 'triage_abandoned', filters: '', afterStep: 1, beforeStep: 2 }])
    const d = addStep(draft())
    // Between 1 and 3; remove step 1 → between 1 and 2 (step 1 is gone, the span shrinks to steps 2→3 renumbered).
    expect(removeStep({ ...d, exclusions: [{ event: 'x', filters: '', afterStep: 2, beforeStep: 3 }] }, 1).exclusions).toEqual([])
  })

  it('swaps a step with its neighbour, and not past either end', () => {
    const d = draft()
    expect(moveStep(d, 0, 1).steps.map((s) => s.event)).toEqual(['ai_suggestion_viewed', 'diagnosis_started', 'diagnosis_completed'])
    expect(moveStep(d, 0, -1)).toBe(d)
  })
})

describe('parseFilters', () => {
  it('types each value as the registry says', () => {
    expect(parseFilters('outcome=confirmed, ai_used=true, duration=90', 'diagnosis_completed', catalogue)).toEqual({
      ok: true,
      filters: { outcome: 'confirmed', ai_used: true, duration: 90 },
    })
    expect(parseFilters('  ', 'diagnosis_completed', catalogue)).toEqual({ ok: true, filters: {} })
  })

  it.each([
    ['outcome', '“outcome” is not key=value; separate filters with commas'],
    ['ward=3', 'diagnosis_completed has no property “ward” (it has outcome, ai_used, duration)'],
    ['duration=long', 'duration is a number, not “long”'],
    ['ai_used=yes', 'ai_used is true or false, not “yes”'],
    ['outcome=', 'Give outcome a value'],
  ])('refuses %s in words', (text, message) => {
    expect(parseFilters(text, 'diagnosis_completed', catalogue)).toEqual({ ok: false, message })
  })
})

describe('draftRange', () => {
  it('ends a preset now', () => {
    expect(draftRange(draft({ range: 14 }), NOW, TZ)).toEqual({ from: new Date('2030-02-25T12:00:00.000Z'), to: NOW })
  })

  it('runs custom days from the first midnight to the one after the last day, in the zone (BST from 31 March)', () => {
    expect(draftRange(draft({ range: 'custom', from: '2030-03-30', to: '2030-03-31' }), NOW, TZ)).toEqual({
      from: new Date('2030-03-30T00:00:00.000Z'),
      to: new Date('2030-03-31T23:00:00.000Z'),
    })
  })
})

describe('draftToQuery', () => {
  it('gives the query of a valid draft', () => {
    const r = draftToQuery(draft({ breakdown: 'department' }), ctx)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.query).toMatchObject({
      workflow: 'diagnosis_workflow',
      conversionWindowMs: 7_200_000,
      orderMode: 'strict',
      breakdown: { kind: 'department' },
      steps: [{ event: 'diagnosis_started', filters: {} }, { event: 'ai_suggestion_viewed' }, { event: 'diagnosis_completed', filters: { outcome: 'confirmed' } }],
    })
    expect(r.query.steps[0]!.label).toBe('Assistant opened')
    // An empty label is no label (the step is called by its event).
    expect(r.query.steps[2]!.label).toBeUndefined()
  })

  it('names every problem under its field', () => {
    const d = draft({ window: 'soon', breakdown: 'flag', experiment: '' })
    d.steps[1] = { event: '', label: '', filters: '' }
    d.steps[2] = { ...d.steps[2]!, filters: 'ward=7' }
    const r = draftToQuery(d, ctx)
    expect(r).toEqual({
      ok: false,
      errors: {
        'steps.1.event': ['Choose an event'],
        'steps.2.filters': ['diagnosis_completed has no property “ward” (it has outcome, ai_used, duration)'],
        window: ['Give the conversion window as a number above 0'],
        'breakdown.experiment': ['Choose an experiment'],
      },
    })
  })

  it('refuses a window over 30 days and a range over 92 days in words', () => {
    const r = draftToQuery(draft({ window: '31', windowUnit: 'days', range: 'custom', from: '2029-01-01', to: '2030-01-01' }), ctx)
    expect(r.ok ? null : r.errors).toEqual({ window: ['The conversion window is 1 second to 30 days'], range: ['The range is at most 92 days'] })
  })

  it('refuses a last day before the first', () => {
    const r = draftToQuery(draft({ range: 'custom', from: '2030-03-10', to: '2030-03-01' }), ctx)
    expect(r.ok ? null : r.errors).toEqual({ range: ['The first day must be before the last'] })
  })
})

describe('draftFromQuery', () => {
  it('is the way back from a query', () => {
    const d = draftFromQuery(FIXTURE_QUERY, NOW, TZ)
    expect(d).toMatchObject({ workflow: 'diagnosis_workflow', range: 'custom', from: '2030-03-04', to: '2030-03-10', window: '1', windowUnit: 'hours', breakdown: 'department' })
    const back = draftToQuery(d, ctx)
    expect(back.ok && back.query.from.toISOString()).toBe('2030-03-04T00:00:00.000Z')
    expect(back.ok && back.query.to.toISOString()).toBe('2030-03-11T00:00:00.000Z')
  })
})
