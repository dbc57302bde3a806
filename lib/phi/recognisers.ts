/**
 * PHI recognisers: each finds one kind of HIPAA Safe Harbor identifier in free text and returns its spans.
 * Pure and table-tested; redact.ts runs them all, settles overlaps and replaces what they found.
 *
 * Two families. Shape recognisers find identifiers by their form and a validator (an e-mail, a valid SSN,
 * a public IP, a NANP phone number, a calendar date that exists). Cued recognisers find a value after a
 * cue word ("MRN", "member ID", "VIN", "serial no"); their span starts at the cue, so the replacement
 * reads "[MRN]" rather than "MRN [MRN]" (the convention redact() always had for MRNs and dates of birth).
 * Names live in names.ts.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js'
import { dateValid, fullYear, ibanValid, luhnValid, personalIp, ssnValid, vinValid } from './validators'

export type PhiKind =
  | 'name'
  | 'address'
  | 'date'
  | 'dob'
  | 'age'
  | 'phone'
  | 'fax'
  | 'email'
  | 'ssn'
  | 'mrn'
  | 'healthplan'
  | 'account'
  | 'license'
  | 'vehicle'
  | 'device'
  | 'url'
  | 'ip'
  | 'biometric'
  | 'photo'
  | 'id'
  | 'number'

export interface Found {
  start: number
  end: number
  kind: PhiKind
}

export type Recogniser = (text: string) => Found[]

/** Case-insensitive letters without the `i` flag, so that values after a cue stay case-sensitive. */
export function ci(words: string): string {
  let out = ''
  let inClass = false
  for (let i = 0; i < words.length; i++) {
    const c = words[i]!
    if (c === '\\') {
      out += c + (words[++i] ?? '')
      continue
    }
    if (c === '[') inClass = true
    else if (c === ']') inClass = false
    out += !inClass && c >= 'a' && c <= 'z' ? `[${c}${c.toUpperCase()}]` : inClass && c >= 'a' && c <= 'z' ? c + c.toUpperCase() : c
  }
  return out
}

function collect(re: RegExp, text: string, fn: (m: RegExpExecArray) => Found | null | undefined): Found[] {
  const out: Found[] = []
  re.lastIndex = 0
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const f = fn(m)
    if (f) out.push(f)
    if (m[0].length === 0) re.lastIndex++
  }
  return out
}

/** Finders whose hits must be whole words; they are checked in code instead of with (slow) lookarounds. */
const wholeWords = new Set<RegExp>()
const LETTER = /\p{L}/u
function letterBefore(t: string, at: number): boolean {
  if (at === 0) return false
  const c = t.charCodeAt(at - 1)
  if (c < 128) return (c | 32) >= 97 && (c | 32) <= 122
  return LETTER.test(t[at - 1]!) || (c >= 0xdc00 && c <= 0xdfff && LETTER.test(t.slice(at - 2, at)))
}
function letterAt(t: string, at: number): boolean {
  if (at >= t.length) return false
  const c = t.charCodeAt(at)
  if (c < 128) return (c | 32) >= 97 && (c | 32) <= 122
  return LETTER.test(String.fromCodePoint(t.codePointAt(at)!))
}

// Patterns without \p{…} classes run without the `u` flag (same matches on these ASCII patterns, faster).

/**
 * Runs `re` only in windows around the matches of a cheap `finder` (a plain case-insensitive word list),
 * instead of at every position of the text: the expensive patterns (cue alternations, month names,
 * street forms) then cost a scan of the finder. Matches touching a window's edge where the text goes on
 * with a letter or digit are dropped (the window cut a word).
 */
function inWindows(finder: RegExp, before: number, after: number, re: RegExp, text: string, fn: (m: RegExpExecArray, t: string) => Found | null | undefined): Found[] {
  const ranges: [number, number][] = []
  finder.lastIndex = 0
  for (let m = finder.exec(text); m; m = finder.exec(text)) {
    if (wholeWords.has(finder) && (letterBefore(text, m.index) || letterAt(text, m.index + m[0].length))) continue
    const s = Math.max(0, m.index - before)
    const e = Math.min(text.length, m.index + m[0].length + after)
    const lastRange = ranges[ranges.length - 1]
    if (lastRange && s <= lastRange[1]) lastRange[1] = Math.max(lastRange[1], e)
    else ranges.push([s, e])
  }
  const out: Found[] = []
  for (const [s, e] of ranges) {
    const w = text.slice(s, e)
    for (const f of collect(re, w, (m) => fn(m, w))) {
      if (f.start === 0 && s > 0 && /[\p{L}\d]/u.test(text[s - 1]!)) continue
      out.push({ start: f.start + s, end: f.end + s, kind: f.kind })
    }
  }
  return out
}

