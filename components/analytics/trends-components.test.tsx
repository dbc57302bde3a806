/**
 * Server-renders the trends and retention tables with plain data and checks what a reader relies on: hidden
 * figures in words, the week in progress marked in words for screen readers, the share always written.
 */
import { describe, expect, it } from 'vitest'
import { renderToStaticMarkup } from 'react-dom/server'
import { shapeAdoption, shapeTrend } from '@/lib/analytics/trends'
import { shapeRetention } from '@/lib/analytics/retention-cohorts'
import { AdoptionTable } from './trends-adoption'
import { RetentionTable } from './retention-table'
import { summariseSeries, TrendsSeriesTable } from './trends-series-table'

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ')

const trend = shapeTrend(
  [
    { day: '2031-01-01', event: 'opened', value: '', events: 40, users: 20 },
    { day: '2031-01-02', event: 'opened', value: '', events: 9, users: 4 },
    { day: '2031-01-03', event: 'opened', value: '', events: 70, users: 30 },
  ],
  { days: ['2031-01-01', '2031-01-02', '2031-01-03'], events: ['opened', 'closed'], breakdown: '', measure: 'events', k: 11 },
)

describe('the series table', () => {
  it('sums up each series from the days shown only', () => {
    expect(summariseSeries(trend).map((s) => [s.series.label, s.today, s.mean, s.peak])).toEqual([
      ['opened', 70, 55, { day: '2031-01-03', value: 70 }],
      // Nothing happened: no busiest day.
      ['closed', 0, 0, null],
    ])
    const html = text(renderToStaticMarkup(<TrendsSeriesTable trend={trend} k={11} caption="Series" />))
    expect(html).toContain('opened 70 55.0 70 on 3 Jan 2031 1')
    expect(html).toContain('Days hidden (fewer than 11 people)')
  })
})

describe('the adoption table', () => {
  it('says "fewer than 11" where a figure is hidden, and writes every share', () => {
    const rows = shapeAdoption([{ department: 'ED', active: 40, adopters: 30 }, { department: 'ICU', active: 25, adopters: 5 }], 11)
    const html = text(renderToStaticMarkup(<AdoptionTable departments={rows} feature="ai_suggestion_reviewed" k={11} caption="Adoption" />))
    expect(html).toContain('ED 40 30 75.0%')
    expect(html).toContain('ICU 25 fewer than 11 hidden (fewer than 11 people)')
  })
})

describe('the retention table', () => {
  const table = shapeRetention(
    [
      { cohort: '2026-11-30', week: null, users: 20 },
      { cohort: '2026-11-30', week: 0, users: 20 },
      { cohort: '2026-11-30', week: 1, users: 15 },
      { cohort: '2026-12-07', week: null, users: 4 },
    ],
    ['2026-11-30', '2026-12-07'],
    11,
  )
  const html = renderToStaticMarkup(<RetentionTable table={table} k={11} caption="Weekly retention" />)

  it('writes the share and the count in every cell shown, the week in progress said in words', () => {
    expect(text(html)).toContain('30 Nov 2026 2026-W49 20 100% 20 75% 15 * (week in progress)')
    expect(text(html)).toContain('7 Dec 2026 2026-W50 fewer than 11 fewer than 11')
  })

  it('shows an empty cohort as nobody, without a share', () => {
    const empty = shapeRetention([], ['2026-12-07'], 11)
    expect(text(renderToStaticMarkup(<RetentionTable table={empty} k={11} caption="Weekly retention" />))).toContain('7 Dec 2026 2026-W50 0 — nobody in this cohort')
  })

  it('shades cells on the accent scale, white text only on the darkest step', () => {
    expect(html).toContain('bg-accent text-white')
    expect(html).toContain('color-mix(in_srgb,var(--color-accent)_66%,white)')
  })
})
