'use client'

import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import type { CompliancePoint } from '@/lib/slo/types'
import { formatNumber } from '@/lib/format'
import { formatCompliance, formatTarget } from '@/lib/slo/display'
import { TimeSeriesTable } from '@/components/charts/time-series-table'
import { ChartFrame, ChartLegend, type ChartEmpty } from '@/components/charts/chart-frame'
import { AXIS_LABEL, AXIS_TICK, CHART, CHART_MARGIN, timeAxisProps } from '@/components/charts/chart-theme'
import { formatChartTime, hasValues, summarise, toEpoch, toPercent } from '@/components/charts/chart-data'
import { timeTickProps } from './time-ticks'
import { complianceDomain } from './slo-chart-data'

export interface ComplianceChartProps {
  points: readonly CompliancePoint[]
  /** Objective as a fraction, e.g. 0.999. */
  target: number
  /** Names the chart and its table. */
  label: string
  /** Zone of the axis and table times (the server's WARDROOM_TIMEZONE, so server and browser agree). */
  timeZone: string
  /** Overrides why the chart is empty. */
  empty?: ChartEmpty
}

export function shapeCompliance(points: readonly CompliancePoint[]) {
  return points.map((p) => ({ x: toEpoch(p.t), compliance: toPercent(p.compliance), good: p.good, total: p.total }))
}

/** Compliance over time against the target, the y axis in percent and zoomed to where the story is. */
export function ComplianceChart({ points, target, label, timeZone, empty }: ComplianceChartProps) {
  const data = shapeCompliance(points)
  const values = data.map((d) => d.compliance)
  const targetPct = (toPercent(target) ?? 0)
  const noData = !hasValues(values)
  const s = summarise(points.map((p) => p.compliance))
  const xTicks = timeTickProps(data.map((d) => d.x), timeZone)

  return (
    <ChartFrame
      label={label}
      empty={noData ? (empty ?? { title: 'No events in this range', reason: 'The SLI reported no events in this time range, so there is no compliance to plot. Check that the service is sending SLI events.' }) : null}
      summary={`Latest ${formatCompliance(s.latest)} · lowest ${formatCompliance(s.min)} · target ${formatTarget(target)}`}
      legend={
        <ChartLegend
          items={[
            { label: 'Compliance', color: CHART.primary },
            { label: `Target ${formatTarget(target)}`, color: CHART.target, dash: '6 4', kind: 'threshold' },
          ]}
        />
      }
      table={
        <TimeSeriesTable
          caption={label}
          timeZone={timeZone}
          points={points}
          columns={[
            { header: 'Compliance', value: (p) => formatCompliance(p.compliance) },
            { header: 'Good', value: (p) => formatNumber(p.good) },
            { header: 'Total', value: (p) => formatNumber(p.total) },
          ]}
        />
      }
    >
      <LineChart responsive style={{ width: '100%', height: 256 }} data={data} margin={CHART_MARGIN}>
        <CartesianGrid stroke={CHART.grid} vertical={false} />
        <XAxis {...timeAxisProps(timeZone, xTicks.tickFormatter)} ticks={xTicks.ticks} />
        <YAxis
          domain={complianceDomain(values, targetPct)}
          allowDataOverflow
          tick={AXIS_TICK}
          stroke={CHART.axis}
          width={64}
          tickFormatter={(v: number) => `${Number(v.toFixed(2))}%`}
          label={{ value: 'Compliance (%)', angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' }, ...AXIS_LABEL }}
        />
        <Tooltip
          labelFormatter={(v) => (typeof v === 'number' ? formatChartTime(v, timeZone, 'full') : String(v))}
          formatter={(v) => [typeof v === 'number' ? formatCompliance(v / 100) : 'no data', 'Compliance']}
        />
        <ReferenceLine
          y={targetPct}
          stroke={CHART.target}
          strokeDasharray="6 4"
          label={{ value: `Target ${formatTarget(target)}`, position: 'insideBottomRight', ...AXIS_LABEL }}
        />
        <Line dataKey="compliance" name="Compliance" stroke={CHART.primary} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
      </LineChart>
    </ChartFrame>
  )
}
