/**
 * PHI redaction for free text that arrives from clinical systems (alert messages, feedback, details).
 * Applied before storage and again before anything leaves Wardroom. It errs on the side of removing:
 * a redacted timestamp costs little, a leaked medical record number costs a breach report.
 *
 * Covers the 18 HIPAA Safe Harbor identifier types as they show up in text (recognisers.ts, names.ts):
 * names, street addresses and smaller geography, dates (not years) and ages over 89, phone and fax
 * numbers, e-mail, SSNs and other national ids, MRNs, health plan, account, licence, vehicle and device
 * identifiers, URLs, public IP addresses (private ones name our own machines and stay), biometric and
 * photo references, and other identifying numbers. Each identifier is replaced by its tag ("[NAME]",
 * "[MRN]"…); cue words before a name stay ("patient [NAME]"), cue words that label a number go with it
 * ("[MRN]"). Measured on a labelled corpus: lib/phi/corpus/README.md, `npm run bench -- phi`.
 */
import { findNames } from './names'
import { findAges, findDates, findEmails, findIdShapes, findIps, findPhones, findSsns, findUrls } from './recognisers'
import { findAddresses, findCuedIds, findLongNumbers, findPhotos } from './recognisers-cued'
import type { Found, PhiKind, Recogniser } from './recognise-kit'

export const TAGS: Record<PhiKind, string> = {
  name: '[NAME]',
  address: '[ADDRESS]',
  date: '[DATE]',
  dob: '[DOB]',
  age: '[AGE]',
  phone: '[PHONE]',
  fax: '[FAX]',
  email: '[EMAIL]',
  ssn: '[SSN]',
  mrn: '[MRN]',
  healthplan: '[MEMBER_ID]',
  account: '[ACCOUNT]',
  license: '[LICENSE]',
  vehicle: '[VEHICLE]',
  device: '[DEVICE]',
  url: '[URL]',
  ip: '[IP]',
  biometric: '[BIOMETRIC]',
  photo: '[PHOTO]',
  id: '[ID]',
  number: '[NUMBER]',
}

/** When two findings overlap, the lower rank wins (then the longer): specific, validated shapes first. */
const RANK: Record<PhiKind, number> = {
  email: 1,
  url: 1,
  ssn: 2,
  dob: 2,
  mrn: 3,
  healthplan: 3,
  account: 3,
  license: 3,
  vehicle: 3,
  device: 3,
  biometric: 3,
  photo: 3,
  id: 3,
  ip: 3,
  address: 4,
  date: 4,
  age: 4,
  phone: 5,
  fax: 5,
  name: 6,
  number: 7,
}

/** The shape SSN (123-45-6789) outranks its cue ("SSN 123-45-6789" → "SSN [SSN]", as always). */
const rankOf = (f: Found, cued: boolean) => RANK[f.kind] + (cued ? 0.5 : 0)

const RECOGNISERS: { find: Recogniser; cued: boolean }[] = [
  { find: findEmails, cued: false },
  { find: findUrls, cued: false },
  { find: findIps, cued: false },
  { find: findSsns, cued: false },
  { find: findIdShapes, cued: false },
  { find: findCuedIds, cued: true },
  { find: findPhotos, cued: false },
  { find: findDates, cued: false },
  { find: findAges, cued: false },
  { find: findAddresses, cued: false },
  { find: findPhones, cued: false },
  { find: findNames, cued: false },
  { find: findLongNumbers, cued: false },
]

interface Ranked {
  start: number
  end: number
  kind: PhiKind
  rank: number
}

const byStart = (a: Ranked, b: Ranked) => a.start - b.start || b.end - a.end
const byRank = (a: Ranked, b: Ranked) => a.rank - b.rank || b.end - b.start - (a.end - a.start) || a.start - b.start
const strip = (f: Found): Found => ({ start: f.start, end: f.end, kind: f.kind })

/** Every identifier found in the text, overlaps settled, in text order. */
export function findPhi(input: string): Found[] {
  const all: Ranked[] = []
  for (let r = 0; r < RECOGNISERS.length; r++) {
    const { find, cued } = RECOGNISERS[r]!
    const found = find(input)
    for (let k = 0; k < found.length; k++) {
      const f = found[k]!
      if (f.end > f.start) all.push({ start: f.start, end: f.end, kind: f.kind, rank: rankOf(f, cued) })
    }
  }
  if (all.length === 0) return []
  if (all.length > 1) all.sort(byStart)
  const chosen: Found[] = []
  // Overlapping findings form a cluster; within it, the best-ranked (then longest) spans win.
  let i = 0
  while (i < all.length) {
    let j = i + 1
    let clusterEnd = all[i]!.end
    while (j < all.length && all[j]!.start < clusterEnd) clusterEnd = Math.max(clusterEnd, all[j++]!.end)
    if (j === i + 1) chosen.push(strip(all[i]!))
    else {
      const picked: Found[] = []
      const cluster = all.slice(i, j).sort(byRank)
      for (const f of cluster) if (!picked.some((p) => f.start < p.end && p.start < f.end)) picked.push(strip(f))
      chosen.push(...picked.sort((a, b) => a.start - b.start))
    }
    i = j
  }
  return chosen
}

