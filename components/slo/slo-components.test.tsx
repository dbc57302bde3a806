/**
 * Server-renders the SLO components with plain data and checks what an executive and a screen-reader user
 * rely on: names, words beside colours, the same formatting as GET /api/slo, links to incidents.
 */
import { describe, expect, it } from 'vitest'
import { renderToStaticMarkup } from 'react-dom/server'
import type { SloSummary, SloViolationView, ViolationWorkings } from '@/lib/slo/types'
import { composeReport } from '@/lib/slo/report-data'
import { overviewHeadline } from '@/lib/slo/display'
import { SloCard } from './slo-card'
import { OverviewHeadline } from './overview-headline'
import { RuleWorkingsTable } from './rule-workings-table'
import { ViolationList } from './violation-list'
import { ReportView } from './report-view'
import { ReportList } from './report-list'

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')

const rates = { '5m': 16, '30m': 5, '1h': 15.2, '2h': 4, '6h': 3, '1d': 1.5, '3d': 0.9 }
const workings: ViolationWorkings = {
  target: 0.999,
  windowHours: 720,
  evaluatedAt: '2026-03-02T10:00:00.000Z',
  burnRates: rates,
  events: { '5m': 1000, '30m': 6000, '1h': 12400, '2h': 24000, '6h': 70000, '1d': 280000, '3d': 800000 },
  rules: [
    { rule: 'page_1h', severity: 'page', longWindow: '1h', shortWindow: '5m', threshold: 14.4, longBurnRate: 15.2, shortBurnRate: 16, longEvents: 12400, shortEvents: 1000, minEvents: 100, fired: true },
    { rule: 'page_6h', severity: 'page', longWindow: '6h', shortWindow: '30m', threshold: 6, longBurnRate: 3, shortBurnRate: 5, longEvents: 70000, shortEvents: 6000, minEvents: 100, fired: false },
    { rule: 'ticket_1d', severity: 'ticket', longWindow: '1d', shortWindow: '2h', threshold: 3, longBurnRate: 1.5, shortBurnRate: 4, longEvents: 280000, shortEvents: 24000, minEvents: 100, fired: false },
    { rule: 'ticket_3d', severity: 'ticket', longWindow: '3d', shortWindow: '6h', threshold: 1, longBurnRate: 0.9, shortBurnRate: 3, longEvents: 800000, shortEvents: 70000, minEvents: 100, fired: false },
  ],
}

const summary: SloSummary = {
  key: 'system_availability',
  name: 'System availability',
  description: '',
  sli: 'system_availability',
  sliType: 'ratio',
  service: 'ai-engine',
  workflow: 'emergency_triage',
  target: 0.999,
  window: '30d',
  windowStart: '2026-02-01T00:00:00.000Z',
  windowEnd: '2026-03-03T00:00:00.000Z',
  budgeting: 'occurrences',
  compliance: 0.99927,
  good: 99927,
  total: 100000,
  budgetRemaining: 0.2731,
  budgetRemainingMinutes: 11.8,
  burnRates: rates,
  status: 'at_risk',
  alerts: [{ id: 'v1', rule: 'page_1h', severity: 'page', openedAt: '2026-03-02T10:00:00.000Z', resolvedAt: null, burnRate: 15.2, incidentId: 'inc-1', incidentNumber: 12 }],
  sparkline: [
    { day: '2026-03-01', compliance: 0.9995 },
    { day: '2026-03-02', compliance: 0.998 },
  ],
}

describe('SloCard', () => {
  it('shows compliance vs target, budget as share and time, status in words, and the open alert', () => {
    const html = renderToStaticMarkup(<SloCard summary={summary} timeZone="UTC" />)
    expect(html).toMatch(/<article[^>]*aria-labelledby="slo-system_availability"/)
    expect(html).toContain('href="/slo/system_availability"')
    const t = text(html)
    expect(t).toContain('ai-engine · emergency triage · 30-day rolling window')
    expect(t).toContain('Compliance 99.92% target 99.9%')
    expect(t).toContain('Error budget left 27% 11 min of 43 min left')
    expect(t).toContain('At risk')
    expect(t).toContain('Open alert: Fast burn (page) · INC-12')
    expect(html).toContain('href="/incidents/inc-1"')
    expect(t).toContain('Show data table')
  })

  it('a 100 % target has no budget to show as a percentage', () => {
    const t = text(renderToStaticMarkup(<SloCard summary={{ ...summary, target: 1, budgetRemaining: 0, budgetRemainingMinutes: 0, alerts: [] }} timeZone="UTC" />))
    expect(t).toContain('Error budget left none no error budget: the target is 100%')
  })
})

describe('OverviewHeadline', () => {
  it('answers the question from the counts', () => {
    const t = text(renderToStaticMarkup(<OverviewHeadline headline={overviewHeadline(['ok', 'ok', 'at_risk', 'breached'])} />))
    expect(t).toContain('Are we keeping our promises to clinicians?')
    expect(t).toContain('Not everywhere: 1 promise is broken.')
    expect(t).toContain('2 of 4 objectives on track · 1 at risk · 1 breached')
  })
})