// ─── Shapes ──────────────────────────────────────────────────────────────────────────────────────────

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu
export const findEmails: Recogniser = (t) => (t.includes('@') ? collect(EMAIL, t, (m) => ({ start: m.index, end: m.index + m[0].length, kind: 'email' })) : [])

const URL_RE = /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'`]+/gi
export const findUrls: Recogniser = (t) =>
  collect(URL_RE, t, (m) => {
    const s = m[0].replace(/[.,;:!?)\]}]+$/, '')
    return { start: m.index, end: m.index + s.length, kind: 'url' }
  })

const IPV4 = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)/g
const IPV6_HINT = /:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:/g
const HEX = /[0-9A-Fa-f]/
/** Four colon-terminated hex groups in a row (as /[0-9A-Fa-f]{1,4}:…{4}/ would find), searched from the colon: much faster. */
function ipv6Hint(t: string): boolean {
  IPV6_HINT.lastIndex = 0
  for (let m = IPV6_HINT.exec(t); m; m = IPV6_HINT.exec(t)) {
    if (m.index > 0 && HEX.test(t[m.index - 1]!)) return true
    IPV6_HINT.lastIndex = m.index + 1
  }
  return false
}
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{0,4}|(?:\d{1,3}\.){3}\d{1,3})(?![\w:])/g
export const findIps: Recogniser = (t) => [
  ...collect(IPV4, t, (m) => (personalIp(m[0]) ? { start: m.index, end: m.index + m[0].length, kind: 'ip' } : null)),
  ...(t.includes('::') || ipv6Hint(t)
    ? collect(IPV6, t, (m) => (m[0].includes('::') || m[0].split(':').length >= 8) && personalIp(m[0]) ? { start: m.index, end: m.index + m[0].length, kind: 'ip' } : null)
    : []),
]

const SSN_SHAPE = /(?<![\w-])\d{3}([- ])\d{2}\1\d{4}(?![\w-])/g
export const findSsns: Recogniser = (t) => collect(SSN_SHAPE, t, (m) => (ssnValid(m[0]) ? { start: m.index, end: m.index + m[0].length, kind: 'ssn' } : null))

const MAC = /(?<![\w:-])[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![\w:-])/g
const CARD = /(?<![\w-])\d{4}([ -]?)\d{4}\1\d{4}\1\d{1,7}(?![\w-])/g
const VIN = /\b[A-HJ-NPR-Z0-9]{17}\b/g
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g
/** Identifiers recognisable without a cue: MAC addresses, Luhn-valid card numbers, IBANs, check-digit-valid VINs. */
export const findIdShapes: Recogniser = (t) => [
  ...collect(MAC, t, (m) => ({ start: m.index, end: m.index + m[0].length, kind: 'device' })),
  ...collect(CARD, t, (m) => {
    const d = m[0].replace(/\D/g, '')
    // Without separators only a 16-digit run counts: 13-digit epoch milliseconds pass Luhn one time in ten.
    if (!m[1] && d.length !== 16) return null
    return d.length >= 13 && d.length <= 19 && luhnValid(d) ? { start: m.index, end: m.index + m[0].length, kind: 'account' } : null
  }),
  ...collect(IBAN, t, (m) => (ibanValid(m[0]) ? { start: m.index, end: m.index + m[0].length, kind: 'account' } : null)),
  ...collect(VIN, t, (m) => (vinValid(m[0]) ? { start: m.index, end: m.index + m[0].length, kind: 'vehicle' } : null)),
]

// ─── Phones ──────────────────────────────────────────────────────────────────────────────────────────