export interface RedactionResult {
  text: string
  counts: Partial<Record<PhiKind, number>>
  /** What was replaced, in the input's coordinates. */
  spans: Found[]
}

export function redactText(input: string): RedactionResult {
  const spans = findPhi(input)
  const counts: Partial<Record<PhiKind, number>> = {}
  if (spans.length === 0) return { text: input, counts, spans }
  const parts: string[] = []
  let at = 0
  for (const s of spans) {
    parts.push(input.slice(at, s.start), TAGS[s.kind])
    counts[s.kind] = (counts[s.kind] ?? 0) + 1
    at = s.end
  }
  parts.push(input.slice(at))
  return { text: parts.join(''), counts, spans }
}

export function redact(input: string): string {
  return redactText(input).text
}

/** True when the text still contains something redactText would remove. */
export function containsPhi(input: string): boolean {
  return findPhi(input).length > 0
}

// ─── JSON ────────────────────────────────────────────────────────────────────────────────────────────

/** Words of a key: snake, kebab, dotted and camelCase ("ptName", "patient.DOB", "phone-number"). */
export function keyWords(key: string): string[] {
  return (key.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((w) => w.toLowerCase())
}

/** Words that make a key PHI on their own. */
const PHI_WORDS = new Set(
  `mrn ssn dob birthdate birthday dateofbirth email emails mail phone phones telephone tel mobile cell fax
  address addresses addr street zip zipcode postcode postalcode surname firstname lastname fullname givenname
  familyname middlename maidenname nickname forename vin iban passport nhs medicare medicaid mbi pesel
  patient patients`
    .split(/\s+/)
    .filter(Boolean),
)
/** Words that make "name" a person's name ("first_name", "pt_name"), unlike "service_name" or "alertname". */
const PERSON_QUALIFIERS = new Set(
  'patient pt pat first last given family full middle maiden sur fore nick legal preferred contact guarantor subscriber member nok kin emergency mother father spouse parent guardian caregiver relative display person resident'.split(
    ' ',
  ),
)
/** Words that make an "id"/"number" an identifier of a person ("patient_id", "member_no", "device_serial"). */
const ID_QUALIFIERS = new Set(
  'patient pt pat member subscriber policy account acct device serial license licence plate medical record chart insurance beneficiary social security national passport card bank encounter visit health plan mr'.split(
    ' ',
  ),
)
const ID_WORDS = new Set(['id', 'no', 'nr', 'num', 'number', 'serial', 'code'])
const DATE_QUALIFIERS = new Set(['birth', 'admit', 'admission', 'admitted', 'discharge', 'discharged', 'death', 'died', 'service', 'visit', 'surgery', 'appointment', 'dos'])
/** Keys about the patient that carry no identifier themselves: their value is redacted as text instead. */
const SAFE_PATIENT_KEYS = /^(?:patient|pt)(?:count|counts|total|s)$/

/** Whether a JSON key names a PHI field (case-insensitive; separators _ - . and camelCase; pt_/patient_ prefixes). */
export function isPhiKey(key: string): boolean {
  const words = keyWords(key)
  if (words.length === 0) return false
  const joined = words.join('')
  if (words.length === 1 && (words[0] === 'name' || words[0] === 'names')) return true
  if (SAFE_PATIENT_KEYS.test(joined) || words.includes('count') || words.includes('type')) return false
  if (PHI_WORDS.has(joined)) return true
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    const prev = words.slice(0, i)
    if (PHI_WORDS.has(w) && w !== 'patient' && w !== 'patients') return true
    if ((w === 'name' || w === 'names') && prev.some((p) => PERSON_QUALIFIERS.has(p))) return true
    if (ID_WORDS.has(w) && prev.some((p) => ID_QUALIFIERS.has(p))) return true
    if (w === 'date' && words.some((p) => DATE_QUALIFIERS.has(p))) return true
    if (i > 0 && PHI_WORDS.has(prev.join('') + w)) return true // first_name → firstname
  }
  // A bare "patient" key holds the patient (a name or an object about them).
  return joined === 'patient' || joined === 'pt'
}

/** A key that is itself an identifier: an e-mail, an MRN-like number, anything redact() would replace. */
function identifierKey(key: string): boolean {
  return /^\d{5,}$/.test(key.trim()) || containsPhi(key)
}

/**
 * Deep-redacts a JSON value: strings are redacted as text; every value under a PHI-named key (strings,
 * numbers, arrays, objects) becomes "[REDACTED]"; keys that are themselves identifiers become
 * "[REDACTED_KEY]" (numbered when several in one object).
 */
export function redactJson(value: unknown, depth = 0): unknown {
  if (depth > 20) return '[TRUNCATED]'
  if (typeof value === 'string') return redact(value)
  if (Array.isArray(value)) return value.map((v) => redactJson(v, depth + 1))
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    let hidden = 0
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const key = identifierKey(k) ? `[REDACTED_KEY${hidden++ ? `_${hidden}` : ''}]` : k
      const phi = (isPhiKey(k) && v !== null && typeof v !== 'boolean') || (typeof v === 'number' && v >= 90 && keyWords(k).includes('age'))
      out[key] = phi ? '[REDACTED]' : redactJson(v, depth + 1)
    }
    return out
  }
  return value
}
