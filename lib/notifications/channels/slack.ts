/** Slack incoming webhook: a plain-text fallback plus Block Kit blocks, built only from the PHI-free message. */
import { detailLines, headline, incidentLabel, type NotificationMessage } from '../payload'
import type { SlackSecrets } from '../schema'
import { postJson } from './http'
import type { ChannelSend } from './types'

// Slack's mrkdwn treats these three as control characters.
const escapeMrkdwn = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s)

const KIND_TITLE: Record<NotificationMessage['kind'], string> = {
  trigger: 'triggered',
  acknowledge: 'acknowledged',
  resolve: 'resolved',
  escalate: 'escalated',
  test: 'test message',
}

export function slackBody(message: NotificationMessage): { text: string; blocks: unknown[] } {
  const field = (label: string, value: string) => ({ type: 'mrkdwn', text: `*${label}*\n${escapeMrkdwn(value)}` })
  return {
    text: clip(headline(message), 3000),
    blocks: [
      {
        type: 'header',
        text: { type: 'plain_text', text: clip(`${incidentLabel(message.incidentNumber)} ${KIND_TITLE[message.kind]}`, 150) },
      },
      { type: 'section', text: { type: 'mrkdwn', text: clip(`*${escapeMrkdwn(message.summary)}*`, 3000) } },
      {
        type: 'section',
        fields: [
          field('Severity', message.severity),
          field('Status', message.status),
          field('Service', message.service ?? 'none'),
          field('Affected workflows', message.workflows.length ? message.workflows.join(', ') : 'none'),
        ],
      },
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Wardroom' }, url: message.link }],
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(detailLines(message).at(-1) ?? '') }] },
    ],
  }
}

export const send: ChannelSend<Record<string, never>, SlackSecrets> = (message, _config, secrets, ctx) =>
  postJson(secrets.webhookUrl, JSON.stringify(slackBody(message)), {}, ctx)