const UNIT_AFTER = /^\s*(?:mg|mcg|µg|ug|g|kg|ml|mL|l|L|units?|iu|IU|%|ms|s|sec|min|h|hrs?|mmHg|bpm|cells|x|rpm|kB|MB|GB|B)\b/
const PHONE_CUE = new RegExp(
  `(?:phone|telephone|tel|cell|mobile|mob|ph|call|called|calling|contact|reach|text|texted|fax|whatsapp|pager|beeper|handy|telefon|telefono|teléfono|téléphone|tél|celular|portable|numer|nr|number|no)\\.?(?:\\s+(?:at|on|no|number|nr|#|back|from)\\.?)?\\s*[:#=]?\\s*$`,
  'i',
)
const FAX_CUE = /fax[^\n]{0,12}$/i
const INTL = /\+\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){1,6}/g
const NANP = /(?<![\w.+-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w-]|\.\d)/g
const LOCAL7 = /(?<![\w.+/-])\d{3}[.-]\d{4}(?![\w/-]|\.\d)/g
const CUED_DIGITS = /(?<![\w+.-])\(?\d[\d\s().-]{5,18}\d(?![\w-]|\.\d)/g

function phoneKind(t: string, start: number): PhiKind {
  return FAX_CUE.test(t.slice(Math.max(0, start - 16), start)) ? 'fax' : 'phone'
}

/**
 * Phone and fax numbers: international numbers (+…) validated by libphonenumber-js, NANP numbers with
 * separators, 7-digit local numbers, and any 7–15 digit run right after a phone cue. A bare 10-digit run
 * with no cue is not a phone (request ids look the same).
 */
export const findPhones: Recogniser = (t) => {
  const out: Found[] = []
  if (t.includes('+')) {
    out.push(
      ...collect(INTL, t, (m) => {
        const s = m[0].replace(/[\s.(-]+$/, '')
        const p = parsePhoneNumberFromString(s)
        return p && p.isPossible() ? { start: m.index, end: m.index + s.length, kind: phoneKind(t, m.index) } : null
      }),
    )
  }
  const notDose = (m: RegExpExecArray) => !UNIT_AFTER.test(t.slice(m.index + m[0].length, m.index + m[0].length + 8))
  out.push(...collect(NANP, t, (m) => (notDose(m) ? { start: m.index, end: m.index + m[0].length, kind: phoneKind(t, m.index) } : null)))
  out.push(...collect(LOCAL7, t, (m) => (notDose(m) ? { start: m.index, end: m.index + m[0].length, kind: phoneKind(t, m.index) } : null)))
  out.push(
    ...collect(CUED_DIGITS, t, (m) => {
      const s = m[0].replace(/[\s.(-]+$/, '')
      const digits = s.replace(/\D/g, '').length
      if (digits < 7 || digits > 15 || !notDose(m)) return null
      return PHONE_CUE.test(t.slice(Math.max(0, m.index - 24), m.index)) ? { start: m.index, end: m.index + s.length, kind: phoneKind(t, m.index) } : null
    }),
  )
  return out
}

// ─── Dates and ages ──────────────────────────────────────────────────────────────────────────────────

const MONTHS: Record<string, number> = {}
;[
  'january february march april may june july august september october november december',
  'jan feb mar apr may jun jul aug sep oct nov dec',
  'januar februar märz maerz april mai juni juli august september oktober november dezember',
  'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre',
  'janvier février mars avril mai juin juillet août septembre octobre novembre décembre',
  'stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia',
  'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro',
  'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre',
].forEach((row) => row.split(' ').forEach((m, i) => (MONTHS[m] = i + 1)))
MONTHS.sept = 9
MONTHS.setiembre = 9
MONTHS.fevrier = 2
MONTHS.aout = 8
MONTHS.decembre = 12
const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')

const TIME_AFTER = /^(?:[T ]|,?\s+(?:at\s+)?)\d{1,2}:\d{2}/
const BIRTH_CUE = new RegExp(
  `(?:dob|d\\.o\\.b\\.?|date of birth|birth ?date|birthday|born|born on|geb\\.|geboren|geboren am|fecha de nacimiento|date de naissance|née? le|data urodzenia|data de nascimento|nacido el|nacida el)\\s*[:#=]?\\s*$`,
  'i',
)
const DATE_CUE = new RegExp(
  `(?:on|since|from|until|till|dated|dos|seen|visit|visited|admit|admitted|admission|discharged?|surgery|appt|appointment|died|deceased|expired|follow-up|f/u|last seen|injury|onset|procedure|scheduled|am|le|el|dnia)\\.?\\s*(?:on\\s*)?[:=]?\\s*$`,
  'i',
)
const ISO = /(?<![\w.\/-])((?:18|19|20)\d{2})([-\/])(\d{1,2})\2(\d{1,2})(?![\w\/-]|\.\d)/g
const NUMERIC = /(?<![\w.\/:-])(\d{1,2})([\/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\w\/-]|\.\d)/g
const NO_YEAR = /(?<![\w.\/:-])(\d{1,2})\/(\d{1,2})(?![\w\/-]|\.\d)/g
const MONTH_NAME = new RegExp(
  `(?<![\\p{L}\\d])(?:(\\d{1,2})(?:st|nd|rd|th|er)?\\.?\\s+(?:of\\s+|de\\s+)?(${MONTH_ALT})\\.?(?:,?\\s+(?:de\\s+)?(\\d{4}))?|(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:,?\\s+(\\d{4}))?)(?![\\p{L}\\d])`,
  'giu',
)

/**
 * Month words as whole words (checked in inWindows): case-insensitive without `u` and without lookarounds,
 * which is much faster over the whole text. Exact: every month word is letters only, so a shorter
 * alternative the regex did not try is followed by a letter and would fail as well.
 */
const MONTH_FINDER = new RegExp(MONTH_ALT, 'gi')
wholeWords.add(MONTH_FINDER)

function dateFound(t: string, start: number, end: number): Found | null {
  if (TIME_AFTER.test(t.slice(end, end + 12))) return null // an event timestamp, not a person's date
  const before = t.slice(Math.max(0, start - 28), start)
  const birth = BIRTH_CUE.exec(before)
  if (birth) return { start: start - birth[0].length, end, kind: 'dob' }
  return { start, end, kind: 'date' }
}

/**
 * Calendar dates (day precision): ISO, numeric (m/d/y and d/m/y, dotted only with a 4-digit year or a
 * cue), month names in eight languages, and m/d without a year after a cue. A date followed by a time of
 * day is an event timestamp and kept; years alone and month-year are kept (Safe Harbor allows the year).
 * A date after a birth cue is a date of birth, reported with its cue ("[DOB]").
 */
export const findDates: Recogniser = (t) => [
  ...collect(ISO, t, (m) => (dateValid(Number(m[1]), Number(m[3]), Number(m[4])) ? dateFound(t, m.index, m.index + m[0].length) : null)),
  ...collect(NUMERIC, t, (m) => {
    const a = Number(m[1])
    const b = Number(m[3])
    const y = fullYear(m[4]!)
    if (!dateValid(y, a, b) && !dateValid(y, b, a)) return null
    if (m[2] === '.' && m[4]!.length === 2 && !DATE_CUE.test(t.slice(Math.max(0, m.index - 20), m.index))) return null // 4.12.20 is a version
    if (m[2] === '-' && m[4]!.length === 2 && !DATE_CUE.test(t.slice(Math.max(0, m.index - 20), m.index))) return null
    return dateFound(t, m.index, m.index + m[0].length)
  }),
  ...collect(NO_YEAR, t, (m) => {
    const a = Number(m[1])
    const b = Number(m[2])
    if (!dateValid(null, a, b) && !dateValid(null, b, a)) return null
    return DATE_CUE.test(t.slice(Math.max(0, m.index - 24), m.index)) || BIRTH_CUE.test(t.slice(Math.max(0, m.index - 24), m.index))
      ? dateFound(t, m.index, m.index + m[0].length)
      : null
  }),
  ...inWindows(MONTH_FINDER, 12, 16, MONTH_NAME, t, (m, t) => {
    const monthWord = (m[2] ?? m[4])!
    const day = Number(m[1] ?? m[5])
    const year = m[3] ?? m[6]
    const month = MONTHS[monthWord.toLowerCase()]
    if (!month || !dateValid(year ? Number(year) : null, month, day)) return null
    // "may 5" in running text: a lower-case "may"/"mar"/"mai" needs a year or a cue to count as a month.
    if (/^(?:may|mar|mai|jun|jan|dec|sep|oct|aug)$/.test(monthWord) && !year && !DATE_CUE.test(t.slice(Math.max(0, m.index - 20), m.index))) return null
    if (UNIT_AFTER.test(t.slice(m.index + m[0].length, m.index + m[0].length + 8))) return null
    return dateFound(t, m.index, m.index + m[0].length)
  }),
]

const AGE_WORDS = `(?:-|\\s)?\\s*(?:${ci('years? old|year-old|years-old|yrs? old|y\\.?o\\.?|yo|yrs?|years?|jahre alt|jahre|jährige[rn]?|años|ans|lat|anni')})(?![\\p{L}])`
const AGE_AFTER = new RegExp(`(?<![\\d.,])(9\\d|1[0-2]\\d)${AGE_WORDS}`, 'gu')
const AGE_BEFORE = new RegExp(`(?<![\\p{L}])(?:${ci('age|aged|ages|alter|edad|âge|wiek|età')})\\s*[:=]?\\s*(9\\d|1[0-2]\\d)(?![\\d.])`, 'gu')
const AGE_SEX = /(?<![\w.])(9\d|1[0-2]\d)\s?(?:M|F|yM|yF)(?=\s+(?:with|w\/|presents|presenting|admitted|pt|patient|who|s\/p|hx|c\/o))/g
/** Ages over 89 (Safe Harbor aggregates them into "90 or older"); younger ages are not identifiers. */
/** Every age pattern has a number 90–129 not inside a longer digit run: most texts have none. */
const AGE_NUMBER = /(?:9\d|1[0-2]\d)(?!\d)/g
function hasAgeNumber(t: string): boolean {
  AGE_NUMBER.lastIndex = 0
  for (let m = AGE_NUMBER.exec(t); m; m = AGE_NUMBER.exec(t)) {
    const c = m.index > 0 ? t.charCodeAt(m.index - 1) : 0
    if (c < 48 || c > 57) return true
    AGE_NUMBER.lastIndex = m.index + 1
  }
  return false
}
export const findAges: Recogniser = (t) => !hasAgeNumber(t) ? [] : [
  ...collect(AGE_AFTER, t, (m) => ({ start: m.index, end: m.index + m[0].length, kind: 'age' })),
  ...collect(AGE_BEFORE, t, (m) => ({ start: m.index, end: m.index + m[0].length, kind: 'age' })),
  ...collect(AGE_SEX, t, (m) => ({ start: m.index, end: m.index + m[0].length, kind: 'age' })),
]

// ─── Addresses ───────────────────────────────────────────────────────────────────────────────────────

const STREET_TYPE_WORDS =
  'street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|way|terrace|ter|parkway|pkwy|circle|cir|highway|hwy|square|sq|trail|trl|crescent|close|grove|row|walk|alley|loop'.split('|')
/** Street types as they are written in an address: capitalised ("Row", "St") or all caps ("STREET"), never lower case. */
const STREET_TYPES = STREET_TYPE_WORDS.flatMap((w) => [w[0]!.toUpperCase() + w.slice(1), w.toUpperCase()])
  .sort((a, b) => b.length - a.length)
  .join('|')
const UNIT = `(?:,?\\s+(?:${ci('apt|apartment|unit|suite|ste|flat|room|fl|floor')}\\.?|#)\\s*[A-Za-z0-9-]+)?`
const US_STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY'
const CITY = `\\p{Lu}[\\p{L}.'’-]+(?:\\s\\p{Lu}[\\p{L}.'’-]+){0,2}`
/**
 * House number, then directly the street name (capitalised words or an ordinal, after an optional
 * direction), then a capitalised street type: "12 Elm Row", "221B Baker Street", "350 5th Avenue". Lower-case
 * phrases ("failed 3 times in a row", "2 pods in a crash loop") are not addresses.
 */
const US_STREET = new RegExp(
  `(?<![\\w.-])\\d{1,6}[A-Za-z]?\\s+(?:[NSEW]\\.?\\s+)?(?:(?:(?!(?:A|An|And|At|By|For|In|Of|On|Or|Per|To)\\s)\\p{Lu}[\\p{L}'’.-]*|\\d{1,4}(?:st|nd|rd|th))\\s+){1,4}(?:${STREET_TYPES})\\.?(?![\\p{L}])${UNIT}(?:,\\s*${CITY}(?:,?\\s+(?:${US_STATES}))?(?:,?\\s+\\d{5}(?:-\\d{4})?)?)?`,
  'gu',
)
const EU_PREFIX = ci('ul\\.|ulica|calle|c/|avenida|av\\.|rua|via|viale|piazza|corso|rue|avenue|boulevard|chemin|allée|impasse|quai|place|plaza|paseo|carrer|travessa|largo|aleja|al\\.|plac')
const EU_PREFIXED = new RegExp(
  `(?<![\\p{L}])(\\d{1,5}(?:\\s?(?:bis|ter))?,?\\s+)?(${EU_PREFIX})\\s+(?:(?:de|del|la|le|les|des|du|da|do|dos|das|di|della|degli|d'|l')\\s*){0,2}(?:\\p{Lu}[\\p{L}'’.-]*\\s*){1,4}(?:,?\\s*(?:n[ºo°]\\.?\\s*)?\\d{1,4}[A-Za-z]?(?:/\\d+)?(?![\\d-]))?(?:,?\\s+(?:\\d{2}-\\d{3}|\\d{4,5})\\s+${CITY})?`,
  'gu',
)
/** Prefixes that are also English words ("via Slack 12", "in place of", "et al."): in lower case only after a house number. */
const EU_PREFIX_ENGLISH = new Set(['via', 'place', 'avenue', 'boulevard', 'plaza', 'al.', 'av.', 'corso', 'largo', 'quai', 'paseo'])
const EU_SUFFIXED = new RegExp(
  `(?<![\\p{L}])\\p{Lu}[\\p{L}-]*(?:straße|strasse|str\\.|weg|gasse|platz|allee|ring|damm|ufer|straat|laan|gracht|plein|steeg|kade|vej|gade|gatan|vägen)\\s+\\d{1,4}[a-z]?(?:,?\\s+(?:\\d{4,5}|\\d{4}\\s?[A-Z]{2})\\s+${CITY})?`,
  'gu',
)
const UK_POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b/g
const CITY_STATE_ZIP = new RegExp(`(?<![\\p{L}])${CITY},\\s*(?:${US_STATES})\\s+\\d{5}(?:-\\d{4})?(?!\\d)`, 'gu')
const ZIP_CUED = new RegExp(`(?:${ci('zip|zip code|zipcode|postcode|postal code|plz|code postal|código postal|cp|kod pocztowy')})\\s*[:#=]?\\s*(?:\\d{5}(?:-\\d{4})?|\\d{2}-\\d{3}|[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z]{2})(?!\\d)`, 'gu')
const LIVES_IN = new RegExp(
  `(?<=(?:${ci('lives in|living in|resides in|residing in|resident of|moved to|home in|hometown|hometown of|wohnt in|vive en|habite à|mieszka w')})\\s+)${CITY}`,
  'gu',
)
/**
 * Street addresses (US, and European forms: "Hauptstraße 12, 10115 Berlin", "12 rue de la Paix",
 * "ul. Marszałkowska 10"), city-state-ZIP, ZIP and UK postcodes, and a town after "lives in".
 */
const STREET_FINDER = new RegExp(`\\b(?:${STREET_TYPES})\\b`, 'g')
/** Case-insensitive without `u` and without lookarounds (much faster over the whole text); it only places windows. */
const EU_PREFIX_FINDER = /ul\.|ulica|calle|c\/|avenida|av\.|rua|via|viale|piazza|corso|rue|avenue|boulevard|chemin|allée|impasse|quai|place|plaza|paseo|carrer|travessa|largo|aleja|al\.|plac/gi
const EU_SUFFIX_FINDER = /(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|straat|laan|gracht|plein|steeg|kade|vej|gade|gatan|vägen)\s+\d/gi
const STATE_ZIP_FINDER = new RegExp(`,\\s*(?:${US_STATES})\\s+\\d{5}`, 'g')
const ZIP_FINDER = /zip|postcode|postal|plz|código|cp|kod/gi
const LIVES_FINDER = /lives|living|resides|residing|resident|moved|home|wohnt|vive|habite|mieszka/gi

const ADDRESS_PASSES: [RegExp | null, number, number, RegExp][] = [
  [STREET_FINDER, 70, 90, US_STREET],
  [EU_PREFIX_FINDER, 12, 90, EU_PREFIXED],
  [EU_SUFFIX_FINDER, 40, 60, EU_SUFFIXED],
  [null, 0, 0, UK_POSTCODE],
  [STATE_ZIP_FINDER, 40, 20, CITY_STATE_ZIP],
  [ZIP_FINDER, 0, 30, ZIP_CUED],
  [LIVES_FINDER, 0, 60, LIVES_IN],
]

export const findAddresses: Recogniser = (text) =>
  ADDRESS_PASSES.flatMap(([finder, before, after, re]) => {
    const fn = (m: RegExpExecArray): Found | null => {
      const s = m[0].replace(/[\s,]+$/, '')
      // "ul." or "rue" alone, or a prefix followed only by a short word, is not an address.
      if (re === EU_PREFIXED && !/\d/.test(s) && s.split(/\s+/).length < 3) return null
      if (re === EU_PREFIXED && !m[1] && EU_PREFIX_ENGLISH.has(m[2]!)) return null
      return { start: m.index, end: m.index + s.length, kind: 'address' }
    }
    return finder ? inWindows(finder, before, after, re, text, fn) : collect(re, text, fn)
  })

// ─── Cued identifiers ────────────────────────────────────────────────────────────────────────────────

const VALUE = `(?=[A-Za-z0-9./-]*\\d)[A-Za-z0-9](?:[A-Za-z0-9./-]*[A-Za-z0-9])?`
const GROUPED = `\\d{3,4}(?:[ -]\\d{2,4}){2,4}(?![\\w])|[A-Z]{2}\\s?\\d{2}\\s?\\d{2}\\s?\\d{2}\\s?[A-D]|\\d{3}\\.\\d{3}\\.\\d{3}-\\d{2}|(?:\\(\\d{2}\\)[A-Za-z0-9]+){2,}`
const SEP = `\\s*(?:(?:${ci('no|nr|num|number|numbers|id|#|code')})\\.?\\s*)?(?:${ci('is|was|of')}\\s+)?[:#=]?\\s*`

interface CueRule {
  kind: PhiKind
  /** Cue words that stand alone before a value ("MRN 00482913"). */
  cues: string
  /** Generic words that are a cue only with a marker after them ("visit no. 4471", not "visit 2034"). */
  marked?: string
  value?: string
  /** Extra check on the value. */
  valid?: (v: string) => boolean
}

const PLATE = `(?=[A-Z0-9 -]*\\d)[A-Z0-9]{1,8}(?:[ -][A-Z0-9]{1,5}){0,2}(?![\\w])`
const digitsAtLeast = (n: number) => (v: string) => (v.match(/\d/g)?.length ?? 0) >= n
const CUE_RULES: CueRule[] = [
  {
    kind: 'mrn',
    cues: 'mrn|mr#|med rec|medical record|medical records|nhs|nhi|nhc|historia clínica|historia clinica|numéro de dossier|krankenakte|patientennummer|patienten-id',
    marked: 'mr|patient|pt|chart|hospital|unit|ur|record|dossier|case',
    valid: digitsAtLeast(4),
  },
  {
    kind: 'ssn',
    cues: 'ssn|social security|sozialversicherungsnummer|pesel|nss|nir|national insurance|ni number|aadhaar|aadhar|cpf|dni|nie|national id|tax id|itin',
    marked: 'sin',
    value: `${GROUPED}|${VALUE}`,
  },
  {
    kind: 'healthplan',
    cues: 'medicare|medicaid|mbi|hicn|versichertennummer|member id|subscriber id|policy number|health plan id|beneficiary id',
    marked: 'member|subscriber|policy|insurance|health plan|plan|beneficiary|group|payer|krankenkasse|insurer',
  },
  {
    kind: 'account',
    cues: 'account|acct|a/c|billing account|bank account|iban|card|credit card|card ending|card ending in|guarantor account|har|konto|kontonummer|cuenta|compte',
    valid: digitsAtLeast(4),
    value: `${GROUPED}|${VALUE}`,
  },
  {
    kind: 'vehicle',
    cues: 'vin|license plate|licence plate|plate|registration plate|reg plate|kennzeichen|matrícula|matricula|immatriculation|tablica rejestracyjna',
    marked: 'tag|registration',
    value: `[A-HJ-NPR-Z0-9]{17}(?![\\w])|${PLATE}`,
  },
  {
    kind: 'license',
    cues: 'license|licence|driver license|driver licence|driver’s license|driver\'s license|drivers license|dl|dea|dea registration|passport|state license|medical license|führerschein|permis de conduire|licencia|pasaporte|reisepass|paszport',
    marked: 'certificate|cert|permit|registration',
  },
  {
    kind: 'device',
    cues: 'serial|s/n|sn|udi|imei|mac address|seriennummer|número de serie|numéro de série|asset tag',
    marked: 'device|implant|pump|pacemaker|icd|monitor|mac',
    value: `${GROUPED}|${VALUE}|[0-9A-Fa-f]{2}(?:[:-][0-9A-Fa-f]{2}){5}`,
  },
  {
    kind: 'biometric',
    cues: 'voiceprint|voice print|retina scan|retinal scan|iris scan|iris template|iris code|palm print|palm vein|fingerprint template|fingerprint scan|biometric|biometric template|face template|facial template|face embedding',
  },
  {
    kind: 'id',
    cues: 'csn|fin|accession|fallnummer|wristband barcode',
    marked: 'study|subject|participant|trial|enrollment|enrolment|wristband|employee|badge|encounter|visit|claim|specimen|sample|donor|transplant|registry',
  },
]

const MARKER = `(?:${ci('id|no|nr|num|number|code|barcode')})(?![\\p{L}])|#`
const escapeCue = (c: string) => ci(c.replace(/[.*+?^${}()[\]\\/]/g, '\\$&')).replace(/ /g, '[\\s_-]?')
const alternation = (list: string) =>
  list
    .split('|')
    .sort((a, b) => b.length - a.length)
    .map(escapeCue)
    .join('|')

/** A cue's first word, where the cue finder looks for it; "a/c" and "s/n" keep their slash (a bare "a" or "s" would fire at every word). */
const firstWord = (c: string) => c.split(/[ #.’'-]/)[0]!.toLowerCase()

/** Every cue's first word → the rules that cue starts; one scan finds them all (see findCuedIds). */
const RULES_BY_WORD = new Map<string, { rule: CueRule; re: RegExp }[]>()
for (const rule of CUE_RULES) {
  const cue = rule.marked
    ? `(?:${alternation(rule.cues)})(?![\\p{L}])|(?:${alternation(rule.marked)})[\\s_-]?(?:${MARKER})`
    : `(?:${alternation(rule.cues)})(?![\\p{L}])`
  const entry = { rule, re: new RegExp(`(?:${cue})${SEP}(${rule.value ?? VALUE})`, 'dyu') }
  for (const w of new Set(`${rule.cues}|${rule.marked ?? ''}`.split('|').filter(Boolean).map(firstWord).filter(Boolean))) {
    const list = RULES_BY_WORD.get(w) ?? []
    if (!list.includes(entry)) list.push(entry)
    RULES_BY_WORD.set(w, list)
  }
}
/**
 * The first words of all cues, case-insensitive. No lookbehind and no `u` flag: this runs over the whole
 * text and is twice as fast without them; a hit inside a word is dropped in code (wordCharBefore).
 */
const CUE_FINDER = new RegExp(
  [...RULES_BY_WORD.keys()]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()[\]\\/]/g, '\\$&'))
    .join('|'),
  'gi',
)
const LETTER_OR_DIGIT = /[\p{L}\d]/u
/** Whether the character before `at` is a letter or digit (the cue would start inside a word). */
function wordCharBefore(t: string, at: number): boolean {
  if (at === 0) return false
  const c = t.charCodeAt(at - 1)
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122)
  return LETTER_OR_DIGIT.test(t[at - 1]!) || (c >= 0xdc00 && c <= 0xdfff && LETTER_OR_DIGIT.test(t.slice(at - 2, at)))
}
const OPS_VALUE = /^(?:v?\d+(?:\.\d+){1,3}|\d{1,3})$/ // versions and small counts after a cue word are not identifiers

/**
 * Values after cue words (MRN, member ID, VIN, serial no, …): the span covers cue and value. One scan
 * finds cue words; only the rules that word starts are tried, anchored there (sticky).
 */
export const findCuedIds: Recogniser = (t) => {
  const out: Found[] = []
  CUE_FINDER.lastIndex = 0
  for (let c = CUE_FINDER.exec(t); c; c = CUE_FINDER.exec(t)) {
    // After "a/c" or "s/n" the word after the slash may start a cue of its own: look again from there.
    if (c[0].includes('/')) CUE_FINDER.lastIndex = c.index + 1
    if (wordCharBefore(t, c.index)) continue
    for (const { rule, re } of RULES_BY_WORD.get(c[0].toLowerCase()) ?? []) {
      re.lastIndex = c.index
      const m = re.exec(t)
      if (!m) continue
      const [vs, ve] = m.indices![1]!
      const v = t.slice(vs, ve)
      if (OPS_VALUE.test(v) || v.replace(/[^A-Za-z0-9]/g, '').length < 4) continue
      if (rule.valid && !rule.valid(v)) continue
      out.push({ start: c.index, end: ve, kind: rule.kind })
    }
  }
  return out
}

const PHOTO = new RegExp(
  `(?:${ci('photo|photograph|picture|pic|headshot|portrait|selfie|face image|facial image|image of|id photo|wristband photo|foto|zdjęcie')})[^\\n]{0,40}?([\\w.-]+\\.(?:${ci('jpe?g|png|heic|bmp|tiff?|gif|webp')}))(?![\\w])`,
  'gdu',
)
/** Image files named after a photo cue (a patient's photograph). Screenshots of dashboards are not cued. */
const IMAGE_EXT = /\.(?:jpe?g|png|heic|bmp|tiff?|gif|webp)/i
export const findPhotos: Recogniser = (t) =>
  !IMAGE_EXT.test(t) ? [] : collect(PHOTO, t, (m) => {
    const [s, e] = m.indices![1]!
    return { start: s, end: e, kind: 'photo' }
  })

const LONG_NUMBER = /(?<![\w.-])\d{9,}(?![\w-]|\.\d)/g
const OPS_NUMBER_CUE = new RegExp(
  `(?:request|req|trace|span|job|build|run|order|txn|transaction|ticket|incident|inc|commit|pid|port|seq|sequence|offset|bytes|count|total|size|epoch|ts|timestamp|time|id|ids|duration|latency|checksum|crc|hash|version|revision|rev|batch|shard|partition|event|message|msg|correlation|session|snomed|sct|loinc|icd|cpt|ndc|rxnorm|rxcui|gtin|sku|lot)[\\s:=#_-]{0,3}(?:id|no|number|#)?[\\s:=#]{0,3}$`,
  'i',
)
/** Long digit runs (account-like) with no cue; those after an operational word (request id, epoch…) stay. */
export const findLongNumbers: Recogniser = (t) =>
  collect(LONG_NUMBER, t, (m) => {
    if (OPS_NUMBER_CUE.test(t.slice(Math.max(0, m.index - 24), m.index))) return null
    if (/^1[4-9]\d{8}(?:\d{3})?$/.test(m[0])) return null // epoch seconds or milliseconds, 2014–2033
    if (UNIT_AFTER.test(t.slice(m.index + m[0].length, m.index + m[0].length + 8))) return null
    return { start: m.index, end: m.index + m[0].length, kind: 'number' }
  })
