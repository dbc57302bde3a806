'use client'

import { Line, LineChart, ReferenceLine, YAxis } from 'recharts'
import { formatCompliance, formatTarget } from '@/lib/slo/display'
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table'
import { ChartFrame } from '@/components/charts/chart-frame'
import { CHART } from '@/components/charts/chart-theme'
import { dayToEpoch, formatDay, hasValues, summarise, toPercent } from '@/components/charts/chart-data'
import { complianceDomain } from './slo-chart-data'

export interface SparklinePoint {
  /** A calendar day, "2026-03-02". */
  day: string
  compliance: number | null
}

export interface SparklineProps {
  points: readonly SparklinePoint[]
  target: number
  /** Names the sparkline and its table, e.g. "Daily compliance of System availability, last 30 days". */
  label: string
}

export function shapeSparkline(points: readonly SparklinePoint[]) {
  return points.map((p) => ({ x: dayToEpoch(p.day), compliance: toPercent(p.compliance) }))
}

/** A small daily-compliance line with the target, for cards: no axes, the numbers are in the table. */
export function Sparkline({ points, target, label }: SparklineProps) {
  const data = shapeSparkline(points)
  const values = data.map((d) => d.compliance)
  const s = summarise(points.map((p) => p.compliance))
  const days = points.filter((p) => p.compliance !== null)
  const below = days.filter((p) => (p.compliance ?? 1) < target).length
  return (
    <ChartFrame
      dense
      label={label}
      empty={hasValues(values) ? null : { title: 'No events in the last 30 days', reason: 'The SLI has not reported any events yet, so there is no daily compliance to show.' }}
      summary={`${days.length} days with events · ${below} below target · lowest ${formatCompliance(s.min)}`}
      table={
        <Table caption={label} captionHidden>
          <THead>
            <Tr>
              <Th>Day</Th>
              <Th numeric>Compliance</Th>
              <Th numeric>Target {formatTarget(target)}</Th>
            </Tr>
          </THead>
          <TBody>
            {points.map((p) => (
              <Tr key={p.day}>
                <Td>{formatDay(p.day)}</Td>
                <Td numeric>{formatCompliance(p.compliance)}</Td>
                <Td numeric>{p.compliance === null ? '–' : p.compliance >= target ? 'met' : 'missed'}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      }
    >
      <LineChart responsive style={{ width: '100%', height: 48 }} data={data} margin={{ top: 4, right: 2, bottom: 4, left: 2 }} accessibilityLayer={false}>
        <YAxis hide domain={complianceDomain(values, toPercent(target) ?? 0)} allowDataOverflow />
        <ReferenceLine y={toPercent(target) ?? 0} stroke={CHART.target} strokeDasharray="3 3" strokeWidth={1} />
        <Line dataKey="compliance" stroke={CHART.primary} strokeWidth={1.75} dot={false} isAnimationActive={false} connectNulls={false} />
      </LineChart>
    </ChartFrame>
  )
}
