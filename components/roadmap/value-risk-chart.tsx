'use client'

import { CartesianGrid, LabelList, ReferenceArea, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts'
import type { PlacedItem } from '@/lib/roadmap/value-risk'
import { QUADRANT_WORDS } from '@/lib/roadmap/scoring'
import { ChartFrame } from '@/components/charts/chart-frame'
import { AXIS_LABEL, AXIS_TICK, CHART, CHART_MARGIN } from '@/components/charts/chart-theme'
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table'

const QUADRANTS = [
  { q: 'quick_win', x1: 0, x2: 5, y1: 5, y2: 10, position: 'insideTopLeft' },
  { q: 'strategic_bet', x1: 5, x2: 10, y1: 5, y2: 10, position: 'insideTopRight' },
  { q: 'fill_in', x1: 0, x2: 5, y1: 0, y2: 5, position: 'insideBottomLeft' },
  { q: 'avoid', x1: 5, x2: 10, y1: 0, y2: 5, position: 'insideBottomRight' },
] as const

/** Items by risk (x) and value (y), 0–10 each, with the quadrants drawn at the midpoint 5. */
export function ValueRiskChart({ items, unplaced }: { items: readonly PlacedItem[]; unplaced: number }) {
  const label = 'Value against risk of the roadmap’s items'
  // Not `ref`: Recharts spreads each point's fields onto its SVG elements, and a string `ref` breaks React.
  const points = items.map((i) => ({ ...i, code: `RM-${i.number}` }))
  // Items on the same spot are drawn once, labelled with the first and how many more (the tooltip lists all).
  const groups = new Map<string, typeof points>()
  for (const p of points) groups.set(`${p.value}:${p.risk}`, [...(groups.get(`${p.value}:${p.risk}`) ?? []), p])
  const spots = [...groups.values()].map((group) => ({
    value: group[0]!.value,
    risk: group[0]!.risk,
    quadrant: group[0]!.quadrant,
    label: group.length === 1 ? group[0]!.code : `${group[0]!.code} +${group.length - 1}`,
    items: group.map((g) => `${g.code} · ${g.title}`),
  }))
  return (
    <ChartFrame
      label={label}
      empty={items.length === 0 ? { title: 'No item has both a value and a risk yet', reason: 'An item appears here once it has both inputs: set them on its page, or let the evidence seed its value.' } : null}
      summary={`${items.length} item${items.length === 1 ? '' : 's'} placed${unplaced > 0 ? `; ${unplaced} without a value or a risk yet` : ''}`}
      table={
        <Table caption={label} captionHidden>
          <THead>
            <Tr>
              <Th>Item</Th>
              <Th numeric>Value (0–10)</Th>
              <Th numeric>Risk (0–10)</Th>
              <Th>Quadrant</Th>
            </Tr>
          </THead>
          <TBody>
            {points.map((p) => (
              <Tr key={p.id}>
                <Td>
                  {p.code} · {p.title}
                </Td>
                <Td numeric>{p.value}</Td>
                <Td numeric>{p.risk}</Td>
                <Td>{QUADRANT_WORDS[p.quadrant]}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      }
    >
      <ScatterChart responsive margin={{ ...CHART_MARGIN, right: 24, left: 16, bottom: 32 }} style={{ width: '100%', height: 380 }}>
        <CartesianGrid stroke={CHART.grid} />
        {QUADRANTS.map((a) => (
          <ReferenceArea key={a.q} x1={a.x1} x2={a.x2} y1={a.y1} y2={a.y2} fill={a.q === 'quick_win' ? CHART.primaryFill : 'transparent'} fillOpacity={0.25} label={{ value: QUADRANT_WORDS[a.q], position: a.position, ...AXIS_LABEL, fontWeight: 600 }} />
        ))}
        <ReferenceLine x={5} stroke={CHART.target} strokeDasharray="4 3" />
        <ReferenceLine y={5} stroke={CHART.target} strokeDasharray="4 3" />
        <XAxis type="number" dataKey="risk" domain={[0, 10]} ticks={[0, 2, 4, 5, 6, 8, 10]} tick={AXIS_TICK} stroke={CHART.axis} label={{ value: 'Risk (0–10)', position: 'insideBottom', offset: -20, ...AXIS_LABEL }} />
        <YAxis type="number" dataKey="value" domain={[0, 10]} ticks={[0, 2, 4, 5, 6, 8, 10]} tick={AXIS_TICK} stroke={CHART.axis} width={48} label={{ value: 'Value (0–10)', angle: -90, position: 'insideLeft', offset: 0, ...AXIS_LABEL }} />
        <Tooltip
          cursor={{ strokeDasharray: '3 3' }}
          content={({ payload }) => {
            const p = payload?.[0]?.payload as (typeof spots)[number] | undefined
            if (!p) return null
            return (
              <div className="rounded-md border border-line bg-surface px-3 py-2 text-sm text-ink shadow-sm">
                {p.items.map((t) => (
                  <p key={t} className="font-medium">
                    {t}
                  </p>
                ))}
                <p className="tabular-nums text-ink-muted">
                  value {p.value}, risk {p.risk}: {QUADRANT_WORDS[p.quadrant]}
                </p>
              </div>
            )
          }}
        />
        <Scatter name="Items" data={spots} fill={CHART.primary} isAnimationActive={false}>
          <LabelList dataKey="label" position="top" style={AXIS_TICK} />
        </Scatter>
      </ScatterChart>
    </ChartFrame>
  )
}
