/**
 * The redactor against the labelled corpus (lib/phi/corpus/README.md). Thresholds: overall recall ≥ 0.95
 * and precision ≥ 0.90 on the tuning split and on the held-out split; recall ≥ 0.90 for every identifier
 * type on the tuning split (the held-out split has about seven spans per type, too few to judge a type).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildCorpus } from './corpus/generate'
import { findPhi } from './redact'
import { GOLD_TYPES, formatScore, scoreCorpus, type CorpusItem } from './score'

const dir = path.join(import.meta.dirname, 'corpus')
const load = (name: string) => JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8')) as CorpusItem[]
const tuning = load('tuning')
const heldout = load('heldout')

describe('PHI corpus', () => {
  it('is what the generator writes (run `npx tsx lib/phi/corpus/generate.ts` after changing templates)', () => {
    const built = buildCorpus()
    expect(built.tuning).toEqual(tuning)
    expect(built.heldout).toEqual(heldout)
  })

  it('has 400+ items, every identifier type in both splits, a quarter held out and a third hard negatives', () => {
    const all = [...tuning, ...heldout]
    expect(all.length).toBeGreaterThanOrEqual(400)
    expect(heldout.length / all.length).toBeGreaterThanOrEqual(0.25)
    expect(all.filter((i) => i.spans.length === 0).length / all.length).toBeGreaterThanOrEqual(1 / 3)
    for (const split of [tuning, heldout]) {
      const types = new Set(split.flatMap((i) => i.spans.map((s) => s.type)))
      expect([...GOLD_TYPES].filter((t) => !types.has(t))).toEqual([])
    }
    for (const i of all) for (const s of i.spans) expect(s.end > s.start && s.end <= i.text.length).toBe(true)
  })

  it.each([
    ['tuning', tuning],
    ['heldout', heldout],
  ] as const)('%s split: recall ≥ 0.95 and precision ≥ 0.90', (name, items) => {
    const s = scoreCorpus(items, findPhi)
    const report = formatScore(name, s)
    expect(s.recall.value, report).toBeGreaterThanOrEqual(0.95)
    expect(s.precision.value, report).toBeGreaterThanOrEqual(0.9)
  })

  it('tuning split: recall ≥ 0.90 for every identifier type', () => {
    const s = scoreCorpus(tuning, findPhi)
    const low = Object.entries(s.recallByType).filter(([, r]) => r!.value < 0.9)
    expect(low, formatScore('tuning', s)).toEqual([])
  })
})
