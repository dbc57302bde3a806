import { describe, expect, it } from 'vitest'
import { readSafety } from './safety'
import type { FeedbackType } from './schema'

describe('readSafety: reports that read as patient-safety concerns', () => {
  // [type, text, concern, cue]
  const cases: [FeedbackType, string, boolean, string | null][] = [
    ['clinical_safety', 'The discharge summary is slow', true, 'reported as a clinical safety concern'],
    ['bug', 'Dosing assistant suggested 10x the dose of insulin', true, 'overdose or dosing error'],
    ['bug', 'It suggested the wrong dose for a child, 5 mg/kg instead of 0.5', true, 'wrong patient, drug, dose or site'],
    ['bug', 'The AI summary listed the wrong allergies', true, 'wrong patient, drug, dose or site'],
    ['bug', "Opened the wrong patient's record from the handover list", true, 'wrong patient, drug, dose or site'],
    ['bug', 'The sepsis alert did not fire although the NEWS was 7', true, 'alert or warning not shown'],
    ['bug', 'Missed sepsis alert on a deteriorating patient', true, 'alert or warning not shown'],
    ['bug', 'Penicillin allergy was not flagged when the AI recommended amoxicillin', true, 'allergy or contraindication missed'],
    ['suggestion', 'Order set recommends a drug that is contraindicated in pregnancy', true, 'allergy or contraindication missed'],
    ['bug', 'Nearly gave the dose twice - near miss because the chart did not update', true, 'harm, near miss or adverse event'],
    ['bug', 'Lab results filed to the wrong chart', true, 'misidentification'],
    ['bug', 'Because the summary hid the potassium we had a delayed treatment', true, 'delayed or missed treatment'],
    ['bug', 'This is a patient safety issue: the sepsis banner disappears', true, 'explicit patient-safety words'],
    ['bug', 'The AI advice here is dangerous', true, 'unsafe or dangerous output'],
    // Not concerns: no cue, a negated cue, or harm that was avoided.
    ['bug', 'Discharge summary takes over a minute to load', false, null],
    ['bug', 'Slow screen, not a safety issue, just annoying', false, null],
    ['bug', 'Label is confusing but no patient harm', false, null],
    ['praise', 'The allergy check caught a near miss yesterday, brilliant', false, null],
    ['praise', 'The sepsis alert prevented harm on nights, thank you', false, null],
    ['suggestion', 'Please add a dark mode', false, null],
    // Improvement tasks are measured drop-offs, not a clinician's words.
    ['optimization', 'Wrong dose step loses 30% of users', false, null],
  ]
  it.each(cases)('%s: %s', (type, text, concern, cue) => {
    expect(readSafety(type, text)).toEqual({ concern, cue })
  })

  it('reads a cue after a negated one in the same text', () => {
    expect(readSafety('bug', 'No harm this time. But it showed the wrong patient again').concern).toBe(true)
  })

  it('reads the redacted text (identifiers are tags by then)', () => {
    expect(readSafety('bug', 'Showed [NAME] the wrong dose of [NUMBER] units')).toEqual({ concern: true, cue: 'wrong patient, drug, dose or site' })
  })
})
