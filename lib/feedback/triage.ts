/**
 * Automatic triage on arrival: category and priority from the type, the category the reporter chose, the
 * words (redacted text) and the reporter's role, with one line saying why. Pure; every rule has a worked
 * example in triage.test.ts, and lib/feedback/README.md lists them in words.
 *
 * Priority, first rule that applies:
 *   1. a clinical-safety concern (typed or read by safety.ts)           → critical (the only way to critical)
 *   2. praise                                                             → low
 *   3. an improvement task (optimization: a measured drop-off)            → medium
 *   4. a bug that blocks work (down, crash, cannot log in, data lost)     → high
 *   5. a bug in the AI's accuracy                                         → high
 *   6. any other bug                                                      → medium;  a suggestion → low
 *   then: a direct-care reporter (nurse, physician, pharmacist…) on accuracy or workflow raises one level
 *   (at most to high), and words that say it is minor (typo, cosmetic, minor) lower one level.
 */
import type { FeedbackCategory, FeedbackPriority, FeedbackType } from './schema'
import type { SafetyReading } from './safety'

/** Words per category; the category with most matches wins (ties in this order), none → other. */
const CATEGORY_WORDS: [FeedbackCategory, RegExp][] = [
  ['performance', /\b(?:slow\w*|lag\w*|latency|timed? ?out|timeouts?|loading|load time|takes (?:ages|forever|long)|spinner|spinning|freez\w*|hang(?:s|ing)?|sluggish|unresponsive|seconds|minutes to|performance|response time|delay(?:ed)? (?:loading|response))\b/g],
  ['accuracy', /\b(?:wrong|incorrect|inaccurate|accuracy|hallucinat\w*|made up|false (?:positive|negative|alarm)s?|missed|misclassif\w*|mis-?read|nonsense|not (?:correct|right|accurate)|wrong diagnosis|suggest\w* (?:the )?wrong|confidence|score (?:is|was) off|predict\w*|summary (?:is|was) wrong)\b/g],
  ['usability', /\b(?:confus\w*|unclear|hard to (?:find|read|see|use)|label\w*|button\w*|font|contrast|colou?rs?|layout|menu|scroll\w*|tooltips?|icons?|align\w*|wording|readab\w*|can't find|cannot find|where is|tiny|small text|accessib\w*)\b/g],
  ['workflow', /\b(?:workflow|steps?|extra clicks?|too many clicks|clicks|handover|hand-off|documentation|document(?:ing)?|re-?enter\w*|duplicate (?:entry|data entry)|order sets?|rounds|discharge|admission|interrupt\w*|switch(?:ing)? (?:screens|between)|copy and paste|double entry|sign[- ]off)\b/g],
  ['integration', /\b(?:ehr|emr|epic|cerner|meditech|hl7|fhir|interface|sync\w*|import\w*|export\w*|lab results? (?:not|never|missing)|pacs|lis|ris|api|single sign-?on|sso|integration|not (?:showing|coming) (?:up|through) (?:from|in))\b/g],
]

export function deriveCategory(text: string): { category: FeedbackCategory; matched: number } {
  const lower = text.toLowerCase()
  let best: FeedbackCategory = 'other'
  let most = 0
  for (const [category, re] of CATEGORY_WORDS) {
    const n = lower.match(re)?.length ?? 0
    if (n > most) {
      best = category
      most = n
    }
  }
  return { category: best, matched: most }
}

/** Roles that care for patients directly, as clinical apps name them (free text from the host). */
const DIRECT_CARE = /\b(?:nurs\w*|rn|physician|doctor|dr|consultant|registrar|resident|attending|intern|hospitalist|surgeon|anaesthet\w*|anesthes\w*|pharmacist|midwife|paramedic|clinician|practitioner|np|pa|therapist|intensivist|gp)\b/
const BLOCKING = /\b(?:down|outage|crash\w*|can(?:no|')t (?:log ?in|sign in|open|load|access|use|save|prescribe|order)|unable to (?:log ?in|sign in|open|load|access|use|save|prescribe|order)|not (?:loading|working) at all|blank screen|data (?:loss|lost)|lost (?:my|the|all)|blocked|unusable|stuck)\b/
const MINOR = /\b(?:typo\w*|cosmetic|minor|spelling|misspel\w*|alignment|nit)\b/

const ORDER: FeedbackPriority[] = ['low', 'medium', 'high', 'critical']
const step = (p: FeedbackPriority, by: number, max: FeedbackPriority = 'critical'): FeedbackPriority =>
  ORDER[Math.min(ORDER.indexOf(max), Math.max(0, ORDER.indexOf(p) + by))]!

export const isDirectCareRole = (role: string | null | undefined) => Boolean(role && DIRECT_CARE.test(role.toLowerCase()))

export interface TriageInput {
  type: FeedbackType
  /** The category the reporter chose, if any. */
  category?: FeedbackCategory
  /** Redacted text (description, and title for tasks). */
  text: string
  /** The reporter's role as the host app names it (redacted), if any. */
  role?: string | null
  safety: SafetyReading
}

export interface Triage {
  category: FeedbackCategory
  priority: FeedbackPriority
  /** One line: "<priority>: <why>". */
  reason: string
}

function basePriority(t: TriageInput, category: FeedbackCategory, lower: string): { priority: FeedbackPriority; why: string; final: boolean } {
  if (t.safety.concern) return { priority: 'critical', why: `clinical safety concern (${t.safety.cue})`, final: true }
  if (t.type === 'praise') return { priority: 'low', why: 'praise', final: true }
  if (t.type === 'optimization') return { priority: 'medium', why: 'improvement task from a measured drop-off', final: true }
  if (t.type === 'bug' && BLOCKING.test(lower)) return { priority: 'high', why: 'a bug that blocks clinical work', final: false }
  if (t.type === 'bug' && category === 'accuracy') return { priority: 'high', why: 'a bug in the AI’s accuracy', final: false }
  if (t.type === 'bug') return { priority: 'medium', why: `a ${category === 'other' ? '' : `${category} `}bug`, final: false }
  return { priority: 'low', why: `a ${category === 'other' ? '' : `${category} `}suggestion`, final: false }
}

export function triage(t: TriageInput): Triage {
  const lower = t.text.toLowerCase()
  const category = t.category ?? (t.type === 'optimization' ? 'workflow' : deriveCategory(lower).category)
  const base = basePriority(t, category, lower)
  let priority = base.priority
  const why = [base.why]
  if (!base.final) {
    if (isDirectCareRole(t.role) && (category === 'accuracy' || category === 'workflow')) {
      const raised = step(priority, 1, 'high')
      if (raised !== priority) why.push('raised: reported from direct patient care')
      priority = raised
    }
    if (MINOR.test(lower)) {
      const lowered = step(priority, -1)
      if (lowered !== priority) why.push('lowered: described as minor')
      priority = lowered
    }
  }
  return { category, priority, reason: `${priority}: ${why.join('; ')}`.replace(/ {2,}/g, ' ') }
}

/** True when `a` is more urgent than `b`. */
export const moreUrgent = (a: FeedbackPriority, b: FeedbackPriority) => ORDER.indexOf(a) > ORDER.indexOf(b)
