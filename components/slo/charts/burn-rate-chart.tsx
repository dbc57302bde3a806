'use client'

import { useId, useState } from 'react'
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import type { BurnRatePoint } from '@/lib/slo/types'
import { formatBurnRate, formatFactor } from '@/lib/slo/display'
import { TimeSeriesTable } from '@/components/charts/time-series-table'
import { ChartFrame, ChartLegend, type ChartEmpty, type LegendItem } from '@/components/charts/chart-frame'
import { AXIS_LABEL, AXIS_TICK, CHART, CHART_MARGIN, SERIES, timeAxisProps } from '@/components/charts/chart-theme'
import { axisTimeStyle, formatChartTime, hasValues, spanOf, toEpoch } from '@/components/charts/chart-data'
import { burnRateDomain, LOG_FLOOR, scaleBurnRate } from './slo-chart-data'

export const BURN_SERIES = [
  { key: 'r1h', label: '1 h' },
  { key: 'r6h', label: '6 h' },
  { key: 'r1d', label: '1 d' },
  { key: 'r3d', label: '3 d' },
] as const

export interface BurnRateThresholds {
  /** [1 h rule, 6 h rule], scaled to the SLO's window. */
  page: readonly [number, number]
  /** [1 d rule, 3 d rule]. */
  ticket: readonly [number, number]
}

export interface BurnRateChartProps {
  points: readonly BurnRatePoint[]
  thresholds: BurnRateThresholds
  label: string
  timeZone: string
  /** Start on a logarithmic axis (spikes of 100× next to 0.5× read better); the viewer can switch. */
  defaultLog?: boolean
  empty?: ChartEmpty
}

/** The four threshold lines, each belonging to the long window of one alert rule. */
export function thresholdLines(t: BurnRateThresholds): { value: number; label: string; color: string; side: 'left' | 'right' }[] {
  return [
    { value: t.page[0], label: `Page · 1 h over ${formatFactor(t.page[0])}`, color: CHART.page, side: 'right' },
    { value: t.page[1], label: `Page · 6 h over ${formatFactor(t.page[1])}`, color: CHART.page, side: 'right' },
    // Ticket lines sit close together near the bottom: their labels go on the other side.
    { value: t.ticket[0], label: `Ticket · 1 d over ${formatFactor(t.ticket[0])}`, color: CHART.ticket, side: 'left' },
    { value: t.ticket[1], label: `Ticket · 3 d over ${formatFactor(t.ticket[1])}`, color: CHART.ticket, side: 'left' },
  ]
}

export function shapeBurnRates(points: readonly BurnRatePoint[], log: boolean) {
  return points.map((p) => ({
    x: toEpoch(p.t),
    r1h: scaleBurnRate(p.r1h, log),
    r6h: scaleBurnRate(p.r6h, log),
    r1d: scaleBurnRate(p.r1d, log),
    r3d: scaleBurnRate(p.r3d, log),
  }))
}

/**
 * Burn rate (how many times faster than sustainable the budget is being spent) over the four long alert
 * windows, with the page and ticket thresholds drawn; 1× spends exactly the budget over the SLO window.
 */
export function BurnRateChart({ points, thresholds, label, timeZone, defaultLog = false, empty }: BurnRateChartProps) {
  const [log, setLog] = useState(defaultLog)
  const toggleId = useId()
  const data = shapeBurnRates(points, log)
  const all = points.flatMap((p) => [p.r1h, p.r6h, p.r1d, p.r3d])
  const lines = thresholdLines(thresholds)
  const axisStyle = axisTimeStyle(spanOf(data.map((d) => d.x)))
  const latest = points.at(-1)
  const legend: LegendItem[] = [
    ...BURN_SERIES.map((s, i) => ({ label: `${s.label} window`, ...SERIES[i]! })),
    { label: 'Page thresholds', color: CHART.page, dash: '6 4', kind: 'threshold' },
    { label: 'Ticket thresholds', color: CHART.ticket, dash: '2 3', kind: 'threshold' },
  ]

  return (
    <ChartFrame
      label={label}
      empty={
        hasValues(all)
          ? null
          : (empty ?? { title: 'No burn rates in this range', reason: 'Burn rates need events and an error budget: either the SLI reported no events here, or the target is 100% and leaves no budget to burn.' })
      }
      summary={latest ? `Now: ${BURN_SERIES.map((s) => `${s.label} ${formatBurnRate(latest[s.key])}`).join(' · ')}` : undefined}
      controls={
        <label htmlFor={toggleId} className="inline-flex items-center gap-2 text-sm text-ink-muted print:hidden">
          <input id={toggleId} type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} className="size-4 rounded border-line-input accent-accent" />
          Logarithmic scale
        </label>
      }
      legend={
        <>
          <ChartLegend items={legend} />
          {log && <p className="text-xs text-ink-muted">On the logarithmic scale, rates below {formatBurnRate(LOG_FLOOR)} are drawn at {formatBurnRate(LOG_FLOOR)}.</p>}
        </>
      }
      table={
        <TimeSeriesTable
          caption={label}
          timeZone={timeZone}
          points={points}
          columns={BURN_SERIES.map((s) => ({ header: `${s.label} burn rate`, value: (p: BurnRatePoint) => formatBurnRate(p[s.key]) }))}
        />
      }
    >
      <LineChart responsive style={{ width: '100%', height: 288 }} data={data} margin={CHART_MARGIN}>
        <CartesianGrid stroke={CHART.grid} vertical={false} />
        <XAxis {...timeAxisProps(timeZone, (v) => formatChartTime(v, timeZone, axisStyle))} />
        <YAxis
          scale={log ? 'log' : 'linear'}
          domain={burnRateDomain(all, lines.map((l) => l.value), log)}
          allowDataOverflow
          tick={AXIS_TICK}
          stroke={CHART.axis}
          width={64}
          tickFormatter={(v: number) => formatFactor(v)}
          label={{ value: 'Burn rate (× sustainable)', angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' }, ...AXIS_LABEL }}
        />
        <Tooltip
          labelFormatter={(v) => (typeof v === 'number' ? formatChartTime(v, timeZone, 'full') : String(v))}
          formatter={(v, name) => [typeof v === 'number' ? formatBurnRate(v) : 'n/a', String(name)]}
        />
        {lines.map((l) => (
          <ReferenceLine
            key={l.label}
            y={l.value}
            stroke={l.color}
            strokeDasharray={l.color === CHART.page ? '6 4' : '2 3'}
            label={{ value: l.label, position: l.side === 'right' ? 'insideBottomRight' : 'insideBottomLeft', ...AXIS_LABEL }}
          />
        ))}
        {BURN_SERIES.map((s, i) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={`${s.label} window`}
            stroke={SERIES[i]!.color}
            strokeDasharray={SERIES[i]!.dash}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
        ))}
      </LineChart>
    </ChartFrame>
  )
}
