import type { ReactNode } from 'react'
import { DataTable } from '@/components/ui/data-table'
import { formatTableTime, tableTimeStyle, toEpoch } from './chart-data'

/** One value column of a time series' table, right-aligned. */
export interface ValueColumn<P> {
  header: ReactNode
  value: (point: P) => ReactNode
}

export interface TimeSeriesTableProps<P extends { t: string }> {
  /** Names the table for screen readers (the chart's own label). */
  caption: string
  timeZone: string
  points: readonly P[]
  columns: readonly ValueColumn<P>[]
}

/**
 * The numbers behind a time-series chart: the time in `timeZone` (the date alone when every point is a
 * local midnight), then one figure column per value.
 */
export function TimeSeriesTable<P extends { t: string }>({ caption, timeZone, points, columns }: TimeSeriesTableProps<P>) {
  const style = tableTimeStyle(points.map((p) => toEpoch(p.t)), timeZone)
  return (
    <DataTable<P>
      caption={caption}
      captionHidden
      rows={points}
      rowKey={(p) => p.t}
      columns={[
        { header: `Time (${timeZone})`, cell: (p) => formatTableTime(toEpoch(p.t), timeZone, style) },
        ...columns.map((c) => ({ header: c.header, numeric: true, cell: c.value })),
      ]}
    />
  )
}
