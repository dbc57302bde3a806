import { describe, expect, it } from 'vitest'
import { WORKFLOWS } from './catalogue'
import type { PropertyType } from './normalize'
import { WorkflowDefinition } from './workflow-schema'
import {
  addExclusion,
  addStep,
  definitionToDraft,
  draftToDefinition,
  MAX_STEPS,
  moveStep,
  removeStep,
  windowToDraft,
  type EventProperties,
  type WorkflowDraft,
} from './workflow-draft'

const events: EventProperties = new Map<string, Record<string, PropertyType>>([
  ['medication_review_started', { medications: 'number' }],
  ['interaction_check_run', { ai_model: 'string', alerts: 'number' }],
  ['ai_recommendation_reviewed', { ai_model: 'string', decision: 'string' }],
  ['medication_review_signed', { outcome: 'string', duration: 'number' }],
  ['triage_abandoned', { urgent: 'boolean' }],
])

const medication = WorkflowDefinition.parse(WORKFLOWS.find((w) => w.key === 'medication_review'))

describe('windowToDraft', () => {
  it.each([
    [3_600_000, '1', 'hours'],
    [7_200_000, '2', 'hours'],
    [5_400_000, '90', 'minutes'],
    [2 * 86_400_000, '2', 'days'],
    [1_000, '0.016666666666666666', 'minutes'],
  ] as const)('%d ms is %s %s', (ms, value, unit) => {
    expect(windowToDraft(ms)).toEqual({ windowValue: value, windowUnit: unit })
  })
})

describe('definitionToDraft and draftToDefinition', () => {
  it('round-trips a shipped workflow, typed filter values included', () => {
    const draft = definitionToDraft(medication)
    expect(draft.steps.map((s) => s.event)).toEqual(medication.steps.map((s) => s.event))
    expect(draft.steps[3]!.filters).toEqual([{ property: 'outcome', value: 'signed' }])
    expect(draft).toMatchObject({ windowValue: '2', windowUnit: 'hours', orderMode: 'ordered' })
    const back = draftToDefinition(draft, events)
    expect(back.ok && WorkflowDefinition.parse(back.value)).toEqual(medication)
  })

  it('converts filter values by the property type the registry gives', () => {
    const draft = definitionToDraft(medication)
    draft.steps[0]!.filters = [{ property: 'medications', value: ' 12 ' }]
    draft.exclusions = [{ id: 'x', event: 'triage_abandoned', filters: [{ property: 'urgent', value: 'true' }], afterStep: 1, beforeStep: 3 }]
    const r = draftToDefinition(draft, events)
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    expect(r.value.steps[0]!.filters).toEqual({ medications: 12 })
    expect(r.value.exclusions).toEqual([{ event: 'triage_abandoned', filters: { urgent: true }, afterStep: 1, beforeStep: 3 }])
  })

  it('names each problem at its field, in the server’s keys', () => {
    const draft: WorkflowDraft = {
      ...definitionToDraft(medication),
      key: 'Medication Review',
      name: ' ',
      windowValue: '31',
      windowUnit: 'days',
    }
    draft.steps[0]!.event = ''
    draft.steps[1]!.filters = [
      { property: 'alerts', value: 'many' },
      { property: 'colour', value: 'red' },
      { property: '', value: '' },
    ]
    draft.steps[2]!.filters = [
      { property: 'decision', value: '' },
      { property: 'ai_model', value: 'a' },
      { property: 'ai_model', value: 'b' },
    ]
    const r = draftToDefinition(draft, events)
    expect(r).toEqual({
      ok: false,
      errors: {
        key: ['A key is 2 to 64 lower-case letters, digits and _, starting with a letter'],
        name: ['Give the workflow a name'],
        'steps.0.event': ['Choose the event of this step'],
        'steps.1.filters.0': ['alerts is a number: enter one'],
        'steps.1.filters.1': ['colour is not an allowed property of interaction_check_run'],
        'steps.1.filters.2': ['Choose a property, or remove this filter'],
        'steps.2.filters.0': ['Enter the text decision must equal'],
        'steps.2.filters.2': ['ai_model is filtered twice'],
        conversionWindowMs: ['The conversion window is between 1 minute and 30 days'],
      },
    })
  })
})

describe('list moves', () => {
  const withExclusion = (afterStep: number, beforeStep: number): WorkflowDraft => ({
    ...definitionToDraft(medication),
    exclusions: [{ id: 'x', event: 'triage_abandoned', filters: [], afterStep, beforeStep }],
  })

  it('moves a step up and down, not past either end', () => {
    const d = definitionToDraft(medication)
    const events = (x: WorkflowDraft) => x.steps.map((s) => s.event)
    expect(events(moveStep(d, 2, -1))).toEqual(['medication_review_started', 'ai_recommendation_reviewed', 'interaction_check_run', 'medication_review_signed'])
    expect(events(moveStep(d, 0, 1))).toEqual(['interaction_check_run', 'medication_review_started', 'ai_recommendation_reviewed', 'medication_review_signed'])
    expect(moveStep(d, 0, -1)).toBe(d)
    expect(moveStep(d, 3, 1)).toBe(d)
  })

  it('adds steps up to ten and exclusions up to five, each with an id of its own', () => {
    let d = definitionToDraft(null)
    expect(d.steps).toHaveLength(2)
    for (let i = 0; i < 12; i++) d = addStep(d)
    expect(d.steps).toHaveLength(MAX_STEPS)
    for (let i = 0; i < 7; i++) d = addExclusion(d)
    expect(d.exclusions).toHaveLength(5)
    expect(d.exclusions[0]).toMatchObject({ afterStep: 1, beforeStep: 2 })
    const ids = [...d.steps, ...d.exclusions].map((x) => x.id)
    expect(new Set(ids).size).toBe(15)
  })

  it('keeps two steps at least', () => {
    const d = definitionToDraft(null)
    expect(removeStep(d, 0)).toBe(d)
  })

  it.each([
    // [exclusion, removed step (1-based), exclusion after]
    [[1, 3], 2, [1, 2]],
    [[1, 3], 3, [1, 3]],
    [[2, 4], 1, [1, 3]],
    [[2, 3], 4, [2, 3]],
    [[1, 2], 1, null],
    [[3, 4], 4, null],
  ] as const)('an exclusion %j follows the removal of step %d to %j', ([a, b], removed, expected) => {
    const after = removeStep(withExclusion(a, b), removed - 1)
    expect(after.steps).toHaveLength(3)
    expect(after.exclusions.map((x) => [x.afterStep, x.beforeStep])).toEqual(expected ? [expected] : [])
  })
})
