/**
 * The SLA report jobs' delivery (./sla-report.ts): e-mails a stored report to its period's subscribers
 * through the configured e-mail notification channel.
 * The notification outbox carries incident messages only (its payload schema has no report kind), so the
 * report is sent here directly with the channel's SMTP settings, one message per recipient, and the outcome
 * is returned for the job's run summary. Failures are logged without addresses.
 */
import nodemailer from 'nodemailer'
import type SMTPTransport from 'nodemailer/lib/smtp-transport'
import type Mail from 'nodemailer/lib/mailer'
import { db } from '@/lib/db'
import { logger } from '@/lib/logger'
import { decryptSecrets, resolveSecretRefs } from '@/lib/notifications/crypto'
import { vettedSmtpOptions } from '@/lib/notifications/channels/email'
import { baseUrl } from '@/lib/notifications/payload'
import { ChannelSchemas, type EmailConfig, type EmailSecrets } from '@/lib/notifications/schema'
import { reportToCsv } from '@/lib/slo/report-csv'
import { buildReportMail, type MailReport } from '@/lib/slo/report-mail'

export const REPORT_MAIL_TIMEOUT_MS = 10_000

export interface MailTransport {
  sendMail(mail: Mail.Options): Promise<unknown>
  close(): void
}

export interface ReportDeliveryDeps {
  /** Builds the SMTP transport; tests pass nodemailer's JSON transport or point at a local sink. */
  createTransport?: (options: SMTPTransport.Options) => MailTransport
  timeoutMs?: number
  /** Only these channels may be used (tests on a shared database). */
  channelIds?: string[]
}

export interface ReportDeliverySummary {
  recipients: number
  sent: number
  failed: number
  /** Recipients with no usable e-mail channel. */
  skipped: number
}

interface EmailChannel {
  id: string
  config: EmailConfig
  secrets: EmailSecrets
}

function usableChannel(row: { id: string; type: string; enabled: boolean; config: unknown; secretEnc: string | null }): EmailChannel | null {
  if (row.type !== 'email' || !row.enabled) return null
  const config = ChannelSchemas.email.config.safeParse(row.config)
  if (!config.success) return null
  try {
    const secrets = ChannelSchemas.email.secrets.safeParse(resolveSecretRefs(decryptSecrets(row.secretEnc, row.id)))
    return secrets.success ? { id: row.id, config: config.data, secrets: secrets.data } : null
  } catch {
    return null
  }
}

/** Recipient address → the channel to send through (a subscription's own channel, else the first e-mail channel). */
async function recipientsOf(period: string, channelIds: string[] | undefined): Promise<{ plan: Map<string, string | null>; channels: Map<string, EmailChannel> }> {
  const subs = await db.reportSubscription.findMany({ where: { period }, orderBy: { createdAt: 'asc' } })
  const users = await db.user.findMany({
    where: { id: { in: subs.flatMap((s) => (s.userId ? [s.userId] : [])) }, disabledAt: null },
    select: { id: true, email: true },
  })
  const emailOf = new Map(users.map((u) => [u.id, u.email]))
  const rows = await db.notificationChannel.findMany({
    where: { type: 'email', enabled: true, ...(channelIds ? { id: { in: channelIds } } : {}) },
    orderBy: { name: 'asc' },
  })
  const channels = new Map<string, EmailChannel>()
  for (const row of rows) {
    const c = usableChannel(row)
    if (c) channels.set(c.id, c)
  }
  const fallback = [...channels.keys()][0] ?? null
  const plan = new Map<string, string | null>()
  for (const s of subs) {
    const address = s.email ?? (s.userId ? emailOf.get(s.userId) : undefined)
    // A person subscribed twice (or by user and by address) gets one mail.
    if (!address || plan.has(address.toLowerCase())) continue
    const channelId = s.channelId ? (channels.has(s.channelId) ? s.channelId : null) : fallback
    plan.set(address.toLowerCase(), channelId)
  }
  return { plan, channels }
}

export async function deliverReport(report: MailReport & { periodEnd: Date }, deps: ReportDeliveryDeps = {}): Promise<ReportDeliverySummary> {
  const { plan, channels } = await recipientsOf(report.period, deps.channelIds)
  const summary: ReportDeliverySummary = { recipients: plan.size, sent: 0, failed: 0, skipped: 0 }
  if (plan.size === 0) return summary
  const csv = reportToCsv(report, report.data)
  const link = `${baseUrl()}/slo/reports/${report.id}`
  const create = deps.createTransport ?? ((o: SMTPTransport.Options) => nodemailer.createTransport(o))
  const timeoutMs = deps.timeoutMs ?? REPORT_MAIL_TIMEOUT_MS

  for (const channel of [...channels.values()]) {
    const to = [...plan].filter(([, id]) => id === channel.id).map(([address]) => address)
    if (to.length === 0) continue
    // The SMTP host passes the outbound address policy (lib/http/outbound) like every other outbound call.
    const options = await vettedSmtpOptions(channel.config, channel.secrets, timeoutMs).catch((err: unknown) => {
      logger.warn({ report: report.id, channel: channel.id, smtp: err instanceof Error ? err.message : 'error' }, 'SLA report e-mail not sent')
      return null
    })
    if (!options) {
      summary.failed += to.length
      continue
    }
    const transport = create(options)
    try {
      for (const address of to) {
        try {
          await transport.sendMail(buildReportMail(report, { from: channel.config.from, to: address, link, csv }))
          summary.sent++
        } catch (err) {
          summary.failed++
          const e = err as Error & { responseCode?: number; code?: string }
          logger.warn({ report: report.id, channel: channel.id, smtp: e.responseCode ?? e.code ?? 'error' }, 'SLA report e-mail failed')
        }
      }
    } finally {
      transport.close()
    }
  }
  summary.skipped = [...plan.values()].filter((id) => id === null).length
  // A configuration state (e-mail switched off, as in the demo), shown in the job's result: not a fault.
  if (summary.skipped > 0) logger.info({ report: report.id, skipped: summary.skipped }, 'SLA report not e-mailed to subscribers: no enabled e-mail channel')
  return summary
}
