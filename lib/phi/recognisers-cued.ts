/**
 * PHI recognisers of addresses and cued identifiers: street addresses (US and European forms), ZIP and post
 * codes, "lives in <city>"; values after a cue word ("MRN", "member ID", "VIN", "serial no", whose span
 * starts at the cue so the replacement reads "[MRN]"); photo file names; long account-like numbers.
 * Pure and table-tested; the shape recognisers are in recognisers.ts, the machinery in recognise-kit.ts.
 */
import { ci, collect, inWindows, UNIT_AFTER, type Found, type PhiKind, type Recogniser } from './recognise-kit'

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
