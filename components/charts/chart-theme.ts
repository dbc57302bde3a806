/**
 * The one chart palette, taken from the design tokens in app/globals.css (CSS variables, so a token change
 * restyles every chart). Series are told apart by dash pattern as well as colour.
 */
export const CHART = {
  primary: 'var(--color-accent)',
  primaryFill: 'var(--color-accent-muted)',
  target: 'var(--color-ink)',
  grid: 'var(--color-line)',
  axis: 'var(--color-ink-muted)',
  page: 'var(--color-critical)',
  ticket: 'var(--color-medium)',
  exhausted: 'var(--color-breached)',
} as const

export interface SeriesStyle {
  color: string
  /** SVG stroke-dasharray; undefined for a solid line. */
  dash?: string
}

/** Burn-rate windows, shortest first. */
export const SERIES: readonly SeriesStyle[] = [
  { color: 'var(--color-low)' },
  { color: 'var(--color-accent)', dash: '8 3' },
  { color: 'var(--color-ink-muted)', dash: '3 3' },
  { color: 'var(--color-accent-fg)', dash: '12 4 3 4' },
]

/**
 * Categories compared on one chart (events, departments), up to eight: the four series styles, then the same
 * colours with a second dash pattern, so no two lines look alike even without colour.
 */
export const CATEGORY_SERIES: readonly SeriesStyle[] = [
  ...SERIES,
  { color: 'var(--color-low)', dash: '2 4' },
  { color: 'var(--color-accent)', dash: '1 3' },
  { color: 'var(--color-ink-muted)', dash: '10 3 2 3' },
  { color: 'var(--color-accent-fg)', dash: '4 2' },
]

export const AXIS_TICK = { fill: 'var(--color-ink-muted)', fontSize: 12 } as const
export const AXIS_LABEL = { fill: 'var(--color-ink-muted)', fontSize: 12 } as const
export const CHART_MARGIN = { top: 12, right: 16, bottom: 24, left: 12 } as const

/** Props of the time X axis every time-series chart shares: epoch ms in `x`, ticks in the given zone. */
export function timeAxisProps(timeZone: string, formatTick: (ms: number) => string) {
  return {
    dataKey: 'x',
    type: 'number',
    scale: 'time',
    domain: ['dataMin', 'dataMax'],
    tick: AXIS_TICK,
    stroke: CHART.axis,
    tickFormatter: formatTick,
    label: { value: `Time (${timeZone})`, position: 'insideBottom', offset: -16, ...AXIS_LABEL },
  } as const
}
