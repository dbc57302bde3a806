/**
 * Server-renders the chart wrappers (Recharts draws on the client, after measuring) and checks what does not
 * depend on the drawing: the named figure, the summary, the data table with the same numbers, the legend,
 * and an empty state that says why.
 */
import { describe, expect, it } from 'vitest'
import { renderToStaticMarkup } from 'react-dom/server'
import { ComplianceChart } from './compliance-chart'
import { BudgetBurndownChart } from './budget-burndown-chart'
import { BurnRateChart } from './burn-rate-chart'
import { Sparkline } from './sparkline'

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
const rows = (html: string) => (html.split('<tbody')[1] ?? '').split('<tr').slice(1)

describe('ComplianceChart', () => {
  const points = [
    { t: '2026-03-02T00:00:00.000Z', compliance: 0.9995, good: 9995, total: 10000 },
    { t: '2026-03-02T04:00:00.000Z', compliance: 0.9962, good: 9962, total: 10000 },
    { t: '2026-03-02T08:00:00.000Z', compliance: null, good: 0, total: 0 },
  ]

  it('names the figure, summarises it and offers the same numbers as a table', () => {
    const html = renderToStaticMarkup(<ComplianceChart points={points} target={0.999} label="Compliance of System availability, last 24 hours" timeZone="Europe/London" />)
    expect(html).toContain('aria-label="Compliance of System availability, last 24 hours"')
    expect(text(html)).toContain('Latest 99.62% · lowest 99.62% · target 99.9%')
    expect(html).toContain('<details')
    expect(text(html)).toContain('Show data table')
    expect(html).toContain('<caption class="sr-only">Compliance of System availability, last 24 hours</caption>')
    expect(text(html)).toContain('Time (Europe/London)')
    const body = rows(html).map(text)
    expect(body).toHaveLength(3)
    expect(body[0]).toContain('2 Mar 2026 00:00')
    expect(body[0]).toContain('99.95%')
    expect(body[0]).toContain('9,995')
    expect(body[2]).toContain('no data')
    expect(text(html)).toContain('Target 99.9%')
  })

  it('says why it is empty', () => {
    const html = renderToStaticMarkup(<ComplianceChart points={[points[2]!]} target={0.999} label="x" timeZone="UTC" />)
    expect(text(html)).toContain('No events in this range')
    expect(text(html)).toContain('no compliance to plot')
    expect(html).not.toContain('<table')
  })
})

describe('BudgetBurndownChart', () => {
  it('shows budget left in percent, negative once overspent', () => {
    const html = renderToStaticMarkup(
      <BudgetBurndownChart
        points={[
          { t: '2026-03-01T00:00:00.000Z', budgetRemaining: 0.5 },
          { t: '2026-03-02T00:00:00.000Z', budgetRemaining: -0.1 },
        ]}
        target={0.999}
        label="Error budget left"
        timeZone="UTC"
      />,
    )
    expect(text(html)).toContain('Budget left now -10% · lowest -10%')
    expect(rows(html).map(text)[0]).toContain('50%')
    expect(text(html)).toContain('Budget exhausted (0%)')
  })

  it('explains that a 100 % target has no budget', () => {
    const html = renderToStaticMarkup(<BudgetBurndownChart points={[{ t: '2026-03-01T00:00:00.000Z', budgetRemaining: 1 }]} target={1} label="x" timeZone="UTC" />)
    expect(text(html)).toContain('No error budget to burn')
  })
})

describe('BurnRateChart', () => {
  it('lists the four windows, the thresholds, and a labelled log-scale switch', () => {
    const html = renderToStaticMarkup(
      <BurnRateChart
        points={[{ t: '2026-03-02T12:00:00.000Z', r1h: 15.2, r6h: 4, r1d: 1.2, r3d: null }]}
        thresholds={{ page: [14.4, 6], ticket: [3, 1] }}
        label="Burn rate"
        timeZone="UTC"
      />,
    )
    expect(text(html)).toContain('Now: 1 h 15.2× · 6 h 4.00× · 1 d 1.20× · 3 d n/a')
    const checkbox = /<input[^>]*type="checkbox"[^>]*>/.exec(html)![0]
    const id = /id="([^"]+)"/.exec(checkbox)![1]
    expect(html).toContain(`for="${id}"`)
    expect(text(html)).toContain('Logarithmic scale')
    expect(text(html)).toContain('Page thresholds')
    expect(text(html)).toContain('Ticket thresholds')
    expect(text(html)).toMatch(/1 h burn rate\s+6 h burn rate\s+1 d burn rate\s+3 d burn rate/)
    // Logarithmic by default, and honest about where zero is drawn.
    expect(checkbox).toContain('checked')
    expect(text(html)).toContain('A rate of 0 (nothing burning) and anything below 0.01× is drawn on the bottom line, marked ≤0.01×')
  })

  it('on the linear scale, says what lies above the axis', () => {
    const html = renderToStaticMarkup(
      <BurnRateChart
        points={[
          { t: '2026-03-02T12:00:00.000Z', r1h: 115, r6h: 20, r1d: 4, r3d: 1 },
          { t: '2026-03-02T13:00:00.000Z', r1h: 0, r6h: 18, r1d: 4, r3d: 1 },
        ]}
        thresholds={{ page: [14.4, 6], ticket: [3, 1] }}
        label="Burn rate"
        timeZone="UTC"
        defaultLog={false}
      />,
    )
    expect(/<input[^>]*type="checkbox"[^>]*>/.exec(html)![0]).not.toContain('checked')
    expect(text(html)).toContain('Off scale: peak 115× at 2 Mar 12:00. The linear axis stops at 30× so the thresholds stay readable')
    // The table keeps the true rates.
    expect(rows(html).map(text)[1]).toContain('0.00×')
  })
})

describe('Sparkline', () => {
  it('counts days below target and tables each day', () => {
    const html = renderToStaticMarkup(
      <Sparkline
        points={[
          { day: '2026-03-01', compliance: 0.9995 },
          { day: '2026-03-02', compliance: 0.998 },
          { day: '2026-03-03', compliance: null },
        ]}
        target={0.999}
        label="Daily compliance"
      />,
    )
    expect(text(html)).toContain('2 days with events · 1 below target · lowest 99.80%')
    const body = rows(html).map(text)
    expect(body[1]).toContain('2 Mar 2026')
    expect(body[1]).toContain('missed')
  })
})
