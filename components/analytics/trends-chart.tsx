'use client'

import { Area, AreaChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts'
import { formatNumber } from '@/lib/format'
import type { TrendMeasure } from '@/lib/analytics/trends-schema'
import { DataTable } from '@/components/ui/data-table'
import { ChartFrame, ChartLegend, type ChartEmpty } from '@/components/charts/chart-frame'
import { AXIS_LABEL, AXIS_TICK, CATEGORY_SERIES, CHART, CHART_MARGIN } from '@/components/charts/chart-theme'
import { dayToEpoch, formatDay, hasValues } from '@/components/charts/chart-data'
import { dayTicks } from './trends-ticks'
import { fewerThan } from './trends-words'

export interface TrendChartSeries {
  label: string
  /** Per day; null where fewer than k people (suppressed). */
  points: readonly (number | null)[]
}

export interface TrendsChartProps {
  /** Names the chart and its table, e.g. "Events per day, last 30 days". */
  label: string
  /** UTC days, oldest first. */
  days: readonly string[]
  series: readonly TrendChartSeries[]
  measure: TrendMeasure
  /** k of k-anonymity, for the words of a hidden value. */
  k: number
  empty: ChartEmpty
}

const VALUE_LABEL: Record<TrendMeasure, string> = { events: 'Events (count per day)', users: 'People (distinct per day)' }

/**
 * Daily figures of up to eight series: a filled area for one, lines for several (told apart by dash as well
 * as colour). Days hidden for k-anonymity are gaps, never zeros; the table says "fewer than k" there.
 */
export function TrendsChart({ label, days, series, measure, k, empty }: TrendsChartProps) {
  const data = days.map((day, i) => ({ x: dayToEpoch(day), ...Object.fromEntries(series.map((s, j) => [`s${j}`, s.points[i]])) }))
  const xTicks = dayTicks(days)
  const all = series.flatMap((s) => s.points)
  const nothing = series.length === 0 || !hasValues(all) || all.every((v) => !v)
  const styles = series.map((_, j) => CATEGORY_SERIES[j % CATEGORY_SERIES.length]!)
  const hidden = all.filter((v) => v === null).length
  const value = (v: number | null | undefined) => (v === null || v === undefined ? fewerThan(k) : formatNumber(v))
  const today = series.map((s) => `${s.label} ${value(s.points.at(-1))}`).join(' · ')

  const axes = (
    <>
      <CartesianGrid stroke={CHART.grid} vertical={false} />
      <XAxis
        dataKey="x"
        type="number"
        scale="time"
        domain={['dataMin', 'dataMax']}
        ticks={xTicks.ticks}
        tick={AXIS_TICK}
        stroke={CHART.axis}
        tickFormatter={xTicks.label}
        label={{ value: 'Day (UTC)', position: 'insideBottom', offset: -16, ...AXIS_LABEL }}
      />
      <YAxis
        allowDecimals={false}
        tick={AXIS_TICK}
        stroke={CHART.axis}
        width={64}
        tickFormatter={(v: number) => formatNumber(v, { compact: true })}
        label={{ value: VALUE_LABEL[measure], angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' }, ...AXIS_LABEL }}
      />
      <Tooltip
        labelFormatter={(v) => (typeof v === 'number' ? formatDay(new Date(v).toISOString()) : String(v))}
        formatter={(v, name) => [typeof v === 'number' ? formatNumber(v) : fewerThan(k), name]}
      />
    </>
  )

  return (
    <ChartFrame
      label={label}
      empty={nothing ? empty : null}
      summary={`Today so far: ${today}${hidden ? ` · ${hidden} ${hidden === 1 ? 'day' : 'days'} hidden (${fewerThan(k)} people)` : ''}`}
      legend={series.length > 1 ? <ChartLegend items={series.map((s, j) => ({ label: s.label, ...styles[j]! }))} /> : undefined}
      table={
        <DataTable
          caption={label}
          captionHidden
          rows={days.map((day, i) => ({ day, i }))}
          rowKey={(r) => r.day}
          columns={[
            { header: 'Day (UTC)', className: 'whitespace-nowrap', cell: (r) => formatDay(r.day) },
            // Event names are long single words: let a header break inside one rather than widen the table.
            ...series.map((s) => ({ header: s.label, headerClassName: '[overflow-wrap:anywhere]', numeric: true, cell: (r: { i: number }) => value(s.points[r.i]) })),
          ]}
        />
      }
    >
      {series.length === 1 ? (
        <AreaChart responsive style={{ width: '100%', height: 288 }} data={data} margin={CHART_MARGIN}>
          {axes}
          <Area dataKey="s0" name={series[0]!.label} stroke={CHART.primary} fill={CHART.primaryFill} fillOpacity={0.6} strokeWidth={2} isAnimationActive={false} connectNulls={false} />
        </AreaChart>
      ) : (
        <LineChart responsive style={{ width: '100%', height: 288 }} data={data} margin={CHART_MARGIN}>
          {axes}
          {series.map((s, j) => (
            <Line
              key={s.label}
              dataKey={`s${j}`}
              name={s.label}
              stroke={styles[j]!.color}
              strokeDasharray={styles[j]!.dash}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
        </LineChart>
      )}
    </ChartFrame>
  )
}
