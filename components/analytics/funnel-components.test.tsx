/**
 * The funnel page's results, server-rendered from a report as the engine answers it: the words for
 * suppressed figures, the chart's summary and its table, the detailed steps table with its group headings,
 * the time-to-convert histogram's marks, and the drop-off list's buttons and reasons.
 */
import { describe, expect, it } from 'vitest'
import { renderToStaticMarkup } from 'react-dom/server'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import type { FunnelReport } from '@/lib/analytics/funnel-query'
import { FIXTURE_REPORT, series } from '@/test/funnel-fixtures'
import { bucketIndexOf, bucketLabel, funnelChartData, groupName, hiddenGroupsSentence, peopleText, rateText } from './funnel-display'
import { FunnelChart } from './funnel-chart'
import { FunnelStepsTable } from './funnel-steps-table'
import { TimeToConvertChart } from './time-to-convert-chart'
import { FunnelDropOffs } from './funnel-dropoffs'
import { funnelExportUrl, dropOffsUrl } from './funnel-query-keys'

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/\s+/g, ' ').trim()
const bodyRows = (html: string) =>
  html
    .split('<tbody')
    .slice(1)
    .join('')
    .split('<tr')
    .slice(1)
    .map((r) => text(`<tr${r}`))

describe('funnel words', () => {
  it('says a suppressed count as <11 and a rate on it as <11, a rate with nothing to divide as n/a', () => {
    expect(peopleText(null, 11)).toBe('<11')
    expect(peopleText(1234, 11)).toBe('1,234')
    expect(rateText(null, true, 11)).toBe('<11')
    expect(rateText(null, false, 11)).toBe('n/a')
    expect(rateText(0.75, false, 11)).toBe('75.0%')
  })

  it('counts hidden groups in a sentence, singular and plural', () => {
    expect(hiddenGroupsSentence(0, 11)).toBe('')
    expect(hiddenGroupsSentence(1, 11)).toBe('1 group with fewer than 11 people is not shown.')
    expect(hiddenGroupsSentence(3, 11)).toBe('3 groups with fewer than 11 people are not shown.')
  })

  it('names the engine’s special groups in words', () => {
    expect(groupName('(none)', { kind: 'department' })).toBe('No department')
    expect(groupName('(none)', { kind: 'flag', experiment: 'x' })).toBe('No variant')
    expect(groupName('(not exposed)', { kind: 'flag', experiment: 'x' })).toBe('Not exposed')
    expect(groupName('Cardiology', { kind: 'department' })).toBe('Cardiology')
  })

  it.each([
    [{ fromMs: 0, toMs: 60_000 }, '<1 min'],
    [{ fromMs: 60_000, toMs: 300_000 }, '1–5 min'],
    [{ fromMs: 900_000, toMs: 3_600_000 }, '15 min–1 h'],
    [{ fromMs: 3_600_000, toMs: 7_200_000 }, '1–2 h'],
  ])('labels the bucket %j as %s', (b, label) => {
    expect(bucketLabel(b)).toBe(label)
  })

  it('finds the bucket a time falls in, the last one for the longest', () => {
    const b = FIXTURE_REPORT.timeToConvert.buckets
    expect(bucketIndexOf(280_000, b)).toBe(1)
    expect(bucketIndexOf(300_000, b)).toBe(2)
    expect(bucketIndexOf(3_600_000, b)).toBe(3)
    expect(bucketIndexOf(null, b)).toBeNull()
  })
})

describe('funnelChartData', () => {
  it('has a series per shown group with users and conversion per step, suppressed as null', () => {
    const { rows, series: s } = funnelChartData(FIXTURE_REPORT)
    expect(s.map((x) => [x.dataKey, x.name])).toEqual([
      ['g0', 'Emergency'],
      ['g1', 'Paediatrics'],
    ])
    expect(rows[2]).toMatchObject({ step: '3. diagnosis_completed', g0: 22, g1: null, g1_pct: null })
    expect(rows[0]).toMatchObject({ step: '1. Assistant opened', g0: 36, g0_pct: 1 })
  })

  it('has one series, everyone, without a breakdown', () => {
    const report: FunnelReport = { ...FIXTURE_REPORT, groups: [], hiddenGroups: 0, query: { ...FIXTURE_REPORT.query, breakdown: { kind: 'none' } } }
    expect(funnelChartData(report).series.map((x) => x.name)).toEqual(['Everyone'])
  })
})

