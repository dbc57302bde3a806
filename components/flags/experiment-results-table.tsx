import type { ExperimentResults, VariantResult } from '@/lib/flags/experiment-results'
import { formatPValue } from '@/lib/flags/experiment-results'
import type { Interval } from '@/lib/stats'
import { formatNumber, formatPercent } from '@/lib/format'
import { Badge } from '@/components/ui/badge'
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table'

const pct = (x: number | null) => formatPercent(x, 1)
const interval = (i: Interval | null, signed = false) =>
  i ? `${formatPercent(i.lower, 1, { signed })} to ${formatPercent(i.upper, 1, { signed })}` : 'n/a'
/** A figure cell's text that may wrap between words when the table is squeezed (figure cells do not by default). */
const Wrapping = ({ children }: { children: React.ReactNode }) => <span className="whitespace-normal">{children}</span>

function share(v: VariantResult, total: number): string {
  return total > 0 ? formatPercent(v.exposures / total, 1) : 'n/a'
}

/**
 * Per variant: exposures (and their share against the configured weight), conversions, rate with its 95 %
 * Wilson interval, lift against control, the 95 % interval of the difference in points, and the p-value.
 */
export function ExperimentResultsTable({ results }: { results: ExperimentResults }) {
  const total = results.variants.reduce((s, v) => s + v.exposures, 0)
  const weightTotal = results.variants.reduce((s, v) => s + (v.weight ?? 0), 0)
  return (
    <Table caption="Results per variant">
      <THead>
        <Tr>
          <Th>Variant</Th>
          <Th numeric>Exposures</Th>
          <Th numeric>Share (expected)</Th>
          <Th numeric>Conversions</Th>
          <Th numeric>Rate</Th>
          <Th numeric>Rate, 95% CI</Th>
          <Th numeric>Lift vs control</Th>
          <Th numeric>Difference, 95% CI</Th>
          <Th numeric>p-value</Th>
        </Tr>
      </THead>
      <TBody>
        {results.variants.map((v) => {
          const significant = v.pValue !== null && v.pValue < results.alpha
          return (
            <Tr key={v.variant}>
              <Th scope="row" className="text-sm font-medium text-ink">
                <span className="font-mono text-[13px]">{v.variant}</span>{' '}
                {v.isControl && (
                  <Badge tone="info" className="ml-1">
                    Control
                  </Badge>
                )}
              </Th>
              <Td numeric>{formatNumber(v.exposures)}</Td>
              <Td numeric>
                <Wrapping>
                  {share(v, total)}
                  {v.weight !== null && weightTotal > 0 && <span className="text-ink-muted"> ({formatPercent(v.weight / weightTotal, 1)})</span>}
                </Wrapping>
              </Td>
              <Td numeric>{formatNumber(v.conversions)}</Td>
              <Td numeric>{pct(v.rate)}</Td>
              <Td numeric className="text-ink-muted">
                <Wrapping>{interval(v.rateInterval)}</Wrapping>
              </Td>
              <Td numeric>{v.isControl ? '—' : formatPercent(v.lift, 1, { signed: true })}</Td>
              <Td numeric className="text-ink-muted">
                {v.isControl ? '—' : <Wrapping>{interval(v.differenceInterval, true)}</Wrapping>}
              </Td>
              <Td numeric>
                {v.isControl ? (
                  '—'
                ) : (
                  <Wrapping>
                    {formatPValue(v.pValue).replace(/^p = /, '')}
                    {significant && <span className="ml-1 text-xs font-medium text-ok-fg">significant</span>}
                  </Wrapping>
                )}
              </Td>
            </Tr>
          )
        })}
      </TBody>
    </Table>
  )
}
