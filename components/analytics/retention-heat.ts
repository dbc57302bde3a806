/**
 * The retention table's one colour scale: the accent mixed into white in six steps, darker for a higher
 * share. Each step's text colour keeps WCAG AA (4.5:1): ink on the five light steps (5.8:1 on the darkest
 * of them, 66 % accent), white on the full accent (5.5:1). Mixes between those two would fail both, so
 * the scale jumps there. The figure is always written in the cell; the colour only helps the eye. Pure.
 */

// Whole class names, so Tailwind sees them in the source.
export const HEAT_STEPS = [
  'bg-[color-mix(in_srgb,var(--color-accent)_6%,white)] text-ink',
  'bg-[color-mix(in_srgb,var(--color-accent)_18%,white)] text-ink',
  'bg-[color-mix(in_srgb,var(--color-accent)_32%,white)] text-ink',
  'bg-[color-mix(in_srgb,var(--color-accent)_48%,white)] text-ink',
  'bg-[color-mix(in_srgb,var(--color-accent)_66%,white)] text-ink',
  'bg-accent text-white',
] as const

/** The step of a share: 0 below 10 %, then one per band up to 90 % and above. */
export function heatStep(rate: number): number {
  const bands = [0.1, 0.25, 0.45, 0.65, 0.9]
  const i = bands.findIndex((b) => rate < b)
  return i === -1 ? bands.length : i
}

export function heatClass(rate: number): string {
  return HEAT_STEPS[heatStep(rate)]!
}

/** The legend's bands, as words. */
export const HEAT_LEGEND = ['under 10%', '10–25%', '25–45%', '45–65%', '65–90%', '90% and over'] as const
