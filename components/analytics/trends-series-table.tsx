import { formatNumber } from '@/lib/format'
import type { Trend, TrendSeries } from '@/lib/analytics/trends'
import { DataTable } from '@/components/ui/data-table'
import { formatDay } from '@/components/charts/chart-data'
import { fewerThan, shownCount } from './trends-words'

interface SeriesSummary {
  series: TrendSeries
  today: number | null
  mean: number | null
  peak: { day: string; value: number } | null
}

/** What the table says of a series, from the figures shown only (hidden days count nowhere). Pure. */
export function summariseSeries(trend: Trend): SeriesSummary[] {
  return trend.series.map((series) => {
    const shown = series.points.map((v, i) => ({ v, day: trend.days[i]! })).filter((p): p is { v: number; day: string } => p.v !== null)
    const peak = shown.reduce<{ day: string; value: number } | null>((best, p) => (p.v > (best?.value ?? 0) ? { day: p.day, value: p.v } : best), null)
    return {
      series,
      today: series.points.at(-1) ?? null,
      mean: shown.length ? shown.reduce((s, p) => s + p.v, 0) / shown.length : null,
      peak,
    }
  })
}

/** Every series of the trend (the chart draws the first eight), with its day figures summed up. */
export function TrendsSeriesTable({ trend, k, caption }: { trend: Trend; k: number; caption: string }) {
  const unit = trend.measure === 'events' ? 'events' : 'people'
  return (
    <DataTable
      caption={caption}
      captionHidden
      rows={summariseSeries(trend)}
      rowKey={(r) => r.series.key}
      columns={[
        { header: 'Series', cell: (r) => r.series.label },
        { header: `Today so far (${unit})`, numeric: true, cell: (r) => (r.series.points.length ? shownCount(r.today, k) : '—') },
        { header: `Daily mean (${unit})`, numeric: true, cell: (r) => (r.mean === null ? '—' : formatNumber(r.mean, { digits: 1 })) },
        { header: 'Busiest day', numeric: true, cell: (r) => (r.peak ? `${formatNumber(r.peak.value)} on ${formatDay(r.peak.day)}` : '—') },
        {
          header: `Days hidden (${fewerThan(k)} people)`,
          numeric: true,
          cell: (r) => formatNumber(r.series.suppressedDays),
        },
      ]}
    />
  )
}
