/**
 * Builds the labelled PHI corpus deterministically: `npx tsx lib/phi/corpus/generate.ts` writes
 * tuning.json and heldout.json beside this file (corpus.test.ts checks they are up to date).
 *
 * Templates are realistic alert text, incident notes and clinician feedback with placeholders; a
 * placeholder for an identifier (<name>, <mrn>…) is filled from the value lists below and labelled by
 * construction (its span is known when it is inserted); placeholders for look-alikes (<drug>, <lab>,
 * <version>…) are filled but never labelled. Hand-written items (hand.txt) use inline markup
 * {type:text}. The held-out split uses its own templates, its own seed, and half of its names come from a
 * list the gazetteer does not contain; it was not looked at while tuning the recognisers.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { FIRST, HELDOUT_TEMPLATES, NEGATIVE_VALUES, SURNAME, TUNING_TEMPLATES, UNSEEN_FIRST, UNSEEN_SURNAME, type Template } from './templates'
import { GOLD_TYPES, type CorpusItem, type GoldSpan, type GoldType } from '../score'
import { seededRandom } from '@/lib/random'

/** The corpus's seeded generator (kernel: lib/random.ts). */
export const rng = seededRandom

type Rand = () => number
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1))
const digits = (r: Rand, n: number) => Array.from({ length: n }, () => String(int(r, 0, 9))).join('')
const pad = (n: number, w = 2) => String(n).padStart(w, '0')
const upper = (r: Rand, n: number) => Array.from({ length: n }, () => 'ABCDEFGHJKLMNPRSTUVWXYZ'[int(r, 0, 22)]).join('')
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const DE_MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember']
const ES_MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre']
const FR_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre']

function luhnDigit(partial: string): string {
  for (let d = 0; d <= 9; d++) {
    const s = partial + d
    let sum = 0
    for (let i = 0; i < s.length; i++) {
      let x = Number(s[s.length - 1 - i])
      if (i % 2 === 1) x = x * 2 > 9 ? x * 2 - 9 : x * 2
      sum += x
    }
    if (sum % 10 === 0) return String(d)
  }
  return '0'
}

function imei(r: Rand): string {
  const body = digits(r, 14)
  return `${body}${luhnDigit(body)}`
}

function vin(r: Rand): string {
  const chars = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'
  const values: Record<string, number> = { A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9 }
  const weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
  const v = Array.from({ length: 17 }, () => pick(r, [...chars]))
  const sum = v.reduce((acc, c, i) => acc + (/\d/.test(c) ? Number(c) : values[c]!) * weights[i]!, 0)
  v[8] = sum % 11 === 10 ? 'X' : String(sum % 11)
  return v.join('')
}

function ibanDe(r: Rand): string {
  const bban = digits(r, 18)
  const rearranged = `${bban}131400` // DE → 13 14, check 00
  let rem = 0
  for (const c of rearranged) rem = (rem * 10 + Number(c)) % 97
  const check = pad(98 - rem)
  const s = `DE${check}${bban}`
  return s.replace(/(.{4})/g, '$1 ').trim()
}

function ssn(r: Rand): string {
  let area = int(r, 1, 899)
  if (area === 666) area = 667
  return `${pad(area, 3)}-${pad(int(r, 1, 99))}-${pad(int(r, 1, 9999), 4)}`
}

function personName(r: Rand, unseen: boolean): string {
  const firsts = unseen && r() < 0.5 ? UNSEEN_FIRST : FIRST
  const lasts = unseen && r() < 0.5 ? UNSEEN_SURNAME : SURNAME
  const f = pick(r, firsts)
  const l = pick(r, lasts)
  const form = r()
  if (form < 0.45) return `${f} ${l}`
  if (form < 0.55) return `${l}, ${f}`
  if (form < 0.63) return `${f.toUpperCase()} ${l.toUpperCase()}`
  if (form < 0.7) return `${l.toUpperCase()}, ${f.toUpperCase()}`
  if (form < 0.77) return `${f.toLowerCase()} ${l.toLowerCase()}`
  if (form < 0.85) return `${f} ${pick(r, [...'ABCDEFGHJKLMNPRSTW'])}. ${l}`
  if (form < 0.93) return f
  return l
}

