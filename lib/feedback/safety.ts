/**
 * The clinical-safety classifier: does a report read as a patient-safety concern, whatever type the
 * reporter chose? A clinician in a hurry files "bug: suggested 10x the dose" — that is a safety event, and
 * it must take the safety lane (critical, never auto-merged or auto-closed; an incident, next session).
 *
 * Rules over the redacted text, each with a label that is stored instead of the words (safetyCue). It errs
 * towards flagging: a false alarm costs a triager a minute, a missed one can cost a patient. A cue does
 * not count when the word just before it negates it or says the harm was avoided ("no patient harm",
 * "not a safety issue", "caught a near miss"), so praise for a catch and "slow, no safety issue" stay out.
 * Worked examples: safety.test.ts.
 */
import type { FeedbackType } from './schema'

export interface SafetyReading {
  concern: boolean
  /** Why, as a label (never the reporter's words); null when not a concern. */
  cue: string | null
}

interface Cue {
  label: string
  pattern: RegExp
}

const ALERT = String.raw`(?:sepsis|stroke|deterioration|early[- ]warning|news2?|mews|critical[- ](?:lab|result|value)s?|allerg\w*|interaction|drug[- ]interaction|fall[- ]risk|vte|bleeding)`
const NOT_SHOWN = String.raw`(?:did ?n[o']t|didn't|does ?n[o']t|doesn't|failed to|never|not|wasn't|was not|isn't|is not)\s+(?:fire|fired|trigger|triggered|show|shown|appear|appeared|display|displayed|flag|flagged|alert|warn|come up|pop up)`

/** In order of how specific they are; the first that matches names the cue. */
const CUES: Cue[] = [
  { label: 'explicit patient-safety words', pattern: /\b(?:patient[- ]safety|safety (?:issue|concern|risk|event|incident|problem|hazard))\b/ },
  { label: 'wrong patient, drug, dose or site', pattern: /\b(?:wrong|incorrect|mixed[- ]up|another)\s+(?:patient|person)'?s?\b|\b(?:wrong|incorrect|inaccurate)\s+(?:dose|dosage|dosing|drug|medication|med|meds|insulin|units?|route|site|side|limb|blood(?: type)?|weight|infusion rate|allerg\w*)\b/ },
  { label: 'overdose or dosing error', pattern: /\b(?:overdos\w*|under-?dos\w*|double[- ]dos\w*|ten-?fold|10x|tenfold|dosing error|medication error)\b/ },
  { label: 'alert or warning not shown', pattern: new RegExp(String.raw`\b${ALERT}\s+(?:alert|warning|flag|check|score)s?\s+${NOT_SHOWN}\b|\b(?:missed|no|missing|absent)\s+${ALERT}\s+(?:alert|warning|flag|check)s?\b`) },
  { label: 'allergy or contraindication missed', pattern: /\bcontraindicat\w*|\ballerg\w*\b[^.!?]{0,60}\b(?:ignored|missed|not (?:shown|flagged|checked|listed)|without (?:a )?warning|no warning|despite)\b|\bdespite\b[^.!?]{0,40}\ballerg\w*/ },
  { label: 'harm, near miss or adverse event', pattern: /\b(?:harm(?:ed|ful)?|injur(?:y|ed|ies)|near[- ]miss(?:es)?|adverse (?:event|reaction|drug event)|sentinel event|(?:could|might|would) have (?:killed|hurt|harmed)|cardiac arrest|code blue|died|death)\b/ },
  { label: 'delayed or missed treatment', pattern: /\b(?:delay(?:ed|s)?|missed|late)\s+(?:(?:the|a)\s+)?(?:treatment|diagnosis|antibiotics?|escalation|care|transfusion|thrombolysis)\b|\bdelay in (?:treatment|diagnosis|care|antibiotics?)\b/ },
  { label: 'misidentification', pattern: /\bmis-?identif\w*|\bwrong (?:chart|record|wristband|label)\b|\b(?:results?|notes?|orders?) (?:filed|shown|attached|posted) (?:to|on|under) (?:the )?wrong\b/ },
  { label: 'unsafe or dangerous output', pattern: /\b(?:unsafe|dangerous|life[- ]threatening)\b/ },
]

/** One word before a cue that cancels it: a negation, or the harm was avoided. */
const CANCELLED = /\b(?:no|without|never|not an?|isn't an?|wasn't an?|nothing|zero|prevent(?:ed|ing|s)?|avoid(?:ed|ing|s)?|averted|caught|spotted|flagged|detected|stopped)\s+(?:\w+\s+)?$/

function firstCue(text: string): string | null {
  for (const cue of CUES) {
    const re = new RegExp(cue.pattern.source, 'g')
    for (const m of text.matchAll(re)) {
      const before = text.slice(Math.max(0, m.index - 40), m.index)
      const clause = before.split(/[.!?;,]/).pop() ?? ''
      if (!CANCELLED.test(clause)) return cue.label
    }
  }
  return null
}

/** Whether a report is a clinical-safety concern, and why (over the redacted text, lower-cased here). */
export function readSafety(type: FeedbackType, text: string): SafetyReading {
  if (type === 'clinical_safety') return { concern: true, cue: 'reported as a clinical safety concern' }
  // Improvement tasks come from measured drop-offs, not from a clinician's words.
  if (type === 'optimization') return { concern: false, cue: null }
  const cue = firstCue(text.toLowerCase().replace(/\s+/g, ' '))
  return cue ? { concern: true, cue } : { concern: false, cue: null }
}
