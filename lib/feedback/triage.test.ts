import { describe, expect, it } from 'vitest'
import { readSafety } from './safety'
import type { FeedbackCategory, FeedbackType } from './schema'
import { deriveCategory, isDirectCareRole, moreUrgent, triage } from './triage'

const run = (type: FeedbackType, text: string, role: string | null = null, category?: FeedbackCategory) =>
  triage({ type, text, role, category, safety: readSafety(type, text) })

describe('deriveCategory: from the words', () => {
  it.each([
    ['Discharge summary takes forever to load, spinner for 40 seconds', 'performance'],
    ['The AI suggested the wrong diagnosis, looks hallucinated', 'accuracy'],
    ['The label on the accept button is confusing', 'usability'],
    ['Too many clicks to finish the handover documentation', 'workflow'],
    ['Lab results from Epic are not syncing over the HL7 interface', 'integration'],
    ['Hello', 'other'],
  ] as const)('%s → %s', (text, category) => {
    expect(deriveCategory(text).category).toBe(category)
  })
})

describe('triage: category, priority and the one-line reason', () => {
  // [type, text, role, given category, category, priority, reason]
  const cases: [FeedbackType, string, string | null, FeedbackCategory | undefined, FeedbackCategory, string, string][] = [
    // 1. safety → critical, however it was typed
    ['clinical_safety', 'Sepsis banner missing on ward 3', null, undefined, 'other', 'critical', 'critical: clinical safety concern (reported as a clinical safety concern)'],
    ['bug', 'Suggested 10x the dose of heparin', 'nurse', undefined, 'other', 'critical', 'critical: clinical safety concern (overdose or dosing error)'],
    // 2. praise → low, 3. optimization → medium (no role or word adjustments)
    ['praise', 'Love it, the wrong-site checks are not needed anymore, minor thing', 'doctor', undefined, 'accuracy', 'low', 'low: praise'],
    ['optimization', 'Step 3 of medication reconciliation loses 20% more users', null, undefined, 'workflow', 'medium', 'medium: improvement task from a measured drop-off'],
    // 4. blocking bug → high
    ['bug', 'Cannot log in on the ward computers since this morning', null, undefined, 'other', 'high', 'high: a bug that blocks clinical work'],
    ['bug', 'App crashes when I open the bed board', null, undefined, 'other', 'high', 'high: a bug that blocks clinical work'],
    // 5. accuracy bug → high
    ['bug', 'The summary gave an incorrect potassium trend', null, undefined, 'accuracy', 'high', 'high: a bug in the AI’s accuracy'],
    // 6. other bugs → medium, suggestions → low; the guide's payload gives its category
    ['bug', 'Slow response time', null, 'performance', 'performance', 'medium', 'medium: a performance bug'],
    ['bug', 'Something odd happened', null, undefined, 'other', 'medium', 'medium: a bug'],
    ['suggestion', 'Could the font be bigger', null, undefined, 'usability', 'low', 'low: a usability suggestion'],
    // direct-care reporters raise accuracy and workflow items one level, at most to high
    ['bug', 'Too many clicks to complete the discharge workflow', 'Staff Nurse', undefined, 'workflow', 'high', 'high: a workflow bug; raised: reported from direct patient care'],
    ['suggestion', 'Let me reorder the steps of the admission workflow', 'Registrar', undefined, 'workflow', 'medium', 'medium: a workflow suggestion; raised: reported from direct patient care'],
    ['bug', 'The summary gave an incorrect potassium trend', 'physician', undefined, 'accuracy', 'high', 'high: a bug in the AI’s accuracy'],
    ['bug', 'Too many clicks to complete the discharge workflow', 'IT analyst', undefined, 'workflow', 'medium', 'medium: a workflow bug'],
    ['bug', 'Page loads slowly', 'nurse', undefined, 'performance', 'medium', 'medium: a performance bug'],
    // described as minor → one level lower
    ['bug', 'Minor typo in the discharge label', null, undefined, 'usability', 'low', 'low: a usability bug; lowered: described as minor'],
    ['suggestion', 'Cosmetic: align the icons', null, undefined, 'usability', 'low', 'low: a usability suggestion'],
  ]
  it.each(cases)('%s "%s" (%s)', (type, text, role, given, category, priority, reason) => {
    expect(run(type, text, role, given)).toEqual({ category, priority, reason })
  })
})

describe('helpers', () => {
  it('recognises direct-care roles as hosts name them', () => {
    expect(['RN', 'Consultant physician', 'ICU nurse', 'pharmacist', 'Dr'].map(isDirectCareRole)).toEqual([true, true, true, true, true])
    expect(['Ward clerk', 'IT analyst', 'Porter', null].map(isDirectCareRole)).toEqual([false, false, false, false])
  })
  it('orders priorities by urgency', () => {
    expect(moreUrgent('critical', 'high')).toBe(true)
    expect(moreUrgent('medium', 'high')).toBe(false)
    expect(moreUrgent('low', 'low')).toBe(false)
  })
})
