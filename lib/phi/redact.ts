/**
 * PHI redaction for free text that arrives from clinical systems (alert messages, feedback, details).
 * Applied before storage and again before anything leaves Wardroom. It errs on the side of removing:
 * a redacted timestamp costs little, a leaked medical record number costs a breach report.
 *
 * Covered (HIPAA Safe Harbor identifiers that show up in operational text): medical record numbers,
 * social security numbers, e-mail addresses, phone and fax numbers, dates of birth (and any
 * non-ISO calendar date), names after patient/name cues, long account-like digit runs, IPv4 addresses
 * are NOT redacted (they identify machines, and ops need them).
 */

export type PhiKind = 'mrn' | 'ssn' | 'email' | 'phone' | 'dob' | 'date' | 'name' | 'number'

interface Rule {
  kind: PhiKind
  pattern: RegExp
  replace: string | ((match: string, ...groups: string[]) => string)
}

// Order matters: specific, keyword-anchored rules first, broad shapes last.
const RULES: Rule[] = [
  {
    kind: 'mrn',
    pattern: /\b(?:MRN|MR#|med(?:ical)?\.?\s*rec(?:ord)?\.?\s*(?:no\.?|num(?:ber)?|#)?|patient\s*id|pt\s*id)\s*[:#=]?\s*[A-Z]{0,3}[-\s]?\d[\dA-Z-]{3,}\b/gi,
    replace: '[MRN]',
  },
  { kind: 'ssn', pattern: /\b\d{3}-\d{2}-\d{4}\b/g, replace: '[SSN]' },
  { kind: 'ssn', pattern: /\b(?:SSN|social\s+security(?:\s+(?:no\.?|number))?)\s*[:#=]?\s*\d{9}\b/gi, replace: '[SSN]' },
  { kind: 'email', pattern: /\b[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}\b/gi, replace: '[EMAIL]' },
  {
    kind: 'dob',
    pattern:
      /\b(?:DOB|D\.O\.B\.?|date\s+of\s+birth|birth\s*date|born(?:\s+on)?)\s*[:#=]?\s*(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})/gi,
    replace: '[DOB]',
  },
  // Not inside dotted numbers such as IP addresses or versions (10.0.3.17, 2.3.1).
  { kind: 'date', pattern: /(?<![\d.])\d{1,2}[/.]\d{1,2}[/.](?:19|20)?\d{2}(?![\d.])/g, replace: '[DATE]' },
  {
    kind: 'phone',
    pattern: /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\b\d{3})[\s.-]?\d{3}[\s.-]?\d{4}\b/g,
    replace: '[PHONE]',
  },
  {
    kind: 'name',
    pattern:
      /\b([Pp]atient|[Pp]t\.?|[Nn]ame|Mr\.?|Mrs\.?|Ms\.?|Miss)(\s*[:=]?\s+)([A-Z][a-z'-]+(?:\s+(?:(?:de|da|del|van|von|la|le|di|bin)\s+)?[A-Z][a-z'-]+){0,2})/g,
    replace: (_m, cue: string, sep: string) => `${cue}${sep}[NAME]`,
  },
  { kind: 'number', pattern: /\b\d{8,}\b/g, replace: '[NUMBER]' },
]

export interface RedactionResult {
  text: string
  counts: Partial<Record<PhiKind, number>>
}

export function redactText(input: string): RedactionResult {
  let text = input
  const counts: Partial<Record<PhiKind, number>> = {}
  for (const rule of RULES) {
    text = text.replace(rule.pattern, (...args: unknown[]) => {
      counts[rule.kind] = (counts[rule.kind] ?? 0) + 1
      const [match, ...rest] = args as [string, ...string[]]
      return typeof rule.replace === 'string' ? rule.replace : rule.replace(match, ...rest)
    })
  }
  return { text, counts }
}

export function redact(input: string): string {
  return redactText(input).text
}

/** Deep-redacts every string in a JSON value (keys are kept; values under PHI-named keys are dropped). */
export function redactJson(value: unknown, depth = 0): unknown {
  if (depth > 20) return '[TRUNCATED]'
  if (typeof value === 'string') return redact(value)
  if (Array.isArray(value)) return value.map((v) => redactJson(v, depth + 1))
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = PHI_KEYS.test(k) ? '[REDACTED]' : redactJson(v, depth + 1)
    }
    return out
  }
  return value
}

const PHI_KEYS = /^(patient(_?name)?|name|first_?name|last_?name|mrn|ssn|dob|date_?of_?birth|birth_?date|email|phone|address|medical_?record(_?number)?)$/i

/** True when the text still contains something redactText would remove. */
export function containsPhi(input: string): boolean {
  return Object.keys(redactText(input).counts).length > 0
}
