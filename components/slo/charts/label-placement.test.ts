import { describe, expect, it } from 'vitest'
import { estimateTextWidth, placeLabels, type LabelRequest, type PlacementOptions } from './label-placement'

// A 224 px tall plot starting 12 px down, labels 14 px high, 2 px apart and 2 px above their lines.
const O: PlacementOptions = { height: 14, gap: 2, offset: 2, minTop: 12, maxBottom: 236, plotWidth: 400 }
const req = (key: string, anchorY: number, side: 'left' | 'right' = 'left', width = 130): LabelRequest => ({ key, anchorY, side, width })
const tops = (r: LabelRequest[], o = O) => Object.fromEntries(placeLabels(r, o).map((p) => [p.key, p.top]))

describe('placeLabels', () => {
  it('a label with room sits just above its line', () => {
    // Line at 100: box from 84 to 98, 2 px above the line.
    expect(placeLabels([req('a', 100)], O)).toEqual([{ key: 'a', side: 'left', top: 84 }])
  })

  it('two labels 6 px apart are stacked around where they wanted to be, not on top of each other', () => {
    // The issue: "Ticket · 1 d over 3×" drawn over "Ticket · 3 d over 1×". They want tops 184 and 190;
    // stacked 16 px apart and centred on their wishes: (184 + (190 − 16)) / 2 = 179, then 195.
    expect(tops([req('ticket-1d', 200), req('ticket-3d', 206)])).toEqual({ 'ticket-1d': 179, 'ticket-3d': 195 })
  })

  it('a stack that would run off the bottom is lifted inside the plot', () => {
    // Wishes 212 and 218 → centred 207 / 223, bottom 237 > 236: lifted to 206 / 222.
    expect(tops([req('x', 230), req('y', 236)])).toEqual({ x: 206, y: 222 })
  })

  it('a line at the very top gets its label just inside the plot', () => {
    expect(tops([req('top', 12)])).toEqual({ top: 12 })
  })

  it('a stack reaching the one above merges with it', () => {
    // 100 and 104 stack at 82 / 98; 118 then wants 100, which overlaps 98 + 14 + 2 = 114: all three stack,
    // centred on (84 + (88 − 16) + (102 − 32)) / 3 = 75.33.
    const t = tops([req('a', 100), req('b', 104), req('c', 118)])
    expect(t.a).toBeCloseTo(75.33, 2)
    expect(t.b).toBeCloseTo(91.33, 2)
    expect(t.c).toBeCloseTo(107.33, 2)
  })

  it('left and right labels are placed independently when the plot is wide enough', () => {
    expect(placeLabels([req('page', 100, 'right'), req('ticket', 100, 'left')], O)).toEqual([
      { key: 'page', side: 'right', top: 84 },
      { key: 'ticket', side: 'left', top: 84 },
    ])
  })

  it('on a narrow plot every label goes right, stacked', () => {
    expect(placeLabels([req('page', 100, 'right', 120), req('ticket', 100, 'left', 130)], { ...O, plotWidth: 200 })).toEqual([
      { key: 'page', side: 'right', top: 76 },
      { key: 'ticket', side: 'right', top: 92 },
    ])
  })

  it('never overlaps and stays in the plot, for the burn-rate thresholds on any axis', () => {
    // Thresholds 14.4, 6, 3, 1 (and their 28-day scalings 13.4, 5.6, 2.8, 0.933) on log and linear axes.
    const axes = [
      (v: number) => 236 - ((Math.log10(v) + 2) / Math.log10(20 / 0.01)) * 224,
      (v: number) => 236 - ((Math.log10(v) + 2) / Math.log10(200 / 0.01)) * 224,
      (v: number) => 236 - (v / 20) * 224,
      (v: number) => 236 - (v / 30) * 224,
      (v: number) => 236 - (v / 130) * 224,
    ]
    for (const y of axes) {
      for (const [p1, p6, t1, t3] of [[14.4, 6, 3, 1], [13.4, 5.6, 2.8, 0.933]] as const) {
        for (const plotWidth of [200, 400]) {
          const placed = placeLabels(
            [req('p1', y(p1), 'right'), req('p6', y(p6), 'right'), req('t1', y(t1), 'left'), req('t3', y(t3), 'left')],
            { ...O, plotWidth },
          )
          for (const p of placed) {
            expect(p.top).toBeGreaterThanOrEqual(O.minTop)
            expect(p.top + O.height).toBeLessThanOrEqual(O.maxBottom)
          }
          for (const a of placed) {
            for (const b of placed) {
              if (a.key < b.key && a.side === b.side) expect(Math.abs(a.top - b.top)).toBeGreaterThanOrEqual(O.height + O.gap - 1e-9)
            }
          }
        }
      }
    }
  })
})

describe('estimateTextWidth', () => {
  it('is generous: 0.6 em a character', () => {
    expect(estimateTextWidth('Ticket · 1 d over 3×', 12)).toBe(144)
  })
})
