import { describe, expect, it } from 'vitest'
import { locate, moveCard, positionWords, wipWords, type Columns } from './board-moves'

type Card = { id: string; stage: 'ideas' | 'discovery' | 'planned' | 'in_progress' | 'released' }
const board = (): Columns<Card> => ({
  ideas: [{ id: 'a', stage: 'ideas' }, { id: 'b', stage: 'ideas' }, { id: 'c', stage: 'ideas' }],
  discovery: [{ id: 'd', stage: 'discovery' }],
  planned: [],
  in_progress: [],
  released: [],
})
const ids = (c: Columns<Card>) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v.map((x) => x.id).join('')]))

describe('board moves', () => {
  it('finds a card', () => {
    expect(locate(board(), 'c')).toEqual({ stage: 'ideas', index: 2 })
    expect(locate(board(), 'z')).toBeNull()
  })

  it.each([
    ['reorders within a column', 'a', 'ideas', 2, { ideas: 'bca', discovery: 'd' }],
    ['moves to another column at a position', 'b', 'discovery', 0, { ideas: 'ac', discovery: 'bd' }],
    ['clamps a position past the end', 'a', 'discovery', 9, { ideas: 'bc', discovery: 'da' }],
    ['moves into an empty column', 'c', 'planned', 0, { ideas: 'ab', planned: 'c' }],
  ] as const)('%s', (_name, id, stage, index, expected) => {
    const next = moveCard(board(), id, stage, index)
    expect(ids(next)).toMatchObject(expected)
    expect(locate(next, id)!.stage).toBe(stage)
    expect(next[stage].find((c) => c.id === id)!.stage).toBe(stage)
  })

  it('leaves the columns alone for a card that is not there', () => {
    const b = board()
    expect(moveCard(b, 'z', 'planned', 0)).toBe(b)
  })

  it('says positions and WIP in words', () => {
    expect(positionWords('in_progress', 1, 5)).toBe('In progress, position 2 of 5')
    expect(wipWords(4, 3)).toEqual({ text: '4 of 3 — over the WIP limit', over: true })
    expect(wipWords(3, 3)).toEqual({ text: '3 of 3', over: false })
    expect(wipWords(1, null)).toEqual({ text: '1 item', over: false })
  })
})