const STREETS = ['Oak', 'Maple', 'Cedar', 'Elm', 'Washington', 'Lincoln', 'Park', 'Lake', 'Hillcrest', 'Sunset', 'Riverside', 'Pine', 'Willow', 'Chestnut', 'Highland', 'Franklin']
const SUFFIX = ['Street', 'St', 'Avenue', 'Ave', 'Road', 'Rd', 'Boulevard', 'Blvd', 'Lane', 'Ln', 'Drive', 'Dr', 'Court', 'Ct', 'Way', 'Place']
const CITIES: [string, string, string][] = [
  ['Springfield', 'IL', '62704'],
  ['Columbus', 'OH', '43215'],
  ['Fresno', 'CA', '93721'],
  ['Austin', 'TX', '78701'],
  ['Worcester', 'MA', '01608'],
  ['Tacoma', 'WA', '98402'],
  ['Boise', 'ID', '83702'],
  ['Durham', 'NC', '27701'],
]

function address(r: Rand): string {
  const n = int(r, 3, 9870)
  const form = r()
  const [city, st, zip] = pick(r, CITIES)
  if (form < 0.3) return `${n} ${pick(r, STREETS)} ${pick(r, SUFFIX)}`
  if (form < 0.5) return `${n} ${pick(r, ['N.', 'S.', 'E.', 'W.'])} ${pick(r, STREETS)} ${pick(r, SUFFIX)}, Apt ${int(r, 1, 40)}${pick(r, ['A', 'B', 'C'])}`
  if (form < 0.7) return `${n} ${pick(r, STREETS)} ${pick(r, SUFFIX)}, ${city}, ${st} ${zip}`
  return pick(r, [
    `Hauptstraße ${int(r, 1, 200)}, 10115 Berlin`,
    `Lindenweg ${int(r, 1, 80)}a`,
    `${int(r, 1, 120)} rue de la Paix, 75002 Paris`,
    `ul. Marszałkowska ${int(r, 1, 150)}, 00-624 Warszawa`,
    `Calle Mayor ${int(r, 1, 90)}, 28013 Madrid`,
    `Via Roma ${int(r, 1, 99)}`,
    `Kerkstraat ${int(r, 1, 60)}`,
    `${int(r, 1, 300)} Avenida Paulista`,
  ])
}

function date(r: Rand): string {
  const y = int(r, 1931, 2025)
  const m = int(r, 1, 12)
  const d = int(r, 1, 28)
  return pick(r, [
    `${y}-${pad(m)}-${pad(d)}`,
    `${m}/${d}/${y}`,
    `${pad(m)}/${pad(d)}/${y}`,
    `${d}.${m}.${y}`,
    `${MONTHS[m - 1]} ${d}, ${y}`,
    `${d} ${MONTHS[m - 1]} ${y}`,
    `${MON[m - 1]} ${d}`,
    `${MONTHS[m - 1]} ${d}`,
    `${d}. ${DE_MONTHS[m - 1]} ${y}`,
    `${d} de ${ES_MONTHS[m - 1]} de ${y}`,
    `${d} ${FR_MONTHS[m - 1]} ${y}`,
    `${m}/${d}/${String(y).slice(2)}`,
  ])
}

function phone(r: Rand): string {
  const a = int(r, 201, 989)
  const x = int(r, 200, 989)
  const l = pad(int(r, 0, 9999), 4)
  return pick(r, [
    `(${a}) ${x}-${l}`,
    `${a}-${x}-${l}`,
    `${a}.${x}.${l}`,
    `+1 ${a} ${x} ${l}`,
    `${x}-${l}`,
    `+44 20 7946 ${pad(int(r, 0, 999), 4)}`,
    `+49 30 ${int(r, 2000000, 9999999)}`,
    `+33 1 42 68 ${pad(int(r, 10, 99))} ${pad(int(r, 10, 99))}`,
    `+48 22 ${int(r, 100, 999)} ${pad(int(r, 10, 99))} ${pad(int(r, 10, 99))}`,
    `+91 98${digits(r, 3)} ${digits(r, 5)}`,
    `+234 803 ${digits(r, 3)} ${digits(r, 4)}`,
    `+52 55 ${digits(r, 4)} ${digits(r, 4)}`,
  ])
}

const DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'stmary.org', 'mercyhealth.net', 'web.de', 'hotmail.fr', 'wp.pl', 'icloud.com']
function email(r: Rand): string {
  const f = pick(r, FIRST).toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l')
  const l = pick(r, SURNAME).toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l')
  return pick(r, [`${f}.${l}@${pick(r, DOMAINS)}`, `${f[0]}${l}${int(r, 1, 99)}@${pick(r, DOMAINS)}`, `${l}_${f}@${pick(r, DOMAINS)}`])
}

