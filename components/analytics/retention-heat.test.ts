import { describe, expect, it } from 'vitest'
import { HEAT_LEGEND, HEAT_STEPS, heatStep } from './retention-heat'

// The tokens of app/globals.css the scale is made of.
const ACCENT = [0x0f, 0x76, 0x6e]
const INK = [0x0f, 0x17, 0x2a]
const WHITE = [255, 255, 255]

const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4)
const luminance = ([r, g, b]: number[]) => 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!)
const contrast = (a: number[], b: number[]) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p)
  return (x! + 0.05) / (y! + 0.05)
}
/** CSS color-mix(in srgb, accent p%, white): a straight mix of the encoded channels. */
const mix = (p: number) => ACCENT.map((c, i) => c * p + WHITE[i]! * (1 - p))

describe('the retention heat scale', () => {
  it('keeps every step’s text at WCAG AA contrast, and darkens step by step', () => {
    const backgrounds = HEAT_STEPS.map((cls) => {
      const m = /_(\d+)%,white/.exec(cls)
      return m ? mix(Number(m[1]) / 100) : ACCENT
    })
    HEAT_STEPS.forEach((cls, i) => {
      const text = cls.includes('text-white') ? WHITE : INK
      expect(contrast(backgrounds[i]!, text), cls).toBeGreaterThanOrEqual(4.5)
    })
    for (let i = 1; i < backgrounds.length; i++) expect(luminance(backgrounds[i]!)).toBeLessThan(luminance(backgrounds[i - 1]!))
  })

  it.each([
    [0, 0],
    [0.099, 0],
    [0.1, 1],
    [0.3, 2],
    [0.5, 3],
    [0.75, 4],
    [0.9, 5],
    [1, 5],
  ])('puts %d in step %i', (rate, step) => {
    expect(heatStep(rate)).toBe(step)
    expect(HEAT_LEGEND[step]).toBeDefined()
  })
})
