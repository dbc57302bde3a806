/**
 * PagerDuty Events API v2. One PagerDuty alert per Wardroom incident (dedup_key `wardroom-<incident id>`):
 * trigger/escalate trigger it, acknowledge and resolve follow the incident.
 */
import { headline, incidentLabel, type NotificationMessage } from '../payload'
import type { PagerDutyConfig, PagerDutySecrets } from '../schema'
import { postJson } from './http'
import type { ChannelSend, SendResult } from './types'

const PD_SEVERITY: Record<NotificationMessage['severity'], 'critical' | 'error' | 'warning' | 'info'> = {
  critical: 'critical',
  high: 'error',
  medium: 'warning',
  low: 'info',
  info: 'info',
}

export type PagerDutyAction = 'trigger' | 'acknowledge' | 'resolve'

export function pagerDutyDedupKey(message: NotificationMessage): string {
  return message.incidentId ? `wardroom-${message.incidentId}` : `wardroom-test-${message.idempotencyKey}`
}

export function pagerDutyAction(message: NotificationMessage): PagerDutyAction {
  return message.kind === 'acknowledge' ? 'acknowledge' : message.kind === 'resolve' ? 'resolve' : 'trigger'
}

export function pagerDutyEvent(message: NotificationMessage, routingKey: string, action: PagerDutyAction = pagerDutyAction(message)) {
  const base = { routing_key: routingKey, event_action: action, dedup_key: pagerDutyDedupKey(message) }
  if (action !== 'trigger') return base
  return {
    ...base,
    payload: {
      summary: headline(message).slice(0, 1024),
      source: 'wardroom',
      severity: PD_SEVERITY[message.severity],
      timestamp: message.createdAt,
      ...(message.service ? { component: message.service } : {}),
      ...(message.workflows.length ? { group: message.workflows.join(',') } : {}),
      class: 'incident',
      custom_details: {
        incident: incidentLabel(message.incidentNumber),
        severity: message.severity,
        status: message.status,
        affected_workflows: message.workflows,
      },
    },
    client: 'Wardroom',
    client_url: message.link,
    links: [{ href: message.link, text: 'Open in Wardroom' }],
  }
}

export const send: ChannelSend<PagerDutyConfig, PagerDutySecrets> = async (message, config, secrets, ctx) => {
  const post = (action: PagerDutyAction): Promise<SendResult> =>
    postJson(config.eventsUrl, JSON.stringify(pagerDutyEvent(message, secrets.routingKey, action)), {}, ctx)
  const first = await post(pagerDutyAction(message))
  // A test must not leave someone paged: resolve the test alert straight away.
  if (!first.ok || message.kind !== 'test') return first
  return post('resolve')
}
