'use client'

import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import type { SatisfactionReport } from '@/lib/feedback/csat'
import { formatPercent } from '@/lib/format'
import { ChartFrame, ChartLegend } from '@/components/charts/chart-frame'
import { AXIS_LABEL, AXIS_TICK, CATEGORY_SERIES, CHART, CHART_MARGIN } from '@/components/charts/chart-theme'
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table'

/** How many groups get a line of their own (the largest); the table below the chart has them all. */
const LINES = 3
const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10)

/**
 * Weekly CSAT (share of 4–5 ratings): all ratings, and the largest groups (department or version) each as a
 * line told apart by dash pattern; the range's CSAT is drawn as a reference line. Weeks under 5 ratings are
 * gaps, and say so in the table.
 */
export function CsatChart({ report, label, groupLabel }: { report: SatisfactionReport; label: string; groupLabel: string }) {
  const groups = report.groups.slice(0, LINES)
  const data = report.weeks.map((w, i) => ({ week: w.week, all: pct(w.csat), ...Object.fromEntries(groups.map((g, j) => [`g${j}`, pct(g.weeks[i]?.csat ?? null)])) }))
  const overall = report.overall ? pct(report.overall.csat) : null
  const styles = [{ color: CHART.primary }, ...CATEGORY_SERIES.slice(1)]
  const series = [{ key: 'all', label: 'All ratings' }, ...groups.map((g, j) => ({ key: `g${j}`, label: g.group }))]
  const shown = report.weeks.some((w) => w.csat !== null)
  const cell = (csat: number | null, answers: number) => (csat === null ? (answers ? 'hidden (under 5)' : '—') : formatPercent(csat, 1))
  return (
    <ChartFrame
      label={label}
      empty={shown ? null : { title: 'Not enough ratings', reason: 'No week in this range has 5 or more ratings; a week with fewer is not shown.' }}
      summary={report.overall ? `CSAT ${formatPercent(report.overall.csat, 1)} over ${report.overall.answers} ratings · mean ${report.overall.mean.toFixed(2)} of 5` : undefined}
      legend={<ChartLegend items={[...series.map((s, i) => ({ label: s.label, ...styles[i]! })), ...(overall === null ? [] : [{ label: `CSAT over the range (${overall.toFixed(1)}%)`, color: CHART.target, dash: '4 4', kind: 'threshold' as const }])]} />}
      table={
        <Table caption={label} captionHidden>
          <THead>
            <Tr>
              <Th>Week from (Monday, UTC)</Th>
              <Th numeric>Ratings</Th>
              <Th numeric>CSAT, all</Th>
              {groups.map((g) => (
                <Th key={g.group} numeric>
                  {groupLabel} {g.group}
                </Th>
              ))}
            </Tr>
          </THead>
          <TBody>
            {report.weeks.map((w, i) => (
              <Tr key={w.week}>
                <Td>{w.week}</Td>
                <Td numeric>{w.answers}</Td>
                <Td numeric>{cell(w.csat, w.answers)}</Td>
                {groups.map((g) => (
                  <Td key={g.group} numeric>
                    {cell(g.weeks[i]?.csat ?? null, g.weeks[i]?.answers ?? 0)}
                  </Td>
                ))}
              </Tr>
            ))}
          </TBody>
        </Table>
      }
    >
      <LineChart responsive data={data} margin={CHART_MARGIN} style={{ width: '100%', height: 260 }}>
        <CartesianGrid stroke={CHART.grid} vertical={false} />
        <XAxis dataKey="week" tick={AXIS_TICK} stroke={CHART.axis} label={{ value: 'Week (from Monday, UTC)', position: 'insideBottom', offset: -16, ...AXIS_LABEL }} />
        <YAxis domain={[0, 100]} tick={AXIS_TICK} stroke={CHART.axis} width={48} label={{ value: 'CSAT (%)', angle: -90, position: 'insideLeft', ...AXIS_LABEL }} />
        <Tooltip formatter={(v, name) => [`${Number(v).toFixed(1)}%`, String(name)]} />
        {overall !== null && <ReferenceLine y={overall} stroke={CHART.target} strokeDasharray="4 4" />}
        {series.map((s, i) => (
          <Line key={s.key} dataKey={s.key} name={s.label} stroke={styles[i]!.color} strokeDasharray={styles[i]!.dash} strokeWidth={i === 0 ? 2.5 : 2} dot connectNulls={false} isAnimationActive={false} />
        ))}
      </LineChart>
    </ChartFrame>
  )
}
