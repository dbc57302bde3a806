/** Server-renders the report tables with plain data: hidden groups said in words, targets and medians written out. */
import { describe, expect, it } from 'vitest'
import { renderToStaticMarkup } from 'react-dom/server'
import { satisfactionReport } from '@/lib/feedback/csat'
import { slaReport } from '@/lib/feedback/sla-report'
import { CsatTable } from './csat-table'
import { SlaReportTable } from './sla-report-table'

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ')

describe('the CSAT table', () => {
  it('shows groups of 5 or more ratings and says how many are hidden', () => {
    const report = satisfactionReport(
      [
        { group: 'ICU', week: '2026-11-30', rating: 5, n: 4 },
        { group: 'ICU', week: '2026-11-30', rating: 1, n: 1 },
        { group: 'Pharmacy', week: '2026-11-30', rating: 5, n: 3 },
      ],
      ['2026-11-30'],
    )
    const html = text(renderToStaticMarkup(<CsatTable report={report} groupLabel="Department" caption="CSAT" />))
    expect(html).toContain('ICU 5 80.0% 4.20')
    expect(html).not.toContain('Pharmacy')
    expect(html).toContain('1 group has fewer than 5 ratings and is not shown.')
  })
})

describe('the SLA report table', () => {
  it('writes each priority’s target, counts and median time to triage', () => {
    const created = new Date('2026-12-07T08:00:00Z')
    const lines = slaReport([{ priority: 'high', createdAt: created, slaDueAt: new Date('2026-12-07T12:00:00Z'), triagedAt: new Date('2026-12-07T09:30:00Z') }], new Date('2026-12-07T13:00:00Z'))
    const html = text(renderToStaticMarkup(<SlaReportTable lines={lines} caption="SLA" />))
    expect(html).toContain('Critical on arrival 0 0 0 0 0')
    expect(html).toContain('High 4 h 1 1 0 0 0 100.0% 1 h 30 min')
    expect(html).toContain('Low 7 d')
  })
})
