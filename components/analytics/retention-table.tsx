import { cn } from '@/lib/cn'
import { formatNumber, formatPercent } from '@/lib/format'
import type { RetentionCell, RetentionTable as Table } from '@/lib/analytics/retention-cohorts'
import { formatDay } from '@/components/charts/chart-data'
import { Table as TableBox, TBody, Td, Th, THead, Tr } from '@/components/ui/table'
import { HEAT_LEGEND, HEAT_STEPS, heatClass } from './retention-heat'
import { fewerThan, shownCount } from './trends-words'

const CELL = 'w-[4.25rem] min-w-[4.25rem] px-1.5 py-1.5 text-right align-top tabular-nums xl:px-2'

function Cell({ cell, k }: { cell: RetentionCell; k: number }) {
  const progress = cell.state === 'in progress'
  if (cell.state === 'suppressed') {
    return <Td className={cn(CELL, 'text-xs text-ink-muted')}>{fewerThan(k)}</Td>
  }
  // No rate only when the cohort is empty: nobody to follow, so no figure either.
  if (cell.rate === null) {
    return (
      <Td className={cn(CELL, 'text-ink-muted')}>
        <span aria-hidden="true">—</span>
        <span className="sr-only">nobody in this cohort</span>
      </Td>
    )
  }
  return (
    <Td className={cn(CELL, heatClass(cell.rate), progress && 'italic')}>
      <span className="block font-medium">{formatPercent(cell.rate, 0)}</span>
      <span className="block text-xs">
        {shownCount(cell.users, k)}
        {progress && (
          <>
            <span aria-hidden="true"> *</span>
            <span className="sr-only"> (week in progress)</span>
          </>
        )}
      </span>
    </Td>
  )
}

/**
 * Weekly retention as PostHog lays it out: a row per cohort (the week people first came), its size, then
 * per week after the share of it that came back, shaded on one scale with the share and the count always
 * written in the cell. The mean row is weighted by cohort size over the complete cells shown.
 */
export function RetentionTable({ table, k, caption }: { table: Table; k: number; caption: string }) {
  const columns = table.weeks.map((_, week) => week)
  return (
    <div className="space-y-3">
      <TableBox caption={caption} captionHidden className="border-separate border-spacing-0.5">
        <THead>
          <Tr>
            <Th>Cohort (week first seen)</Th>
            <Th numeric>People</Th>
            {columns.map((w) => (
              <Th key={w} numeric className="px-1.5">
                Week {w}
              </Th>
            ))}
          </Tr>
        </THead>
        <TBody className="divide-y-0">
          <Tr>
            <Th scope="row" className="text-ink">
              Mean of cohorts
            </Th>
            <Td numeric className="text-ink-muted">—</Td>
            {table.mean.map((rate, w) => (
              <Td key={w} className={cn(CELL, rate === null ? 'text-ink-muted' : heatClass(rate))}>
                <span className="block font-medium">{rate === null ? '—' : formatPercent(rate, 0)}</span>
              </Td>
            ))}
          </Tr>
          {table.cohorts.map((c) => (
            <Tr key={c.cohort}>
              <Th scope="row" className="align-top font-medium whitespace-nowrap text-ink">
                <span className="block">{formatDay(c.cohort)}</span>
                <span className="block font-normal text-ink-muted">{c.isoWeek}</span>
              </Th>
              <Td className={cn('w-16 text-right align-top', c.size === null && 'text-xs text-ink-muted')}>
                {c.size === null ? fewerThan(k) : formatNumber(c.size)}
              </Td>
              {columns.map((w) => {
                const cell = c.cells[w]
                return cell ? <Cell key={w} cell={cell} k={k} /> : <Td key={w} className={CELL} aria-label="not reached yet" />
              })}
            </Tr>
          ))}
        </TBody>
      </TableBox>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-ink-muted">
        <span className="inline-flex items-center gap-1" aria-label="Colour scale of the share retained">
          {HEAT_LEGEND.map((band, i) => (
            <span key={band} className={cn('rounded px-1.5 py-0.5', HEAT_STEPS[i])}>
              {band}
            </span>
          ))}
        </span>
        <span>* this week so far: it can still grow.</span>
        <span>{`“${fewerThan(k)}”: hidden so that no one can be picked out (k-anonymity).`}</span>
      </div>
    </div>
  )
}
