import { describe, expect, it } from 'vitest'
import { composeReport } from './report-data'
import { buildReportMail, reportLines, reportSubject } from './report-mail'

const data = composeReport(
  [
    { key: 'a', name: 'Diagnosis <accuracy>', service: 'ai-engine', workflow: 'diagnosis', target: 0.95, budgeting: 'occurrences', good: 940, total: 1000, compliance: 0.94, budgetUsed: 1.2, violations: 1, incidents: 1, mttrMinutes: 30 },
    { key: 'b', name: 'PHI access compliance', service: 'ehr-bridge', workflow: null, target: 1, budgeting: 'occurrences', good: 0, total: 0, compliance: null, budgetUsed: null, violations: 0, incidents: 0, mttrMinutes: null },
  ],
  [],
  { start: new Date('2026-02-01T00:00:00Z'), end: new Date('2026-03-01T00:00:00Z') },
)
const report = { id: 'r-1', period: 'monthly' as const, periodStart: new Date('2026-03-01T00:00:00Z'), periodEnd: new Date('2026-04-01T00:00:00Z'), timezone: 'UTC', generatedAt: new Date('2026-04-01T09:00:00Z'), data }

describe('report e-mail', () => {
  it('says in the subject how the period went', () => {
    expect(reportSubject(report)).toBe('Monthly SLA report · March 2026: 0 of 2 objectives met')
  })

  it('has one line per objective, worst first', () => {
    expect(reportLines(report)).toEqual([
      'Diagnosis <accuracy> (ai-engine, diagnosis): 94.00% vs target 95%, MISSED; budget used 120%; 1 violation; change: no previous data',
      'PHI access compliance (ehr-bridge): no data vs target 100%, no events; budget used no data; 0 violations; change: no previous data',
    ])
  })

  it('escapes HTML, links the report, attaches the CSV and has a stable Message-ID per recipient', () => {
    const mail = buildReportMail(report, { from: 'wardroom@h.test', to: 'cmo@h.test', link: 'https://w.test/slo/reports/r-1', csv: 'a,b\r\n' })
    expect(mail.html).toContain('Diagnosis &lt;accuracy&gt;')
    expect(mail.html).not.toContain('<accuracy>')
    expect(mail.text).toContain('Open the report: https://w.test/slo/reports/r-1')
    expect(mail.attachments).toEqual([{ filename: 'wardroom-sla-monthly-2026-03-01.csv', content: 'a,b\r\n', contentType: 'text/csv; charset=utf-8' }])
    const again = buildReportMail(report, { from: 'wardroom@h.test', to: 'cmo@h.test', link: 'x', csv: '' })
    const other = buildReportMail(report, { from: 'wardroom@h.test', to: 'ceo@h.test', link: 'x', csv: '' })
    expect(again.messageId).toBe(mail.messageId)
    expect(other.messageId).not.toBe(mail.messageId)
  })
})
