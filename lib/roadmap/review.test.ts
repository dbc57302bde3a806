import { describe, expect, it } from 'vitest'
import { computeReview, type ReviewEvent, type ReviewItem } from './review'

const d = (s: string) => new Date(`${s}T12:00:00Z`)
const item = (number: number, stage: ReviewItem['stage'], targetQuarter: string | null, created: string): ReviewItem => ({ id: `i${number}`, number, title: `Item ${number}`, stage, targetQuarter, createdAt: d(created) })
const ev = (number: number, kind: string, from: string | null, to: string | null, at: string): ReviewEvent => ({ itemId: `i${number}`, kind, from, to, by: 'pm@demo', at: d(at) })

// Worked example for 2026-Q4 (1 Oct 2026 – 1 Jan 2027):
// 1 targeted Q4 and was planned at the start; released 10 Nov          → planned, delivered
// 2 moved from Q3 to Q4 in September (before the start), slipped to 2027-Q1 in December → planned, not delivered
// 3 targeted Q4 but was still an idea at the start; released in December → not planned: released unplanned
// 4 created on 10 Oct as planned for Q4; released 15 Dec               → planned (created in the quarter), delivered
// 5 moved into Q4 on 20 Oct from 2027-Q1                                → a late addition, not planned
// 6 planned for Q4, archived on 1 Nov                                  → planned, not delivered, archived
// 7 targeted Q4 but released in September, before the quarter           → not planned
// planned 4 (1, 2, 4, 6), delivered 2 (1, 4): predictability 50 %.
const items = [
  item(1, 'released', '2026-Q4', '2026-08-01'),
  item(2, 'in_progress', '2027-Q1', '2026-08-01'),
  item(3, 'released', '2026-Q4', '2026-07-01'),
  item(4, 'released', '2026-Q4', '2026-10-10'),
  item(5, 'planned', '2026-Q4', '2026-08-01'),
  item(6, 'archived', '2026-Q4', '2026-06-01'),
  item(7, 'released', '2026-Q4', '2026-05-01'),
]
const events = [
  ev(1, 'created', null, 'planned', '2026-08-01'),
  ev(1, 'score', '12', '18.5', '2026-09-01'),
  ev(1, 'score', '18.5', '24', '2026-10-15'),
  ev(1, 'stage', 'planned', 'released', '2026-11-10'),
  ev(2, 'quarter', '2026-Q3', '2026-Q4', '2026-09-15'),
  ev(2, 'quarter', '2026-Q4', '2027-Q1', '2026-12-01'),
  ev(3, 'stage', 'ideas', 'planned', '2026-10-05'),
  ev(3, 'stage', 'planned', 'released', '2026-12-20'),
  ev(4, 'created', null, 'planned', '2026-10-10'),
  ev(4, 'stage', 'planned', 'released', '2026-12-15'),
  ev(5, 'quarter', '2027-Q1', '2026-Q4', '2026-10-20'),
  ev(6, 'stage', 'planned', 'archived', '2026-11-01'),
  ev(7, 'stage', 'in_progress', 'released', '2026-09-20'),
]

describe('computeReview', () => {
  const r = computeReview('2026-Q4', items, events)

  it('counts planned and delivered from the history and gives the predictability', () => {
    expect(r).toMatchObject({ quarter: '2026-Q4', periodFrom: '2026-10-01T00:00:00.000Z', periodTo: '2027-01-01T00:00:00.000Z', planned: 4, delivered: 2, predictability: 50 })
    expect(r.items.map((l) => [l.number, l.delivered])).toEqual([
      [2, false],
      [6, false],
      [1, true],
      [4, true],
    ])
    expect(r.items.find((l) => l.number === 2)).toMatchObject({ targetNow: '2027-Q1', stageNow: 'in_progress' })
    expect(r.releasedUnplanned.map((c) => c.number)).toEqual([3])
  })

  it('lists the quarter’s stage and score changes, additions and archivals in time order', () => {
    expect(r.stageChanges.map((c) => [c.number, c.from, c.to])).toEqual([
      [3, 'ideas', 'planned'],
      [6, 'planned', 'archived'],
      [1, 'planned', 'released'],
      [4, 'planned', 'released'],
      [3, 'planned', 'released'],
    ])
    expect(r.scoreChanges).toEqual([{ itemId: 'i1', number: 1, title: 'Item 1', from: '18.5', to: '24', by: 'pm@demo', at: '2026-10-15T12:00:00.000Z' }])
    expect(r.added.map((c) => c.number)).toEqual([4])
    expect(r.archived.map((c) => c.number)).toEqual([6])
  })

  it('reaches the guide’s 89.5 % with 17 of 19 planned items delivered', () => {
    const many = Array.from({ length: 19 }, (_, k) => item(k + 1, k < 17 ? 'released' : 'in_progress', '2027-Q1', '2026-11-01'))
    const released = many.slice(0, 17).map((i) => ev(i.number, 'stage', 'in_progress', 'released', '2027-02-01'))
    const moved = many.map((i) => ev(i.number, 'stage', 'planned', 'in_progress', '2026-12-01'))
    expect(computeReview('2027-Q1', many, [...moved, ...released])).toMatchObject({ planned: 19, delivered: 17, predictability: 89.5 })
  })

  it('has no predictability when nothing was planned', () => {
    expect(computeReview('2025-Q1', items, events)).toMatchObject({ planned: 0, delivered: 0, predictability: null, stageChanges: [] })
  })

  it('reads an item created in the quarter from its creation events, though the row’s createdAt is a little later', () => {
    const created = new Date('2027-02-03T10:00:00.000Z')
    const row = { ...item(1, 'in_progress', '2027-Q1', '2027-02-03'), createdAt: new Date('2027-02-03T10:00:00.004Z') }
    const history = [
      { itemId: 'i1', kind: 'created', from: null, to: 'planned', by: 'pm', at: created },
      { itemId: 'i1', kind: 'quarter', from: null, to: '2027-Q1', by: 'pm', at: created },
      ev(1, 'stage', 'planned', 'in_progress', '2027-02-20'),
    ]
    expect(computeReview('2027-Q1', [row], history)).toMatchObject({ planned: 1, delivered: 0, added: [{ number: 1 }] })
    // Created as an idea: not a commitment.
    expect(computeReview('2027-Q1', [row], [{ ...history[0]!, to: 'ideas' }, history[1]!]).planned).toBe(0)
  })

  it('counts an event at the quarter’s first instant inside the quarter', () => {
    const edge = [item(1, 'released', '2027-Q2', '2027-01-05')]
    const r2 = computeReview('2027-Q2', edge, [ev(1, 'stage', 'planned', 'released', '2027-04-01')].map((e) => ({ ...e, at: new Date('2027-04-01T00:00:00Z') })))
    expect(r2).toMatchObject({ planned: 1, delivered: 1, predictability: 100 })
  })
})

describe('predictabilityWords', () => {
  it('compares with the guide’s 89.5 % target', async () => {
    const { predictabilityWords } = await import('./review-words')
    expect(predictabilityWords(89.5)).toEqual({ text: '89.5 %: on target (89.5 % or more).', onTarget: true })
    expect(predictabilityWords(50)).toEqual({ text: '50 %: below the 89.5 % target.', onTarget: false })
    expect(predictabilityWords(null).onTarget).toBeNull()
  })
})
