'use client'

import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import type { FunnelReport } from '@/lib/analytics/funnel-query'
import { formatNumber } from '@/lib/format'
import { ChartFrame, ChartLegend } from '@/components/charts/chart-frame'
import { AXIS_LABEL, AXIS_TICK, CHART, CHART_MARGIN } from '@/components/charts/chart-theme'
import { DataTable } from '@/components/ui/data-table'
import { bucketIndexOf, bucketLabel, durationText, peopleText } from './funnel-display'

export interface TimeToConvertChartProps {
  report: FunnelReport
  label: string
}

const MEDIAN = { color: 'var(--color-ink)', dash: '6 4' }
const P90 = { color: 'var(--color-medium)', dash: '2 3' }

/**
 * How long the people who completed the funnel took from the first step to the last, as a histogram, with
 * the median and the 90th percentile marked on the bucket each falls in. A suppressed bucket (fewer than
 * k people) has no bar.
 */
export function TimeToConvertChart({ report, label }: TimeToConvertChartProps) {
  const k = report.minGroupSize
  const { buckets, medianMs, p90Ms } = report.timeToConvert
  const data = buckets.map((b, i) => ({ bucket: bucketLabel(b), index: i, users: b.users ?? 0, suppressed: b.users === null }))
  const completed = report.overall.completed
  const medianAt = bucketIndexOf(medianMs, buckets)
  const p90At = bucketIndexOf(p90Ms, buckets)

  return (
    <ChartFrame
      label={label}
      empty={
        completed !== null && completed > 0
          ? null
          : completed === null
            ? { title: `Fewer than ${k} people completed the funnel`, reason: `Their times are not shown: with fewer than ${k} people, a time could point at someone (k-anonymity).` }
            : { title: 'Nobody completed the funnel in the range', reason: 'There is no time to convert until someone reaches the last step within the conversion window.' }
      }
      summary={`Median ${durationText(medianMs)} · 90th percentile ${durationText(p90Ms)} · from the first step to the last`}
      legend={
        <ChartLegend
          items={[
            { label: 'People who completed', color: CHART.primary },
            { label: `Median ${durationText(medianMs)}`, ...MEDIAN, kind: 'threshold' },
            { label: `90th percentile ${durationText(p90Ms)}`, ...P90, kind: 'threshold' },
          ]}
        />
      }
      table={
        <DataTable
          caption={label}
          captionHidden
          rows={data}
          rowKey={(d) => d.index}
          columns={[
            { header: 'Time to convert', cell: (d) => d.bucket },
            { header: 'Users', numeric: true, cell: (d) => peopleText(d.suppressed ? null : d.users, k) },
            {
              header: 'Marks',
              cell: (d) => [d.index === medianAt && 'median', d.index === p90At && '90th percentile'].filter(Boolean).join(', '),
            },
          ]}
        />
      }
    >
      <BarChart responsive data={data} margin={{ ...CHART_MARGIN, top: 20 }} barCategoryGap="8%" style={{ width: '100%', height: 240 }}>
        <CartesianGrid stroke={CHART.grid} vertical={false} />
        <XAxis dataKey="bucket" tick={AXIS_TICK} stroke={CHART.axis} interval="preserveStartEnd" label={{ value: 'Time from first step to last', position: 'insideBottom', offset: -16, ...AXIS_LABEL }} />
        <YAxis
          allowDecimals={false}
          tick={AXIS_TICK}
          stroke={CHART.axis}
          width={64}
          tickFormatter={(v: number) => formatNumber(v, { compact: true })}
          label={{ value: 'Users (people)', angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' }, ...AXIS_LABEL }}
        />
        <Tooltip
          cursor={{ fill: 'var(--color-surface-muted)' }}
          formatter={(v, _name, item) => [(item.payload as { suppressed: boolean }).suppressed ? `fewer than ${k} people` : formatNumber(Number(v)), 'Users']}
        />
        {/* A suppressed bucket: a transparent pixel for its "<11" to stand on, never a height. */}
        <Bar dataKey="users" name="Users" fill={CHART.primary} radius={[2, 2, 0, 0]} isAnimationActive={false} minPointSize={(_v, i) => (data[i]?.suppressed ? 1 : 0)}>
          {data.map((d) => (
            <Cell key={d.index} fill={d.suppressed ? 'transparent' : CHART.primary} />
          ))}
          <LabelList
            dataKey="users"
            content={({ x, y, width, index }) =>
              index !== undefined && data[index]?.suppressed ? (
                <text x={Number(x) + Number(width) / 2} y={Number(y) - 6} textAnchor="middle" fontSize={11} fill="var(--color-ink-muted)">
                  {`<${k}`}
                </text>
              ) : null
            }
          />
        </Bar>
        {medianAt !== null && (
          <ReferenceLine
            x={data[medianAt]!.bucket}
            stroke={MEDIAN.color}
            strokeDasharray={MEDIAN.dash}
            // One bucket holding both: one line, both names (two labels would print over each other).
            label={{ value: p90At === medianAt ? 'median, p90' : 'median', position: 'top', ...AXIS_LABEL }}
          />
        )}
        {p90At !== null && p90At !== medianAt && (
          <ReferenceLine x={data[p90At]!.bucket} stroke={P90.color} strokeDasharray={P90.dash} label={{ value: 'p90', position: 'top', ...AXIS_LABEL }} />
        )}
      </BarChart>
    </ChartFrame>
  )
}
