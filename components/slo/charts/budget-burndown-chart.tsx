'use client'

import { Area, AreaChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import type { BudgetPoint } from '@/lib/slo/types'
import { formatBudgetPercent } from '@/lib/slo/display'
import { TimeSeriesTable } from '@/components/charts/time-series-table'
import { ChartFrame, ChartLegend, type ChartEmpty } from '@/components/charts/chart-frame'
import { AXIS_LABEL, AXIS_TICK, CHART, CHART_MARGIN, timeAxisProps } from '@/components/charts/chart-theme'
import { formatChartTime, hasValues, summarise, toEpoch, toPercent } from '@/components/charts/chart-data'
import { timeTickProps } from './time-ticks'
import { budgetDomain, budgetTicks } from './slo-chart-data'

export interface BudgetBurndownChartProps {
  points: readonly BudgetPoint[]
  /** Objective as a fraction; a 100 % target has no budget, which the empty state explains. */
  target: number
  label: string
  timeZone: string
  empty?: ChartEmpty
}

export function shapeBudget(points: readonly BudgetPoint[]) {
  return points.map((p) => ({ x: toEpoch(p.t), budget: toPercent(p.budgetRemaining) }))
}

/** Error budget left over time, in percent of the window's budget, with the exhaustion line at 0. */
export function BudgetBurndownChart({ points, target, label, timeZone, empty }: BudgetBurndownChartProps) {
  const data = shapeBudget(points)
  const values = data.map((d) => d.budget)
  const domain = budgetDomain(values)
  const s = summarise(points.map((p) => p.budgetRemaining))
  const xTicks = timeTickProps(data.map((d) => d.x), timeZone)
  const defaultEmpty: ChartEmpty =
    target >= 1
      ? { title: 'No error budget to burn', reason: 'The target is 100%, so there is no budget: any failed event breaches the objective.' }
      : { title: 'No events in this range', reason: 'The SLI reported no events in this time range, so there is no budget use to plot.' }

  return (
    <ChartFrame
      label={label}
      empty={target >= 1 || !hasValues(values) ? (empty ?? defaultEmpty) : null}
      summary={`Budget left now ${formatBudgetPercent(s.latest)} · lowest ${formatBudgetPercent(s.min)}`}
      legend={
        <ChartLegend
          items={[
            { label: 'Error budget left', color: CHART.primary },
            { label: 'Budget exhausted (0%)', color: CHART.exhausted, dash: '6 4', kind: 'threshold' },
          ]}
        />
      }
      table={<TimeSeriesTable caption={label} timeZone={timeZone} points={points} columns={[{ header: 'Budget left', value: (p) => formatBudgetPercent(p.budgetRemaining) }]} />}
    >
      <AreaChart responsive style={{ width: '100%', height: 256 }} data={data} margin={CHART_MARGIN}>
        <CartesianGrid stroke={CHART.grid} vertical={false} />
        <XAxis {...timeAxisProps(timeZone, xTicks.tickFormatter)} ticks={xTicks.ticks} />
        <YAxis
          domain={domain}
          ticks={budgetTicks(domain)}
          tick={AXIS_TICK}
          stroke={CHART.axis}
          width={64}
          tickFormatter={(v: number) => `${v}%`}
          label={{ value: 'Budget left (%)', angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' }, ...AXIS_LABEL }}
        />
        <Tooltip
          labelFormatter={(v) => (typeof v === 'number' ? formatChartTime(v, timeZone, 'full') : String(v))}
          formatter={(v) => [typeof v === 'number' ? formatBudgetPercent(v / 100) : 'no data', 'Budget left']}
        />
        <ReferenceLine y={0} stroke={CHART.exhausted} strokeDasharray="6 4" label={{ value: 'Exhausted', position: 'insideBottomLeft', ...AXIS_LABEL }} />
        <Area
          dataKey="budget"
          name="Budget left"
          stroke={CHART.primary}
          fill={CHART.primaryFill}
          fillOpacity={0.6}
          strokeWidth={2}
          isAnimationActive={false}
          connectNulls={false}
        />
      </AreaChart>
    </ChartFrame>
  )
}
