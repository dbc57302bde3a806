/**
 * The e-mail of an SLA report: a plain-text and an HTML body with the headline and one line per SLO, a link to
 * the report and the CSV attached. Pure. Reports hold service-level figures only, never patient data.
 */
import { escapeHtml } from '@/lib/html'
import { createHash } from 'node:crypto'
import type Mail from 'nodemailer/lib/mailer'
import type { ReportData } from './report-data'
import { formatBudgetPercent, formatChangePp, formatCompliance, formatPValue, formatTarget, VERDICT_WORDS } from './display'
import { reportCsvFilename } from './report-csv'
import { periodLabel, REPORT_PERIOD_LABELS, type ReportPeriod } from './report-periods'

export interface MailReport {
  id: string
  period: ReportPeriod
  periodStart: Date
  timezone: string
  generatedAt: Date
  data: ReportData
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`

export function reportSubject(report: MailReport): string {
  const { met, objectives } = report.data.summary
  return `${REPORT_PERIOD_LABELS[report.period]} SLA report · ${periodLabel(report.period, report.periodStart, report.timezone)}: ${met} of ${count(objectives, 'objective')} met`
}

export function reportLines(report: MailReport): string[] {
  return report.data.slos.map((s) => {
    const where = s.workflow ? `${s.service}, ${s.workflow}` : s.service
    const result = s.met === null ? 'no events' : s.met ? 'met' : 'MISSED'
    const change = s.change.verdict === 'better' || s.change.verdict === 'worse' || s.change.verdict === 'no_significant_change'
      ? `${formatChangePp(s.change.compliance)} vs previous, ${VERDICT_WORDS[s.change.verdict]} (${formatPValue(s.change.pValue)})`
      : `change: ${VERDICT_WORDS[s.change.verdict]}`
    return `${s.name} (${where}): ${formatCompliance(s.compliance)} vs target ${formatTarget(s.target)}, ${result}; budget used ${formatBudgetPercent(s.budgetUsed)}; ${count(s.violations, 'violation')}; ${change}`
  })
}

export function buildReportMail(report: MailReport, opts: { from: string; to: string; link: string; csv: string }): Mail.Options {
  const subject = reportSubject(report)
  const { met, missed, noData, objectives, violations } = report.data.summary
  const summary = `${met} of ${count(objectives, 'objective')} met their target · ${missed} missed · ${noData} without events · ${count(violations, 'violation')}.`
  const lines = reportLines(report)
  // Stable per report version and recipient: a re-sent mail is recognisable, a regenerated report is new.
  const id = createHash('sha256').update(`${report.id}:${report.generatedAt.toISOString()}:${opts.to}`).digest('hex').slice(0, 32)
  return {
    from: opts.from,
    to: opts.to,
    subject,
    messageId: `<${id}@wardroom>`,
    text: `${subject}\n\n${summary}\n\n${lines.map((l) => `- ${l}`).join('\n')}\n\nOpen the report: ${opts.link}\nThe figures are attached as CSV.\n`,
    html:
      `<p><strong>${escapeHtml(subject)}</strong></p><p>${escapeHtml(summary)}</p><ul>` +
      lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('') +
      `</ul><p><a href="${escapeHtml(opts.link)}">Open the report in Wardroom</a>. The figures are attached as CSV.</p>`,
    attachments: [{ filename: reportCsvFilename(report), content: opts.csv, contentType: 'text/csv; charset=utf-8' }],
    headers: { 'X-Wardroom-Report': report.id },
  }
}
