'use client'

import { CartesianGrid, LabelList, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts'
import type { PositioningPoint } from '@/lib/competitors/positioning'
import { formatNumber } from '@/lib/format'
import { ChartFrame } from '@/components/charts/chart-frame'
import { AXIS_LABEL, AXIS_TICK, CHART, CHART_MARGIN } from '@/components/charts/chart-theme'
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table'

/** Coverage (x) against price per bed (y): who offers more for less. Our product is a diamond, the others circles. */
export function PositioningChart({ points }: { points: readonly PositioningPoint[] }) {
  const plotted = points.filter((p) => p.pricePerBed !== null)
  const label = 'Positioning: weighted capability coverage against price per bed and year'
  const currency = plotted[0]?.currency ?? 'USD'
  return (
    <ChartFrame
      label={label}
      empty={plotted.length === 0 ? { title: 'No per-bed prices recorded', reason: 'The scatter needs a price per staffed bed for at least one product.' } : null}
      summary={`${plotted.length} of ${points.length} products have a per-bed price${points.length > plotted.length ? `; without one: ${points.filter((p) => p.pricePerBed === null).map((p) => p.name).join(', ')}` : ''}`}
      table={
        <Table caption={label} captionHidden>
          <THead>
            <Tr>
              <Th>Product</Th>
              <Th numeric>Coverage (%)</Th>
              <Th numeric>Price per bed and year</Th>
            </Tr>
          </THead>
          <TBody>
            {points.map((p) => (
              <Tr key={p.key}>
                <Td>{p.isUs ? `${p.name} (us)` : p.name}</Td>
                <Td numeric>{formatNumber(p.coverage, { digits: 1 })}</Td>
                <Td numeric>{p.pricePerBed === null ? 'no per-bed price' : `${p.currency} ${formatNumber(p.pricePerBed)}`}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      }
    >
      <ScatterChart responsive margin={{ ...CHART_MARGIN, right: 48, left: 24, bottom: 32 }} style={{ width: '100%', height: 320 }}>
        <CartesianGrid stroke={CHART.grid} />
        <XAxis
          type="number"
          dataKey="coverage"
          domain={[0, 100]}
          tick={AXIS_TICK}
          stroke={CHART.axis}
          unit=" %"
          label={{ value: 'Weighted capability coverage (%)', position: 'insideBottom', offset: -20, ...AXIS_LABEL }}
        />
        <YAxis
          type="number"
          dataKey="pricePerBed"
          tick={AXIS_TICK}
          stroke={CHART.axis}
          width={72}
          tickFormatter={(v: number) => formatNumber(v, { compact: true })}
          label={{ value: `Price per bed and year (${currency})`, angle: -90, position: 'insideLeft', offset: -12, ...AXIS_LABEL }}
        />
        <Tooltip formatter={(v, name) => [name === 'coverage' ? `${formatNumber(Number(v), { digits: 1 })} %` : `${currency} ${formatNumber(Number(v))}`, name === 'coverage' ? 'Coverage' : 'Price per bed']} />
        <Scatter name="Competitors" data={plotted.filter((p) => !p.isUs)} fill={CHART.axis} isAnimationActive={false}>
          <LabelList dataKey="name" position="top" style={AXIS_TICK} />
        </Scatter>
        <Scatter name="Us" data={plotted.filter((p) => p.isUs)} fill={CHART.primary} shape="diamond" isAnimationActive={false}>
          <LabelList dataKey="name" position="bottom" style={{ ...AXIS_TICK, fontWeight: 600 }} />
        </Scatter>
      </ScatterChart>
    </ChartFrame>
  )
}