export const VALUES: Record<GoldType, (r: Rand, unseen: boolean) => string> = {
  name: personName,
  address,
  date,
  age: (r) => pick(r, [`${int(r, 90, 104)}-year-old`, `${int(r, 90, 104)} yo`, `${int(r, 90, 104)} years old`, `${int(r, 90, 104)}yo`]),
  phone,
  fax: phone,
  email,
  ssn: (r) => (r() < 0.7 ? ssn(r) : ssn(r).replace(/-/g, ' ')),
  mrn: (r) => pick(r, [digits(r, 8), `${upper(r, 1)}-${digits(r, 6)}`, `${upper(r, 2)}${digits(r, 7)}`, `${digits(r, 3)} ${digits(r, 3)} ${digits(r, 4)}`]),
  healthplan: (r) => pick(r, [`${upper(r, 1)}${digits(r, 9)}`, `${upper(r, 3)}${digits(r, 9)}`, `${int(r, 1, 9)}${upper(r, 2)}${digits(r, 1)}-${upper(r, 2)}${digits(r, 1)}-${upper(r, 2)}${digits(r, 2)}`, `${upper(r, 3)}-${digits(r, 5)}-${digits(r, 2)}`]),
  account: (r) => {
    const f = r()
    if (f < 0.3) {
      const p = `4${digits(r, 14)}`
      return `${p}${luhnDigit(p)}`.replace(/(\d{4})(?=\d)/g, '$1 ')
    }
    if (f < 0.5) return ibanDe(r)
    return pick(r, [digits(r, 10), `${digits(r, 4)}-${digits(r, 4)}-${digits(r, 2)}`, `${upper(r, 2)}${digits(r, 8)}`])
  },
  license: (r) => pick(r, [`${upper(r, 1)}${digits(r, 7)}`, `${upper(r, 1)}${digits(r, 3)}-${digits(r, 4)}-${digits(r, 4)}`, `${upper(r, 2)}${digits(r, 7)}`, digits(r, 9), `MD-${digits(r, 6)}`]),
  vehicle: (r) => (r() < 0.5 ? vin(r) : pick(r, [`${int(r, 1, 9)}${upper(r, 3)}${digits(r, 3)}`, `${upper(r, 3)} ${digits(r, 4)}`, `B-${upper(r, 2)} ${digits(r, 4)}`])),
  device: (r) =>
    pick(r, [
      `${upper(r, 3)}-${digits(r, 4)}-${digits(r, 5)}`,
      `${digits(r, 4)}-${digits(r, 2)}-${digits(r, 4)}`,
      `${upper(r, 3)}${digits(r, 6)}`,
      imei(r),
      Array.from({ length: 6 }, () => int(r, 0, 255).toString(16).toUpperCase().padStart(2, '0')).join(':'),
    ]),
  url: (r) =>
    pick(r, [
      `https://portal.${pick(r, ['stmary.org', 'mercyhealth.net', 'valleyclinic.com'])}/patients/${digits(r, 6)}/chart`,
      `https://mychart.${pick(r, ['example-health.org', 'northside.org'])}/visit?mrn=${digits(r, 7)}`,
      `www.${pick(r, FIRST).toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')}${pick(r, ['-art', 'photos', 'blog'])}.com`,
      `http://telehealth.${pick(r, ['carelink.io', 'docvisit.net'])}/room/${upper(r, 3)}${digits(r, 4)}`,
    ]),
  ip: (r) =>
    r() < 0.75
      ? `${pick(r, [73, 24, 98, 68, 174, 99, 81, 2, 5, 89])}.${int(r, 1, 254)}.${int(r, 1, 254)}.${int(r, 1, 254)}`
      : `2601:${int(r, 256, 4095).toString(16)}:${int(r, 256, 4095).toString(16)}:${int(r, 16, 255).toString(16)}::${int(r, 1, 4095).toString(16)}`,
  biometric: (r) => pick(r, [`FPT-${digits(r, 5)}-${digits(r, 1)}`, `VP${digits(r, 6)}`, `IR-${digits(r, 4)}-${digits(r, 3)}`, `${digits(r, 4)}${upper(r, 2)}${digits(r, 4)}`]),
  photo: (r) => pick(r, [`IMG_${int(r, 2019, 2025)}${pad(int(r, 1, 12))}${pad(int(r, 1, 28))}_${digits(r, 4)}.jpg`, `pt_${digits(r, 5)}_face.png`, `headshot-${digits(r, 6)}.jpeg`, `DSC${digits(r, 5)}.JPG`]),
  id: (r) => pick(r, [`SEPSIS-TRIAL-${digits(r, 4)}`, digits(r, 10), `E${digits(r, 8)}`, `CLM-${int(r, 2019, 2025)}-${digits(r, 6)}`, `S${pad(int(r, 19, 25))}-${digits(r, 5)}`, `${upper(r, 2)}${digits(r, 6)}`]),
}

