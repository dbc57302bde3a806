'use client'

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'
import { formatNumber, formatPercent } from '@/lib/format'
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table'
import { ChartFrame, type ChartEmpty } from './chart-frame'
import { AXIS_LABEL, AXIS_TICK, CHART, CHART_MARGIN } from './chart-theme'

export interface CountDatum {
  /** The category, e.g. a variant key. */
  label: string
  value: number
}

export interface CountBarChartProps {
  /** Names the chart and its table, e.g. "Evaluations per variant, production, last 24 h". */
  label: string
  data: readonly CountDatum[]
  /** The value axis label with its unit, e.g. "Evaluations (count)". */
  valueLabel: string
  /** Header of the category column, e.g. "Variant". */
  categoryLabel: string
  /** Shown instead of the chart when every count is zero. */
  empty: ChartEmpty
}

const ROW_HEIGHT = 36

/** Horizontal bars of counts per category, with the same numbers (and shares) as a table one click away. */
export function CountBarChart({ label, data, valueLabel, categoryLabel, empty }: CountBarChartProps) {
  const total = data.reduce((s, d) => s + d.value, 0)
  return (
    <ChartFrame
      label={label}
      empty={total > 0 ? null : empty}
      summary={`${formatNumber(total)} in all · ${data.map((d) => `${d.label} ${formatPercent(total > 0 ? d.value / total : null, 1)}`).join(' · ')}`}
      table={
        <Table caption={label} captionHidden>
          <THead>
            <Tr>
              <Th>{categoryLabel}</Th>
              <Th numeric>{valueLabel}</Th>
              <Th numeric>Share</Th>
            </Tr>
          </THead>
          <TBody>
            {data.map((d) => (
              <Tr key={d.label}>
                <Td>{d.label}</Td>
                <Td numeric>{formatNumber(d.value)}</Td>
                <Td numeric>{formatPercent(total > 0 ? d.value / total : null, 1)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      }
    >
      <BarChart
        responsive
        layout="vertical"
        data={[...data]}
        margin={CHART_MARGIN}
        style={{ width: '100%', height: data.length * ROW_HEIGHT + CHART_MARGIN.top + CHART_MARGIN.bottom + 24 }}
      >
        <CartesianGrid horizontal={false} stroke={CHART.grid} />
        <XAxis
          type="number"
          allowDecimals={false}
          tick={AXIS_TICK}
          stroke={CHART.axis}
          tickFormatter={(v: number) => formatNumber(v, { compact: true })}
          label={{ value: valueLabel, position: 'insideBottom', offset: -16, ...AXIS_LABEL }}
        />
        <YAxis type="category" dataKey="label" width={96} tick={AXIS_TICK} stroke={CHART.axis} />
        <Tooltip formatter={(v) => [formatNumber(Number(v)), valueLabel]} cursor={{ fill: 'var(--color-surface-muted)' }} />
        <Bar dataKey="value" name={valueLabel} fill={CHART.primary} radius={[0, 3, 3, 0]} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  )
}
