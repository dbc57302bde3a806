/**
 * The shared machinery of the PHI recognisers (./recognisers.ts, ./recognisers-cued.ts, ./names.ts): the
 * kinds of identifier and the span a recogniser returns, case-insensitive word lists that keep values
 * case-sensitive (`ci`), and the two ways of running a pattern: over the whole text (`collect`) or only in
 * windows around the hits of a cheap finder (`inWindows`).
 */
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

export function collect(re: RegExp, text: string, fn: (m: RegExpExecArray) => Found | null | undefined): Found[] {
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
/** Marks a finder of `inWindows` whose hits must be whole words. */
export function wholeWord(finder: RegExp): RegExp {
  wholeWords.add(finder)
  return finder
}
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
export function inWindows(finder: RegExp, before: number, after: number, re: RegExp, text: string, fn: (m: RegExpExecArray, t: string) => Found | null | undefined): Found[] {
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

/** A unit right after a number (a dose, a duration, a size): the number is a measurement, not an identifier. */
export const UNIT_AFTER = /^\s*(?:mg|mcg|µg|ug|g|kg|ml|mL|l|L|units?|iu|IU|%|ms|s|sec|min|h|hrs?|mmHg|bpm|cells|x|rpm|kB|MB|GB|B)\b/
