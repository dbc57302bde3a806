'use client'

import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import type { SatisfactionReport } from '@/lib/feedback/csat'
import { formatPercent } from '@/lib/format'
import { ChartFrame } from '@/components/charts/chart-frame'
import { AXIS_LABEL, AXIS_TICK, CHART, CHART_MARGIN } from '@/components/charts/chart-theme'
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table'

/** Weekly CSAT (share of 4–5 ratings) with the range's overall CSAT drawn as a line; weeks under 5 answers are gaps. */
export function CsatChart({ report, label }: { report: SatisfactionReport; label: string }) {
  const data = report.weeks.map((w) => ({ week: w.week, csat: w.csat === null ? null : Math.round(w.csat * 1000) / 10 }))
  const overall = report.overall ? Math.round(report.overall.csat * 1000) / 10 : null
  const shown = data.filter((d) => d.csat !== null)
  return (
    <ChartFrame
      label={label}
      empty={shown.length === 0 ? { title: 'Not enough ratings', reason: 'No week in this range has 5 or more ratings; a week with fewer is not shown.' } : null}
      summary={overall === null ? undefined : `CSAT ${formatPercent(report.overall!.csat, 1)} over ${report.overall!.answers} ratings · mean ${report.overall!.mean.toFixed(2)} of 5`}
      table={
        <Table caption={label} captionHidden>
          <THead>
            <Tr>
              <Th>Week from (Monday, UTC)</Th>
              <Th numeric>Ratings</Th>
              <Th numeric>CSAT</Th>
              <Th numeric>Mean rating</Th>
            </Tr>
          </THead>
          <TBody>
            {report.weeks.map((w) => (
              <Tr key={w.week}>
                <Td>{w.week}</Td>
                <Td numeric>{w.answers}</Td>
                <Td numeric>{w.csat === null ? (w.answers ? 'hidden (under 5)' : '—') : formatPercent(w.csat, 1)}</Td>
                <Td numeric>{w.mean === null ? '—' : w.mean.toFixed(2)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      }
    >
      <LineChart responsive data={data} margin={CHART_MARGIN} style={{ width: '100%', height: 240 }}>
        <CartesianGrid stroke={CHART.grid} vertical={false} />
        <XAxis dataKey="week" tick={AXIS_TICK} stroke={CHART.axis} label={{ value: 'Week (from Monday, UTC)', position: 'insideBottom', offset: -16, ...AXIS_LABEL }} />
        <YAxis domain={[0, 100]} tick={AXIS_TICK} stroke={CHART.axis} width={48} label={{ value: 'CSAT (%)', angle: -90, position: 'insideLeft', ...AXIS_LABEL }} />
        <Tooltip formatter={(v) => [`${Number(v).toFixed(1)}%`, 'CSAT']} />
        {overall !== null && <ReferenceLine y={overall} stroke={CHART.target} strokeDasharray="4 4" label={{ value: `range ${overall.toFixed(1)}%`, position: 'insideTopRight', ...AXIS_LABEL }} />}
        <Line dataKey="csat" name="CSAT" stroke={CHART.primary} strokeWidth={2} dot connectNulls={false} isAnimationActive={false} />
      </LineChart>
    </ChartFrame>
  )
}
