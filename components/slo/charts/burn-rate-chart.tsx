'use client'

import { useId, useState } from 'react'
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import type { BurnRatePoint } from '@/lib/slo/types'
import { formatBurnRate, formatFactor } from '@/lib/slo/display'
import { TimeSeriesTable } from '@/components/charts/time-series-table'
import { ChartFrame, ChartLegend, type ChartEmpty, type LegendItem } from '@/components/charts/chart-frame'
import { AXIS_LABEL, AXIS_TICK, CHART, CHART_MARGIN, SERIES, timeAxisProps } from '@/components/charts/chart-theme'
import { formatChartTime, hasValues, toEpoch } from '@/components/charts/chart-data'
import { burnRateDomain, burnRateTicks, formatBurnTick, LOG_FLOOR, offScalePeak } from './slo-chart-data'
import { BURN_SERIES, peakOf, rawRateOf, shapeBurnRates, thresholdLines, windowLengthOf, type BurnRateThresholds } from './burn-rate-data'
import { timeTickProps } from './time-ticks'
import { ThresholdLabels } from './threshold-labels'

export type { BurnRateThresholds } from './burn-rate-data'

export interface BurnRateChartProps {
  points: readonly BurnRatePoint[]
  thresholds: BurnRateThresholds
  label: string
  timeZone: string
  /**
   * Start on a logarithmic axis (the default: a spike of 100× next to thresholds of 1×–14.4× and rates of
   * 0.5× all stay readable); the viewer can switch to a linear axis, which stops at twice the highest
   * threshold and marks what lies above it as off scale.
   */
  defaultLog?: boolean
  empty?: ChartEmpty
}

/**
 * Burn rate (how many times faster than sustainable the budget is being spent) over the four long alert
 * windows, with the page and ticket thresholds drawn; 1× spends exactly the budget over the SLO window.
 */
export function BurnRateChart({ points, thresholds, label, timeZone, defaultLog = true, empty }: BurnRateChartProps) {
  const [log, setLog] = useState(defaultLog)
  const toggleId = useId()
  const data = shapeBurnRates(points, log)
  const all = points.flatMap((p) => [p.r1h, p.r6h, p.r1d, p.r3d])
  const lines = thresholdLines(thresholds)
  const domain = burnRateDomain(all, lines.map((l) => l.value), log)
  const offScale = offScalePeak(all, domain)
  const peak = offScale === null ? null : peakOf(points)
  const xTicks = timeTickProps(data.map((d) => d.x), timeZone)
  const latest = points.at(-1)
  const legend: LegendItem[] = [
    ...BURN_SERIES.map((s, i) => ({ label: `${s.label} window`, ...SERIES[i]! })),
    { label: 'Page thresholds', color: CHART.page, dash: '6 4', kind: 'threshold' },
    { label: 'Ticket thresholds', color: CHART.ticket, dash: '2 3', kind: 'threshold' },
  ]
  const offScaleWords = peak ? `Off scale: peak ${formatBurnRate(peak.rate)} at ${formatChartTime(toEpoch(peak.t), timeZone, 'day-time')}` : null

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
          {log ? (
            <p className="text-xs text-ink-muted">
              Logarithmic scale: each gridline is ten times the one below. A rate of 0 (nothing burning) and anything below{' '}
              {formatBurnRate(LOG_FLOOR)} is drawn on the bottom line, marked ≤{formatBurnRate(LOG_FLOOR)}; the tooltip and the table give the exact rate.
            </p>
          ) : (
            offScaleWords && (
              <p className="text-xs text-ink-muted">
                {offScaleWords}. The linear axis stops at {formatFactor(domain[1])} so the thresholds stay readable; switch to the logarithmic scale to see
                the whole spike.
              </p>
            )
          )}
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
        <XAxis {...timeAxisProps(timeZone, xTicks.tickFormatter)} ticks={xTicks.ticks} />
        <YAxis
          scale={log ? 'log' : 'linear'}
          domain={domain}
          ticks={burnRateTicks(domain, log)}
          allowDataOverflow
          tick={AXIS_TICK}
          stroke={CHART.axis}
          width={64}
          tickFormatter={(v: number) => formatBurnTick(v, log)}
          label={{ value: log ? 'Burn rate (×, log scale)' : 'Burn rate (× sustainable)', angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' }, ...AXIS_LABEL }}
        />
        <Tooltip
          labelFormatter={(v) => (typeof v === 'number' ? formatChartTime(v, timeZone, 'full') : String(v))}
          // Shortest window first, as in the legend and the table (Recharts would sort by name: 1 d, 1 h, 3 d, 6 h).
          itemSorter={(item) => windowLengthOf(item.dataKey)}
          formatter={(_v, name, item) => [formatBurnRate(rawRateOf(item.payload, item.dataKey)), String(name)]}
        />
        {lines.map((l) => (
          <ReferenceLine key={l.key} y={l.value} stroke={l.color} strokeDasharray={l.dash} />
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
        {/* After the lines, so labels (with a halo) stay legible where a series crosses them. */}
        <ThresholdLabels lines={lines} marker={log || !offScaleWords ? null : `▲ ${offScaleWords}`} />
      </LineChart>
    </ChartFrame>
  )
}
