import type { ReactNode } from 'react'
import { cn } from '@/lib/cn'
import { EmptyState } from '@/components/ui/empty-state'
import { buttonClasses } from '@/components/ui/button'
import { Icon } from '@/components/ui/icons'
import type { SeriesStyle } from './chart-theme'

export interface ChartEmpty {
  title: string
  /** Why there is nothing to plot, in words. */
  reason: ReactNode
}

export interface ChartFrameProps {
  /** Names the chart (its figure and its data table), e.g. "Compliance of System availability, last 30 days". */
  label: string
  /** One line read before the chart: the figures that matter, e.g. "Latest 99.87% · lowest 99.61%". */
  summary?: ReactNode
  legend?: ReactNode
  /** Set when there is nothing to plot; the chart and table are replaced by the reason. */
  empty?: ChartEmpty | null
  /** The same numbers as the chart, shown on request. */
  table: ReactNode
  controls?: ReactNode
  /** Smaller summary text, for charts inside cards (the sparkline). */
  dense?: boolean
  children: ReactNode
  className?: string
}

/**
 * What every chart shares: a named figure, a one-line summary, the chart, and a "Show data table"
 * disclosure (a native <details>, so it works before hydration and with any assistive technology).
 */
export function ChartFrame({ label, summary, legend, empty, table, controls, dense = false, children, className }: ChartFrameProps) {
  if (empty) {
    return (
      <figure aria-label={label} className={cn('m-0', className)}>
        <EmptyState title={empty.title} icon="chart" className="py-6">
          {empty.reason}
        </EmptyState>
      </figure>
    )
  }
  return (
    <figure aria-label={label} className={cn('m-0 space-y-2', className)}>
      {(summary || controls) && (
        <div className="flex flex-wrap items-center justify-between gap-2">
          {summary && <figcaption className={cn('text-ink-muted tabular-nums', dense ? 'text-xs' : 'text-sm')}>{summary}</figcaption>}
          {controls}
        </div>
      )}
      {children}
      {legend}
      <details className="group print:hidden">
        <summary className={buttonClasses('ghost', 'sm', 'cursor-pointer list-none [&::-webkit-details-marker]:hidden')}>
          <Icon name="chevron" size={14} className="transition-transform group-open:rotate-90" />
          <span className="group-open:hidden">Show data table</span>
          <span className="hidden group-open:inline">Hide data table</span>
        </summary>
        <div className="mt-2 max-h-80 overflow-y-auto rounded-md border border-line">{table}</div>
      </details>
    </figure>
  )
}

export interface LegendItem extends SeriesStyle {
  label: string
  /** Reference lines are drawn thinner; the legend says so. */
  kind?: 'series' | 'threshold'
}

/** A legend in HTML (readable, wraps, and carries the dash pattern so colour is not the only cue). */
export function ChartLegend({ items }: { items: readonly LegendItem[] }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-ink-muted" aria-label="Legend">
      {items.map((item) => (
        <li key={item.label} className="inline-flex items-center gap-1.5">
          <svg width="24" height="8" aria-hidden="true" className="shrink-0">
            <line x1="0" y1="4" x2="24" y2="4" stroke={item.color} strokeWidth={item.kind === 'threshold' ? 1.5 : 2.5} strokeDasharray={item.dash} />
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  )
}
