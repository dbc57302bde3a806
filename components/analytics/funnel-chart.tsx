'use client'

import { Bar, BarChart, CartesianGrid, Cell, LabelList, Tooltip, XAxis, YAxis } from 'recharts'
import type { FunnelReport } from '@/lib/analytics/funnel-query'
import { formatNumber, formatPercent } from '@/lib/format'
import { ChartFrame, ChartLegend } from '@/components/charts/chart-frame'
import { AXIS_LABEL, AXIS_TICK, CHART, CHART_MARGIN } from '@/components/charts/chart-theme'
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table'
import { funnelChartData, hasPeople, peopleText, rateText, type FunnelChartRow } from './funnel-display'

export interface FunnelChartProps {
  report: FunnelReport
  /** Names the chart and its table, e.g. "AI-assisted diagnosis funnel by department, last 7 days". */
  label: string
}

/** Conversion labels fit above the bars while a step holds at most this many groups. */
const MAX_LABELLED_SERIES = 4

interface BarLabelProps {
  x?: number | string
  y?: number | string
  width?: number | string
  index?: number
}

/**
 * Users per step as bars (one bar per breakdown group, one palette, a legend), each labelled with its
 * conversion from the first step. A suppressed count has no bar (its height would give it away): "<11"
 * stands at the foot of its place instead, and the table one click away says the same.
 */
export function FunnelChart({ report, label }: FunnelChartProps) {
  const k = report.minGroupSize
  const { rows, series } = funnelChartData(report)
  const labelled = series.length <= MAX_LABELLED_SERIES
  // A suppressed bar is a transparent one pixel at the foot of its place (Recharts places labels on bars only),
  // so that its "<11" has somewhere to stand; its height is never drawn.
  const data = rows.map((r) => Object.fromEntries(Object.entries(r).map(([key, v]) => [key, /^g\d+$/.test(key) && v === null ? 0 : v])) as FunnelChartRow)
  const overall = report.overall
  const last = overall.steps.at(-1)

  const barLabel = (dataKey: string) =>
    function FunnelBarLabel({ x, y, width, index }: BarLabelProps) {
      const row = rows[index ?? -1]
      if (!row || x === undefined || y === undefined || width === undefined) return null
      const suppressed = row[dataKey] === null
      const pct = row[`${dataKey}_pct`]
      // With many groups only the suppressed ones are labelled (the percentages would collide; the table has them).
      const text = suppressed ? `<${k}` : labelled && typeof pct === 'number' ? formatPercent(pct, 0) : ''
      if (!text) return null
      return (
        <text x={Number(x) + Number(width) / 2} y={Number(y) - 6} textAnchor="middle" fontSize={11} fill="var(--color-ink-muted)" className="tabular-nums">
          {text}
        </text>
      )
    }

  return (
    <ChartFrame
      label={label}
      empty={hasPeople(report) ? null : { title: 'Nobody started this funnel in the range', reason: 'No event of the first step happened between these dates. Pick a longer range, or check that the app sends this event.' }}
      summary={`${peopleText(overall.started, k)} started · ${peopleText(overall.completed, k)} completed · ${rateText(last?.conversion ?? null, overall.completed === null, k)} overall conversion`}
      legend={series.length > 1 ? <ChartLegend items={series.map((s) => ({ label: s.name, color: s.color }))} /> : undefined}
      table={
        <Table caption={label} captionHidden>
          <THead>
            <Tr>
              <Th>Step</Th>
              {series.map((s) => (
                <Th key={s.dataKey} numeric>
                  {series.length > 1 ? s.name : 'Users'}
                </Th>
              ))}
            </Tr>
          </THead>
          <TBody>
            {rows.map((r) => (
              <Tr key={r.index}>
                <Th scope="row" className="text-sm font-normal text-ink">
                  {r.step}
                </Th>
                {series.map((s) => {
                  const users = r[s.dataKey] as number | null
                  const pct = r[`${s.dataKey}_pct`] as number | null
                  return (
                    <Td key={s.dataKey} numeric>
                      {peopleText(users, k)}
                      {users !== null && pct !== null && <span className="ml-1 text-xs text-ink-muted">({formatPercent(pct, 1)})</span>}
                    </Td>
                  )
                })}
              </Tr>
            ))}
          </TBody>
        </Table>
      }
    >
      <BarChart responsive data={data} margin={{ ...CHART_MARGIN, top: 24 }} barCategoryGap="18%" style={{ width: '100%', height: 320 }}>
        <CartesianGrid stroke={CHART.grid} vertical={false} />
        <XAxis dataKey="step" tick={AXIS_TICK} stroke={CHART.axis} interval={0} label={{ value: 'Step', position: 'insideBottom', offset: -16, ...AXIS_LABEL }} />
        <YAxis
          allowDecimals={false}
          tick={AXIS_TICK}
          stroke={CHART.axis}
          width={64}
          tickFormatter={(v: number) => formatNumber(v, { compact: true })}
          label={{ value: 'Users (distinct people)', angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' }, ...AXIS_LABEL }}
        />
        <Tooltip
          cursor={{ fill: 'var(--color-surface-muted)' }}
          formatter={(_v, name, item) => {
            const s = series.find((x) => x.name === name)
            const row = item.payload as FunnelChartRow | undefined
            const users = s && row ? (rows[row.index]?.[s.dataKey] as number | null) : null
            const pct = s && row ? (rows[row.index]?.[`${s.dataKey}_pct`] as number | null) : null
            return [users === null ? `fewer than ${k} people` : `${formatNumber(users)} (${formatPercent(pct, 1)} of step 1)`, String(name)]
          }}
        />
        {series.map((s) => (
          <Bar
            key={s.dataKey}
            dataKey={s.dataKey}
            name={s.name}
            fill={s.color}
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
            minPointSize={(_v, i) => (rows[i]?.[s.dataKey] === null ? 1 : 0)}
          >
            {rows.map((r) => (
              <Cell key={r.index} fill={r[s.dataKey] === null ? 'transparent' : s.color} />
            ))}
            <LabelList dataKey={s.dataKey} content={barLabel(s.dataKey)} />
          </Bar>
        ))}
      </BarChart>
    </ChartFrame>
  )
}
