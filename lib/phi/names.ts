/**
 * Person names in free text. Three ways in, cheapest evidence first:
 *  1. after a title (Mr, Mrs, Dr, Herr, Sra, Pani…) or a strong cue word (patient, pt, wife, son, nurse,
 *     name:, attending…): the name-shaped words that follow, skipping further titles ("Pt Mr. X");
 *  2. a known given name (gazetteer.ts) and the name-shaped words after it ("Maria de Souza",
 *     "OLUWASEUN ADEYEMI", "john smith" when both are known);
 *  3. a known surname alone or as "Last, First" ("Kowalska, Anna", "SMITH, JOHN").
 * Words that are also everyday words (May, Will, Brown…) never make a name alone. A capitalised cue in a
 * Title Case phrase ("Patient Controlled Analgesia") needs a known name after it.
 */
import { AMBIGUOUS_NAMES, FIRST_NAMES, SURNAMES, foldName } from './gazetteer'
import type { Found } from './recognise-kit'

const TITLES = new Set(
  'mr mrs ms miss mx dr prof sr sra srta herr frau mme mlle pan pani sig sigra dott dottssa don dona doña sir dame mister madam señor señora monsieur madame'.split(
    ' ',
  ),
)
const CUES = new Set(
  `patient pt pts patientin paciente patiente pacjent pacjentka paziente name nombre nom imie imię
  wife husband son daughter mother father mom mum dad brother sister spouse partner guardian caregiver carer
  grandson granddaughter grandmother grandfather grandma grandpa niece nephew aunt uncle cousin friend
  neighbor neighbour roommate fiance fiancee girlfriend boyfriend
  nurse rn lpn np md attending resident physician surgeon clinician doctor provider pharmacist therapist
  midwife intern hospitalist anesthetist anaesthetist radiologist cardiologist oncologist consultant registrar
  contact relative signed cosigned author dear hi hello thanks attn
  sohn tochter ehefrau ehemann mutter vater hijo hija esposa esposo madre padre fils fille femme mari mère père
  syn córka corka żona zona mąż maz`
    .split(/\s+/)
    .filter(Boolean),
)
const PARTICLES = new Set('de da del della der den van von la le di du dos das do bin ibn al el ben y e st'.split(' '))
/** Capitalised words that follow cues or start sentences but are not names. */
const STOP = new Set(
  `the a an and or but not no nor on in at to of for from by with without per via as is was were be been has had have
  it its this that these those he she they we you i his her their our your who which what when where why how
  all any some each every none other another same new old first last next previous
  monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight morning evening night
  january february march april june july august september october november december
  icu ed er or pacu nicu picu ccu bp hr rr spo2 temp gcs ecg ekg ct mri cxr iv po im prn bid tid qid qd hs ac pc
  room bed ward unit floor bay team service note notes alert alerts error warning info critical high low medium
  patient patients pt name doctor nurse id mrn dob ssn ehr emr api sla slo rca ops qa
  controlled analgesia safety portal record records care center centre hospital clinic health medical medicine
  reported reports called calls says said states stated denies denied complains presents presented admitted
  discharged transferred seen noted given started stopped held refused declined requested asked
  triage sepsis model score risk alert pager oncall on-call escalation incident feedback summary
  unknown anonymous redacted test demo sample example none null undefined n/a na
  history hx exam plan assessment impression diagnosis dx rx tx sx fx
  mg mcg ml units daily weekly left right bilateral acute chronic stable improving worsening
  check checked review reviewed update updated please thank thanks regards
  also still just only very more less most least about after before during since until while
  yes ok okay fine good bad well poor`
    .split(/\s+/)
    .filter(Boolean),
)

interface Tok {
  s: string
  f: string
  start: number
  end: number
  /** Capitalised ("Anna", "O'Brien", "McDonald"). */
  up: boolean
  /** All capitals, two letters or more ("SMITH"). */
  caps: boolean
  /** All lower case. */
  lower: boolean
  /** A stop word (never part of a name). */
  stop: boolean
}

