/**
 * PHI recognisers: each finds one kind of HIPAA Safe Harbor identifier in free text and returns its spans.
 * Pure and table-tested; redact.ts runs them all, settles overlaps and replaces what they found.
 *
 * Two families. Shape recognisers find identifiers by their form and a validator (an e-mail, a valid SSN,
 * a public IP, a NANP phone number, a calendar date that exists). Cued recognisers find a value after a
 * cue word ("MRN", "member ID", "VIN", "serial no"); their span starts at the cue, so the replacement
 * reads "[MRN]" rather than "MRN [MRN]" (the convention redact() always had for MRNs and dates of birth).
 * This file holds the shape recognisers and the cue-led ones for phones, dates and ages; addresses and
 * cued identifiers are in recognisers-cued.ts, names in names.ts, the shared machinery in recognise-kit.ts.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js'
import { dateValid, fullYear, ibanValid, luhnValid, personalIp, ssnValid, vinValid } from './validators'
import { ci, collect, inWindows, wholeWord, UNIT_AFTER, type Found, type PhiKind, type Recogniser } from './recognise-kit'

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

const PHONE_CUE = new RegExp(
  `(?:phone|telephone|tel|cell|mobile|mob|ph|call|called|calling|contact|reach|text|texted|fax|whatsapp|pager|beeper|handy|telefon|telefono|teléfono|téléphone|tél|celular|portable|numer|nr|number|no)\\.?(?:\\s+(?:me|us|him|her|them))?(?:\\s+(?:at|on|no|number|nr|#|back|from)\\.?)?\\s*[:#=]?\\s*$`,
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
wholeWord(MONTH_FINDER)

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
