import { describe, expect, it } from 'vitest'
import type { Found } from './recognise-kit'
import { covered, scoreCorpus, type CorpusItem } from './score'

const item = (text: string, spans: CorpusItem['spans']): CorpusItem => ({ id: 'x', split: 'tuning', source: 'hand', kind: 'note', text, spans })

describe('scoreCorpus', () => {
  it('recalls a gold span only when all its letters and digits are covered', () => {
    const text = 'MRN 00482913 for Jane Doe'
    expect(covered(text, { start: 4, end: 12 }, [{ start: 0, end: 12, kind: 'mrn' }])).toBe(true)
    expect(covered(text, { start: 17, end: 25 }, [{ start: 17, end: 21, kind: 'name' }])).toBe(false)
    // Punctuation inside a gold span need not be covered ("Doe, Jane": the comma).
    expect(covered('Doe, Jane', { start: 0, end: 9 }, [{ start: 0, end: 3, kind: 'name' }, { start: 5, end: 9, kind: 'name' }])).toBe(true)
  })

  it('counts precision by reported spans overlapping any gold span', () => {
    const items = [item('MRN 00482913 v4.12.20', [{ start: 4, end: 12, type: 'mrn' }])]
    const find = (): Found[] => [
      { start: 0, end: 12, kind: 'mrn' },
      { start: 14, end: 21, kind: 'date' },
    ]
    const s = scoreCorpus(items, find)
    expect(s.recall).toEqual({ hit: 1, total: 1, value: 1 })
    expect(s.precision).toEqual({ hit: 1, total: 2, value: 0.5 })
    expect(s.recallByType.mrn?.value).toBe(1)
    expect(s.precisionByKind.date).toEqual({ hit: 0, total: 1, value: 0 })
    expect(s.charPrecision.hit).toBe(8)
    expect(s.falsePositives).toEqual([{ id: 'x', kind: 'date', text: '4.12.20' }])
  })

  it('reports misses', () => {
    const s = scoreCorpus([item('call 555-0142', [{ start: 5, end: 13, type: 'phone' }])], () => [])
    expect(s.recall.value).toBe(0)
    expect(s.misses).toEqual([{ id: 'x', type: 'phone', text: '555-0142' }])
  })
})