const PLACEHOLDER = /<([a-z]+)>/g

function fill(tpl: Template, r: Rand, unseen: boolean): { text: string; spans: GoldSpan[] } {
  let text = ''
  const spans: GoldSpan[] = []
  let at = 0
  PLACEHOLDER.lastIndex = 0
  for (let m = PLACEHOLDER.exec(tpl.text); m; m = PLACEHOLDER.exec(tpl.text)) {
    text += tpl.text.slice(at, m.index)
    const key = m[1]!
    if ((GOLD_TYPES as readonly string[]).includes(key)) {
      const v = VALUES[key as GoldType](r, unseen)
      spans.push({ start: text.length, end: text.length + v.length, type: key as GoldType })
      text += v
    } else {
      const list = NEGATIVE_VALUES[key]
      if (!list) throw new Error(`unknown placeholder <${key}> in ${tpl.text}`)
      text += pick(r, list)
    }
    at = m.index + m[0].length
  }
  text += tpl.text.slice(at)
  return { text, spans }
}

/** Parses a hand-written line with inline {type:text} labels. */
export function parseMarkup(line: string): { text: string; spans: GoldSpan[] } {
  let text = ''
  const spans: GoldSpan[] = []
  const re = /\{([a-z]+):([^{}]+)\}/g
  let at = 0
  for (let m = re.exec(line); m; m = re.exec(line)) {
    text += line.slice(at, m.index)
    const type = m[1] as GoldType
    if (!(GOLD_TYPES as readonly string[]).includes(type)) throw new Error(`unknown type ${type} in: ${line}`)
    spans.push({ start: text.length, end: text.length + m[2]!.length, type })
    text += m[2]
    at = m.index + m[0].length
  }
  return { text: text + line.slice(at), spans }
}

function generate(templates: Template[], seed: number, count: number, split: 'tuning' | 'heldout', unseen: boolean): CorpusItem[] {
  const r = rng(seed)
  const positives = templates.filter((t) => [...t.text.matchAll(PLACEHOLDER)].some((m) => (GOLD_TYPES as readonly string[]).includes(m[1]!)))
  const negatives = templates.filter((t) => !positives.includes(t))
  const items: CorpusItem[] = []
  // Round-robin over identifier types so each is well represented; 40 % of items are hard negatives.
  let typeTurn = 0
  for (let i = 0; i < count; i++) {
    let tpl: Template
    if (i % 5 === 1 || i % 5 === 3) tpl = pick(r, negatives)
    else {
      const type = GOLD_TYPES[typeTurn++ % GOLD_TYPES.length]!
      const withType = positives.filter((t) => t.text.includes(`<${type}>`))
      tpl = pick(r, withType.length ? withType : positives)
    }
    const { text, spans } = fill(tpl, r, unseen)
    items.push({ id: `${split}-${String(i).padStart(4, '0')}`, split, source: 'generated', kind: tpl.kind, text, spans })
  }
  return items
}

export function buildCorpus(): { tuning: CorpusItem[]; heldout: CorpusItem[] } {
  const hand = readFileSync(path.join(import.meta.dirname, 'hand.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((line, i): CorpusItem => {
      const [kind, ...rest] = line.split('\t')
      const { text, spans } = parseMarkup(rest.join('\t'))
      return { id: `hand-${String(i).padStart(4, '0')}`, split: 'tuning', source: 'hand', kind: kind as CorpusItem['kind'], text, spans }
    })
  return {
    tuning: [...generate(TUNING_TEMPLATES, 20251104, 600, 'tuning', false), ...hand],
    heldout: generate(HELDOUT_TEMPLATES, 777001, 230, 'heldout', true),
  }
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const { tuning, heldout } = buildCorpus()
  for (const [name, items] of [['tuning', tuning], ['heldout', heldout]] as const) {
    writeFileSync(path.join(import.meta.dirname, `${name}.json`), `${JSON.stringify(items, null, 1)}\n`)
    process.stdout.write(`${name}: ${items.length} items\n`)
  }
}