const ASCII_WORD = /^[A-Za-z'’-]+$/
const TRAILING = /['’-]+$/

/** Digits, underscore and @ glue letters into ids and addresses (a7f3, x_name, a@b): those are not words. */
function glued(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 95 || code === 64
}

/** Lower-cased, apostrophes and hyphens dropped; diacritics folded only when there are any (speed). */
function fold(s: string): string {
  if (!ASCII_WORD.test(s)) return foldName(s)
  const lower = s.toLowerCase()
  return lower.includes("'") || lower.includes('’') || lower.includes('-') ? lower.replace(/['’-]/g, '') : lower
}

const isUpperInitial = (s: string) => /^\p{Lu}\p{Ll}/u.test(s) || /^\p{Lu}['’]\p{Lu}\p{Ll}/u.test(s) || /^\p{Lu}\p{Ll}*\p{Lu}\p{Ll}/u.test(s)
const isAllCaps = (s: string) => s.length >= 2 && /^[\p{Lu}'’-]+$/u.test(s)

const WORD_AT = /\p{L}[\p{L}\p{M}'’-]*/uy

/**
 * A filter over the plain lower-case words worth a token (titles, cues, particles, known names): a bit per
 * (length, first, second and last letter). A word whose bit is clear is none of them, without slicing it
 * out or hashing it; a set bit is confirmed with the sets.
 */
const LOWER_KEEP = new Uint8Array(16 * 26 * 26 * 26)
const lowerKey = (len: number, c0: number, c1: number, cl: number) => ((Math.min(len, 15) * 26 + c0 - 97) * 26 + c1 - 97) * 26 + cl - 97
for (const set of [TITLES, CUES, PARTICLES, FIRST_NAMES, SURNAMES])
  for (const w of set) if (/^[a-z]+$/.test(w)) LOWER_KEEP[lowerKey(w.length, w.charCodeAt(0), w.charCodeAt(w.length > 1 ? 1 : 0), w.charCodeAt(w.length - 1))] = 1
const keptLower = (w: string) => TITLES.has(w) || CUES.has(w) || PARTICLES.has(w) || FIRST_NAMES.has(w) || SURNAMES.has(w)

/**
 * The words (as /\p{L}[\p{L}\p{M}'’-]*\/u finds them) that can matter to the recogniser, with their shape
 * computed once. A plain lower-case word is kept only when it is a title, cue, particle or known name: any
 * other can neither be nor start a name, and leaving it out changes nothing, because two tokens join only
 * when nothing but spaces or punctuation lies between them. ASCII words are scanned by hand (speed); a word
 * with anything else in it is left to the regex.
 */
function tokenize(text: string): Tok[] {
  const out: Tok[] = []
  const n = text.length
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    let end: number
    let plainLower = false
    if (c < 128) {
      if ((c | 32) < 97 || (c | 32) > 122) {
        i++
        continue
      }
      let j = i + 1
      let lower = c >= 97
      while (j < n) {
        const d = text.charCodeAt(j)
        if ((d | 32) < 97 || (d | 32) > 122) break
        if (d < 97) lower = false
        j++
      }
      const next = j < n ? text.charCodeAt(j) : 0
      if (next >= 128 || next === 39 || next === 45) {
        WORD_AT.lastIndex = i
        WORD_AT.exec(text)
        end = WORD_AT.lastIndex
      } else {
        end = j
        plainLower = lower
      }
    } else {
      WORD_AT.lastIndex = i
      if (!WORD_AT.exec(text)) {
        i++
        continue
      }
      end = WORD_AT.lastIndex
    }
    const start = i
    i = end
    if (plainLower && !LOWER_KEEP[lowerKey(end - start, c, text.charCodeAt(end - start > 1 ? start + 1 : start), text.charCodeAt(end - 1))]) continue
    if ((start > 0 && glued(text.charCodeAt(start - 1))) || (end < n && glued(text.charCodeAt(end)))) continue
    let s = text.slice(start, end)
    if (plainLower && !keptLower(s)) continue
    if (!plainLower && c >= 97 && c <= 122 && /^[a-z]+$/.test(s) && !keptLower(s)) continue
    // Possessive and trailing hyphen are not part of the name ("Smith's", "Anna-").
    const last = s.charCodeAt(s.length - 1)
    if (last === 115 && (s.endsWith("'s") || s.endsWith('’s'))) s = s.slice(0, -2)
    if (TRAILING.test(s)) s = s.replace(TRAILING, '')
    if (!s) continue
    const f = fold(s)
    const lowerInitial = c >= 97 && c <= 122
    const c1 = s.charCodeAt(1)
    // "Anna": capitalised, not all caps, without the regexes.
    const simpleUp = c >= 65 && c <= 90 && c1 >= 97 && c1 <= 122
    out.push({
      s,
      f,
      start,
      end: start + s.length,
      up: simpleUp || (!lowerInitial && isUpperInitial(s)),
      caps: !simpleUp && !lowerInitial && isAllCaps(s),
      lower: s === s.toLowerCase(),
      stop: STOP.has(f) || STOP.has(s.toLowerCase()),
    })
  }
  return out
}

function known(f: string, s: string): boolean {
  if (FIRST_NAMES.has(f) || SURNAMES.has(f)) return true
  if (s.includes('-')) return s.split('-').some((p) => p.length > 1 && (FIRST_NAMES.has(foldName(p)) || SURNAMES.has(foldName(p))))
  return false
}
const knownFirst = (t: Tok) => FIRST_NAMES.has(t.f) || (t.s.includes('-') && t.s.split('-').some((p) => FIRST_NAMES.has(foldName(p))))
const ambiguous = (t: Tok) => AMBIGUOUS_NAMES.has(t.f)
const stop = (t: Tok) => t.stop

/** Could be a word of a name here: capitalised or all-caps and not a stop word, or any known name in lower case. */
function nameShaped(t: Tok, allowLower: boolean, allowAmbiguous = false): boolean {
  if (stop(t) || TITLES.has(t.f) || CUES.has(t.f)) return false
  if (t.up) return true
  if (t.caps) return t.s.length >= 3 || known(t.f, t.s)
  return allowLower && known(t.f, t.s) && (allowAmbiguous || !ambiguous(t))
}

/** Only whitespace (optionally one comma, period after an initial, or quote) between two tokens. */
function gap(text: string, a: Tok, b: Tok): string {
  return text.slice(a.end, b.start)
}
const joins = (g: string) => /^[\s]{1,3}$/.test(g) || /^\.\s{1,2}$/.test(g)

/** Extends a name from token i: following name-shaped words and particles (max 4 words). */
function extend(text: string, toks: Tok[], i: number, allowLower: boolean): number {
  let j = i
  let words = 1
  while (j + 1 < toks.length && words < 4) {
    const next = toks[j + 1]!
    const g = gap(text, toks[j]!, next)
    if (!joins(g) && !(/^\.\s{1,2}$/.test(g) && toks[j]!.s.length === 1)) break
    if (PARTICLES.has(next.f) && next.lower && j + 2 < toks.length && nameShaped(toks[j + 2]!, false) && joins(gap(text, next, toks[j + 2]!))) {
      j += 2
      words++
      continue
    }
    if (next.s.length === 1 && /\p{Lu}/u.test(next.s)) {
      // A middle initial: "John Q. Public".
      j++
      continue
    }
    // After a first word, an ambiguous known name may continue a lower-case name ("giuseppe wang").
    if (!nameShaped(next, allowLower, allowLower)) break
    // A lower-case word continues a lower-case name only ("john smith"), never a capitalised one.
    if (!allowLower && !next.up && !next.caps) break
    j++
    words++
  }
  return j
}

/** "Last, First" after token i: returns the index of the last first-name token, or -1. */
function lastFirst(text: string, toks: Tok[], i: number): number {
  const next = toks[i + 1]
  if (!next || !/^,\s{1,2}$/.test(gap(text, toks[i]!, next))) return -1
  if (stop(next) || TITLES.has(next.f) || CUES.has(next.f)) return -1
  // The first name may be unknown when the surname is a known, unambiguous one ("Liu, Eero").
  if (!knownFirst(next) && !(SURNAMES.has(toks[i]!.f) && !ambiguous(toks[i]!) && (next.up || next.caps))) return -1
  const caps = toks[i]!.caps
  if (caps ? !next.caps : !next.up && !(next.lower && toks[i]!.lower)) return -1
  return extend(text, toks, i + 1, false)
}

export function findNames(text: string): Found[] {
  const toks = tokenize(text)
  const out: Found[] = []
  let i = 0
  while (i < toks.length) {
    const t = toks[i]!
    let end = -1
    let from = i

    if (TITLES.has(t.f) || CUES.has(t.f)) {
      // Skip chained titles and cues ("Pt Mr. X", "wife Mrs"), then take the name after them.
      let j = i
      while (j + 1 < toks.length && (TITLES.has(toks[j + 1]!.f) || CUES.has(toks[j + 1]!.f)) && /^[\s.:,]{1,4}$/.test(gap(text, toks[j]!, toks[j + 1]!))) j++
      const cue = toks[j]!
      const next = toks[j + 1]
      const g = next ? gap(text, cue, next) : ''
      const sep = /^\.?\s*[:=]\s*["'“]?$|^\.?\s{1,3}["'“]?$|^\.\s{0,2}$|^,\s{1,2}$/.test(g)
      if (next && sep && (TITLES.has(cue.f) || CUES.has(cue.f))) {
        const titled = TITLES.has(cue.f)
        const explicit = /[:=]/.test(g) || titled || g.includes('"') || g.includes('“')
        // "Patient Controlled Analgesia": a capitalised cue in a Title Case run needs a known name after it.
        const headingRisk = !explicit && cue.up
        const lowerCue = cue.lower
        if (nameShaped(next, true) && (!headingRisk || known(next.f, next.s)) && (next.up || next.caps || lowerCue || titled)) {
          from = j + 1
          const lf = lastFirst(text, toks, j + 1)
          end = lf >= 0 ? lf : extend(text, toks, j + 1, next.lower)
        }
      }
      if (end < 0) {
        i = j + 1
        continue
      }
    } else if (knownFirst(t) && !stop(t)) {
      const lower = t.lower
      if (lower) {
        const e = extend(text, toks, i, true)
        if (e > i && toks.slice(i, e + 1).every((x) => known(x.f, x.s) && !stop(x)) && !toks.slice(i, e + 1).every(ambiguous)) end = e
      } else if (t.up || t.caps) {
        const lf = SURNAMES.has(t.f) ? lastFirst(text, toks, i) : -1
        const e = lf >= 0 ? lf : extend(text, toks, i, false)
        if (e > i) {
          // Two or more name words: accept unless all are ambiguous everyday words ("Will Grace").
          const span = toks.slice(i, e + 1)
          if (!span.every(ambiguous) || span.some((x) => SURNAMES.has(x.f) && !ambiguous(x))) end = e
        } else if (!ambiguous(t) && (t.up || t.s.length >= 4)) end = i
      }
    } else if (SURNAMES.has(t.f) && !stop(t) && (t.up || t.caps)) {
      const lf = lastFirst(text, toks, i)
      if (lf >= 0) end = lf
      else {
        const e = extend(text, toks, i, false)
        const span = toks.slice(i, e + 1)
        if (e > i && span.slice(1).some((x) => known(x.f, x.s))) end = e
        else if (!ambiguous(t) && (t.up || t.s.length >= 4)) end = i
      }
    }

    if (end >= from) {
      // An unknown capitalised word right before a known name is part of it ("Leilani Oliveira").
      const prev = toks[from - 1]
      if (from === i && prev && !out.some((o) => o.end > prev.start) && prev.up && nameShaped(prev, false) && /^ $/.test(gap(text, prev, toks[from]!))) from--
      out.push({ start: toks[from]!.start, end: toks[end]!.end, kind: 'name' })
      i = end + 1
    } else i++
  }
  return out
}
