/**
 * Scoring of a PHI redactor against the labelled corpus (lib/phi/corpus/README.md defines it). Pure; used
 * by the unit test (corpus.test.ts) and the bench (scripts/bench/phi.ts) alike.
 *
 * Recall, per gold type: a gold span is recalled when every letter and digit of it lies inside some span
 * the redactor reported (so its text no longer appears in the output). Precision, per reported kind and
 * overall: the share of reported spans that overlap at least one gold span by one character or more.
 * Character precision (reported characters inside gold spans / all reported characters) is given too;
 * it is lower by design because cue words are replaced with the value ("MRN 123" → "[MRN]").
 */
import type { Found } from './recognise-kit'

export const GOLD_TYPES = [
  'name',
  'address',
  'date',
  'age',
  'phone',
  'fax',
  'email',
  'ssn',
  'mrn',
  'healthplan',
  'account',
  'license',
  'vehicle',
  'device',
  'url',
  'ip',
  'biometric',
  'photo',
  'id',
] as const
export type GoldType = (typeof GOLD_TYPES)[number]

export interface GoldSpan {
  start: number
  end: number
  type: GoldType
}

export interface CorpusItem {
  id: string
  split: 'tuning' | 'heldout'
  source: 'generated' | 'hand'
  kind: 'alert' | 'note' | 'feedback'
  text: string
  spans: GoldSpan[]
}

export interface Ratio {
  hit: number
  total: number
  value: number
}

export interface Score {
  items: number
  recall: Ratio
  precision: Ratio
  charPrecision: Ratio
  recallByType: Partial<Record<GoldType, Ratio>>
  precisionByKind: Partial<Record<string, Ratio>>
  /** Gold spans missed and reported spans outside any gold span, for inspection. */
  misses: { id: string; type: GoldType; text: string }[]
  falsePositives: { id: string; kind: string; text: string }[]
}

const ratio = (hit: number, total: number): Ratio => ({ hit, total, value: total === 0 ? 1 : hit / total })

function bump(map: Map<string, [number, number]>, key: string, hit: boolean) {
  const v = map.get(key) ?? [0, 0]
  v[1]++
  if (hit) v[0]++
  map.set(key, v)
}

/** Whether all letters and digits of text[g.start, g.end) are covered by the reported spans. */
export function covered(text: string, g: { start: number; end: number }, reported: readonly Found[]): boolean {
  for (let i = g.start; i < g.end; i++) {
    if (!/[\p{L}\p{N}]/u.test(text[i]!)) continue
    if (!reported.some((s) => s.start <= i && i < s.end)) return false
  }
  return true
}

export function scoreCorpus(items: readonly CorpusItem[], find: (text: string) => Found[]): Score {
  const byType = new Map<string, [number, number]>()
  const byKind = new Map<string, [number, number]>()
  let recalled = 0
  let gold = 0
  let tp = 0
  let reportedCount = 0
  let goldChars = 0
  let reportedChars = 0
  const misses: Score['misses'] = []
  const falsePositives: Score['falsePositives'] = []
  for (const item of items) {
    const reported = find(item.text)
    for (const g of item.spans) {
      const hit = covered(item.text, g, reported)
      bump(byType, g.type, hit)
      gold++
      if (hit) recalled++
      else misses.push({ id: item.id, type: g.type, text: item.text.slice(g.start, g.end) })
    }
    for (const s of reported) {
      const hit = item.spans.some((g) => s.start < g.end && g.start < s.end)
      bump(byKind, s.kind, hit)
      reportedCount++
      if (hit) tp++
      else falsePositives.push({ id: item.id, kind: s.kind, text: item.text.slice(s.start, s.end) })
      for (let i = s.start; i < s.end; i++) {
        reportedChars++
        if (item.spans.some((g) => g.start <= i && i < g.end)) goldChars++
      }
    }
  }
  const toRecord = (m: Map<string, [number, number]>) => Object.fromEntries([...m].map(([k, [h, t]]) => [k, ratio(h, t)]))
  return {
    items: items.length,
    recall: ratio(recalled, gold),
    precision: ratio(tp, reportedCount),
    charPrecision: ratio(goldChars, reportedChars),
    recallByType: toRecord(byType) as Score['recallByType'],
    precisionByKind: toRecord(byKind),
    misses,
    falsePositives,
  }
}

/** A fixed-width table of a score, for the bench and for failing test messages. */
export function formatScore(label: string, s: Score): string {
  const pct = (r: Ratio) => `${(r.value * 100).toFixed(1).padStart(5)} % (${r.hit}/${r.total})`
  const lines = [
    `${label}: ${s.items} items — recall ${pct(s.recall)}, precision ${pct(s.precision)}, character precision ${pct(s.charPrecision)}`,
    '  recall by identifier type:',
    ...GOLD_TYPES.filter((t) => s.recallByType[t]).map((t) => `    ${t.padEnd(11)} ${pct(s.recallByType[t]!)}`),
    '  precision by reported kind:',
    ...Object.entries(s.precisionByKind).map(([k, r]) => `    ${k.padEnd(11)} ${pct(r!)}`),
  ]
  return lines.join('\n')
}
