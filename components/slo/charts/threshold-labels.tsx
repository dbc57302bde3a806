'use client'

import { usePlotArea, useYAxisScale } from 'recharts'
import { AXIS_LABEL } from '@/components/charts/chart-theme'
import type { ThresholdLine } from './burn-rate-data'
import { estimateTextWidth, placeLabels } from './label-placement'

/** A 12 px label's box as the browser measures it (ascent + descent, about 1.2 em), with a pixel to spare. */
const LABEL_HEIGHT = 16
/** From the top of a label's box to its text baseline. */
const BASELINE = 12

const halo = { stroke: 'var(--color-surface)', strokeWidth: 3, paintOrder: 'stroke' } as const

/**
 * The threshold lines' labels, drawn inside the chart (a child of the Recharts chart, so it can read the
 * y scale and the plot area) and placed by `placeLabels` so that none overlaps another. `marker` is a note
 * pinned to the plot's top right (the linear axis's off-scale peak); the labels keep clear of it.
 */
export function ThresholdLabels({ lines, marker = null }: { lines: readonly ThresholdLine[]; marker?: string | null }) {
  const y = useYAxisScale()
  const plot = usePlotArea()
  if (!y || !plot) return null
  // On a plot narrower than the longest label, each line is labelled with its factor alone.
  const compact = Math.max(...lines.map((l) => estimateTextWidth(l.label, AXIS_LABEL.fontSize))) + 8 > plot.width
  const text = (l: ThresholdLine) => (compact ? l.short : l.label)
  const inView = lines.flatMap((l) => {
    const anchorY = y(l.value)
    return typeof anchorY === 'number' && Number.isFinite(anchorY) ? [{ line: l, anchorY }] : []
  })
  const placed = placeLabels(
    inView.map(({ line, anchorY }) => ({ key: line.key, anchorY, side: line.side, width: estimateTextWidth(text(line), AXIS_LABEL.fontSize) })),
    { height: LABEL_HEIGHT, gap: 2, offset: 2, minTop: plot.y + (marker ? LABEL_HEIGHT + 2 : 0), maxBottom: plot.y + plot.height, plotWidth: plot.width },
  )
  return (
    <g aria-hidden="true">
      {placed.map((p) => {
        const line = lines.find((l) => l.key === p.key)!
        const right = p.side === 'right'
        return (
          <text
            key={p.key}
            data-threshold={p.key}
            x={right ? plot.x + plot.width - 4 : plot.x + 4}
            y={p.top + BASELINE}
            textAnchor={right ? 'end' : 'start'}
            fontSize={AXIS_LABEL.fontSize}
            fill={line.color}
            {...halo}
          >
            {text(line)}
          </text>
        )
      })}
      {marker && (
        <text x={plot.x + plot.width - 4} y={plot.y + BASELINE} textAnchor="end" fontSize={AXIS_LABEL.fontSize} fill={AXIS_LABEL.fill} {...halo}>
          {estimateTextWidth(marker, AXIS_LABEL.fontSize) + 8 > plot.width ? '▲ Off scale' : marker}
        </text>
      )}
    </g>
  )
}