describe('RuleWorkingsTable and ViolationList', () => {
  it('tables every rule with its numbers and decision in words', () => {
    const html = renderToStaticMarkup(<RuleWorkingsTable workings={workings} caption="The alert rules, evaluated now" />)
    const t = text(html)
    expect(t).toContain('Fast burn (page) 15.2× over 1 h 16.0× over 5 min 14.4× 12,400 guard: 100 Fired')
    expect(t).toContain('Did not fire: the last 2 h burned 4.00×, above 3×, but over 1 d only 1.50×')
    expect(html.split('<tbody')[1]!.split('<tr').length - 1).toBe(4)
  })

  const violation: SloViolationView = { ...summary.alerts[0]!, service: 'ai-engine', workings: { ...workings, cleared: { at: '2026-03-02T11:00:00.000Z', burnRates: rates } }, resolvedAt: '2026-03-02T11:05:00.000Z' }

  it('lists violations with their incident and the workings behind them', () => {
    const html = renderToStaticMarkup(<ViolationList violations={[violation, { ...violation, id: 'v2', incidentId: null, incidentNumber: null, workings: null, resolvedAt: null }]} />)
    const t = text(html)
    expect(html).toContain('href="/incidents/inc-1"')
    expect(t).toContain('INC-12')
    expect(t).toContain('lasted 1 h 5 min')
    expect(t).toContain('Show the workings')
    expect(t).toContain('Fired: the error budget burned 15.2× over 1 h and 16.0× over 5 min')
    expect(t).toContain('Cleared 2026-03-02 11:00 UTC')
    expect(t).toContain('no incident linked')
    expect(t).toContain('The numbers behind this alert were not recorded.')
    expect(t).toContain('still open')
  })

  it('names the incident without linking it for someone who may not open incidents (a clinician)', () => {
    const html = renderToStaticMarkup(<ViolationList violations={[violation]} linkIncidents={false} />)
    expect(html).not.toContain('href="/incidents/')
    expect(text(html)).toContain('INC-12')
    const card = renderToStaticMarkup(<SloCard summary={summary} timeZone="UTC" linkIncidents={false} />)
    expect(card).not.toContain('href="/incidents/')
    expect(text(card)).toContain('INC-12')
  })
})

describe('reports', () => {
  const data = composeReport(
    [
      { key: 'a', name: 'System availability', service: 'ai-engine', workflow: null, target: 0.999, budgeting: 'occurrences', good: 99_700, total: 100_000, compliance: 0.997, budgetUsed: 3, violations: 2, incidents: 1, mttrMinutes: 42, },
      { key: 'b', name: 'PHI access compliance', service: 'ehr-bridge', workflow: null, target: 1, budgeting: 'occurrences', good: 5000, total: 5000, compliance: 1, budgetUsed: 0, violations: 0, incidents: 0, mttrMinutes: null },
    ],
    [{ key: 'a', name: 'System availability', service: 'ai-engine', workflow: null, target: 0.999, budgeting: 'occurrences', good: 99_800, total: 100_000, compliance: 0.998, budgetUsed: 2, violations: 0, incidents: 0, mttrMinutes: null }],
    { start: new Date('2026-02-23T00:00:00Z'), end: new Date('2026-03-02T00:00:00Z') },
  )
  const report = { id: 'r1', period: 'weekly' as const, periodStart: new Date('2026-03-02T00:00:00Z'), periodEnd: new Date('2026-03-09T00:00:00Z'), timezone: 'UTC', generatedAt: new Date('2026-03-09T09:00:00Z'), data }

  it('renders the headline, each objective with its change and significance, and how to read it', () => {
    const t = text(renderToStaticMarkup(<ReportView report={report} />))
    expect(t).toContain('Did we keep our promises to clinicians this week?')
    expect(t).toContain('1 of 2 objectives met their target · 1 missed')
    expect(t).toContain('compared with Week 9, 2026 (23 Feb – 1 Mar)')
    expect(t).toContain('System availability ai-engine 99.9% 99.70% 100,000 events Missed −0.10 pp worse (significant), p < 0.001 300% 2 1 42 min')
    expect(t).toContain('PHI access compliance ehr-bridge 100% 100.00% 5,000 events Met n/a no previous data none 0 0 no incidents')
    expect(t).toContain('two-proportion z-test')
  })

  it('lists reports with what they cover and a CSV link', () => {
    const html = renderToStaticMarkup(<ReportList reports={[{ ...report, summary: data.summary }]} />)
    expect(html).toContain('href="/slo/reports/r1"')
    expect(html).toContain('href="/api/slo/reports/r1/csv"')
    expect(text(html)).toContain('Week 10, 2026 (2 Mar – 8 Mar)')
    expect(text(html)).toContain('1 of 2 met')
  })
})