describe('FunnelChart', () => {
  it('summarises the funnel and gives the same numbers per group as a table', () => {
    const html = renderToStaticMarkup(<FunnelChart report={FIXTURE_REPORT} label="Diagnosis funnel by department" />)
    expect(html).toContain('aria-label="Diagnosis funnel by department"')
    expect(text(html)).toContain('60 started · 30 completed · 50.0% overall conversion')
    expect(text(html)).toContain('Emergency')
    const rows = bodyRows(html)
    expect(rows).toEqual(['1. Assistant opened 36 (100.0%) 18 (100.0%)', '2. AI differential shown 30 (83.3%) 12 (66.7%)', '3. diagnosis_completed 22 (61.1%) <11'])
  })

  it('says why it is empty when nobody started', () => {
    const html = renderToStaticMarkup(<FunnelChart report={{ ...FIXTURE_REPORT, overall: series('all', [0, 0, 0]), groups: [] }} label="x" />)
    expect(text(html)).toContain('Nobody started this funnel in the range')
    expect(html).not.toContain('<table')
  })
})

describe('FunnelStepsTable', () => {
  it('lists everyone, then each group under its heading, with <11 for suppressed figures', () => {
    const html = renderToStaticMarkup(<FunnelStepsTable report={FIXTURE_REPORT} caption="Steps" />)
    expect(html).toContain('scope="rowgroup"')
    const rows = bodyRows(html)
    expect(rows[0]).toBe('Everyone 60 started · 30 completed')
    expect(rows[1]).toBe('1. Assistant opened diagnosis_started 60 100.0% — — —')
    expect(rows[2]).toBe('2. AI differential shown ai_suggestion_viewed 45 75.0% 75.0% 15 2 min')
    expect(rows[8]).toBe('Paediatrics 18 started · <11 completed')
    // 18 → 12: six lost, too few to show; 12 → fewer than 11.
    expect(rows[10]).toBe('2. AI differential shown ai_suggestion_viewed 12 66.7% 66.7% <11 2 min')
    expect(rows[11]).toBe('3. diagnosis_completed <11 <11 <11 <11 <11')
  })

  it('has no group headings without a breakdown', () => {
    const html = renderToStaticMarkup(<FunnelStepsTable report={{ ...FIXTURE_REPORT, groups: [] }} caption="Steps" />)
    expect(html).not.toContain('rowgroup')
    expect(bodyRows(html)).toHaveLength(3)
  })
})

describe('TimeToConvertChart', () => {
  it('marks the median and the 90th percentile on their buckets, a suppressed bucket as <11', () => {
    const html = renderToStaticMarkup(<TimeToConvertChart report={FIXTURE_REPORT} label="Time to convert" />)
    expect(text(html)).toContain('Median 4 min 40 s · 90th percentile 14 min · from the first step to the last')
    expect(bodyRows(html)).toEqual(['<1 min <11', '1–5 min 14 median', '5–15 min 12 90th percentile', '15 min–1 h 0'])
  })

  it('says why there is nothing when fewer than 11 completed', () => {
    const report: FunnelReport = {
      ...FIXTURE_REPORT,
      overall: series('all', [40, 20, null]),
      timeToConvert: { buckets: FIXTURE_REPORT.timeToConvert.buckets.map((b) => ({ ...b, users: b.users === 0 ? 0 : null })), medianMs: null, p90Ms: null },
    }
    expect(text(renderToStaticMarkup(<TimeToConvertChart report={report} label="x" />))).toContain('Fewer than 11 people completed the funnel')
  })
})

describe('FunnelDropOffs', () => {
  const render = (report: FunnelReport) =>
    renderToStaticMarkup(
      <QueryClientProvider client={new QueryClient()}>
        <FunnelDropOffs overall={report.overall} search="w=diagnosis_workflow" k={11} />
      </QueryClientProvider>,
    )

  it('has a "Show the sessions" button per step after the first, with how many were lost', () => {
    const html = render(FIXTURE_REPORT)
    expect(html.match(/>Show the sessions</g)).toHaveLength(2)
    expect(html).toContain('aria-label="Show the sessions of the people lost at step 2, AI differential shown"')
    expect(text(html)).toContain('15 people lost after step 1 (25.0% of those who reached it)')
  })

  it('says why a count of lost people is not shown', () => {
    const html = render({ ...FIXTURE_REPORT, overall: series('all', [20, 12, null]) })
    expect(text(html)).toContain('Not shown: fewer than 11 people lost, or fewer than 11 on one side of the step')
  })
})

describe('funnel URLs', () => {
  it('asks for a step’s drop-offs and the CSV with the funnel’s own query', () => {
    expect(dropOffsUrl('w=diagnosis_workflow&from=a', 2)).toBe('/api/analytics/funnel/dropoffs?w=diagnosis_workflow&from=a&step=2&limit=50')
    expect(funnelExportUrl('w=x', 'steps')).toBe('/api/analytics/funnel/export?w=x&table=steps')
  })
})
