/** E-mail over SMTP (nodemailer). The Message-ID derives from the idempotency key, so a redelivery is recognisable. */
import { escapeHtml } from '@/lib/html'
import { createHash } from 'node:crypto'
import nodemailer from 'nodemailer'
import type SMTPTransport from 'nodemailer/lib/smtp-transport'
import type Mail from 'nodemailer/lib/mailer'
import { outboundErrorText, OutboundError, vetHost, type LookupAll } from '@/lib/http/outbound'
import { detailLines, headline, type NotificationMessage } from '../payload'
import type { EmailConfig, EmailSecrets } from '../schema'
import type { ChannelSend } from './types'

export function buildMail(message: NotificationMessage, config: Pick<EmailConfig, 'from' | 'to'>): Mail.Options {
  const subject = headline(message)
  const lines = detailLines(message)
  const id = createHash('sha256').update(message.idempotencyKey).digest('hex').slice(0, 32)
  return {
    from: config.from,
    to: message.recipients?.length ? message.recipients : config.to,
    subject,
    messageId: `<${id}@wardroom>`,
    text: `${subject}\n\n${lines.join('\n')}\n`,
    html:
      `<p><strong>${escapeHtml(subject)}</strong></p><ul>` +
      lines.slice(0, -1).map((l) => `<li>${escapeHtml(l)}</li>`).join('') +
      `</ul><p><a href="${escapeHtml(message.link)}">Open in Wardroom</a></p>`,
    headers: { 'X-Wardroom-Idempotency-Key': message.idempotencyKey },
  }
}

export function smtpOptions(config: EmailConfig, secrets: EmailSecrets, timeoutMs: number): SMTPTransport.Options {
  return {
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(config.username ? { auth: { user: config.username, pass: secrets.password ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  }
}

/**
 * The same options, connecting to an address the outbound policy accepted: the SMTP host is resolved and
 * checked here, and nodemailer is handed the vetted IP (so it does not resolve again) with the name kept
 * for TLS (SNI and certificate check). Throws OutboundError ('refused', 'dns').
 */
export async function vettedSmtpOptions(config: EmailConfig, secrets: EmailSecrets, timeoutMs: number, lookup?: LookupAll): Promise<SMTPTransport.Options> {
  const [first] = await vetHost(config.host, { lookup })
  const host = config.host.replace(/^\[|\]$/g, '')
  const options = smtpOptions(config, secrets, timeoutMs)
  if (first!.address === host) return options
  return { ...options, host: first!.address, tls: { servername: host } }
}

export const send: ChannelSend<EmailConfig, EmailSecrets> = async (message, config, secrets, ctx) => {
  let options: SMTPTransport.Options
  try {
    options = await vettedSmtpOptions(config, secrets, ctx.timeoutMs)
  } catch (err) {
    return err instanceof OutboundError ? { ok: false, error: outboundErrorText(err), reason: err.kind } : { ok: false, error: 'SMTP failed' }
  }
  const transport = nodemailer.createTransport(options)
  try {
    const info = await transport.sendMail(buildMail(message, config))
    const code = Number(/^(\d{3})/.exec(info.response)?.[1] ?? 250)
    return { ok: true, status: code }
  } catch (err) {
    const e = err as Error & { responseCode?: number; code?: string }
    return {
      ok: false,
      ...(e.responseCode ? { status: e.responseCode, reason: 'smtp' as const } : {}),
      error: e.responseCode ? `SMTP ${e.responseCode}` : `SMTP failed${e.code ? ` (${e.code})` : ''}`,
    }
  } finally {
    transport.close()
  }
}
