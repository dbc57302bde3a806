import { describe, expect, it } from 'vitest'
import { tableQueryOf, timelineLanes } from './views'

describe('timelineLanes', () => {
  it('puts items in now / next / later, quarters in order and no quarter last', () => {
    const items = [
      { id: 'a', horizon: 'short_term', targetQuarter: '2027-Q2' },
      { id: 'b', horizon: 'short_term', targetQuarter: null },
      { id: 'c', horizon: 'short_term', targetQuarter: '2026-Q4' },
      { id: 'd', horizon: 'long_term', targetQuarter: null },
      { id: 'e', horizon: 'short_term', targetQuarter: '2027-Q2' },
    ] as const
    const lanes = timelineLanes(items)
    expect(lanes.map((l) => [l.horizon, l.count])).toEqual([['short_term', 4], ['medium_term', 0], ['long_term', 1]])
    expect(lanes[0]!.groups.map((g) => [g.quarter, g.items.map((i) => i.id).join('')])).toEqual([['2026-Q4', 'c'], ['2027-Q2', 'ae'], [null, 'b']])
    expect(lanes[1]!.groups).toEqual([])
    expect(lanes[2]!.groups.map((g) => g.quarter)).toEqual([null])
  })
})

describe('tableQueryOf', () => {
  it('reads sort, direction and stage, each column with its own default direction', () => {
    expect(tableQueryOf({})).toEqual({ sort: 'rice', dir: 'desc', stage: null })
    expect(tableQueryOf({ sort: 'effort' })).toEqual({ sort: 'effort', dir: 'asc', stage: null })
    expect(tableQueryOf({ sort: 'clinical', dir: 'asc', stage: 'archived' })).toEqual({ sort: 'clinical', dir: 'asc', stage: 'archived' })
  })

  it('falls back to defaults for values it does not know', () => {
    expect(tableQueryOf({ sort: 'nonsense', dir: 'asc' })).toEqual({ sort: 'rice', dir: 'desc', stage: null })
    expect(tableQueryOf({ sort: 'value', stage: 'nowhere' })).toEqual({ sort: 'value', dir: 'desc', stage: null })
  })
})
