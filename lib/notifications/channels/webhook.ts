/**
 * Generic webhook, signed like Stripe: `X-Wardroom-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`
 * with `X-Wardroom-Timestamp` (Unix seconds), so receivers can check origin and reject replays.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { NotificationMessage } from '../payload'
import type { WebhookConfig, WebhookSecrets } from '../schema'
import { postJson } from './http'
import type { ChannelSend } from './types'

export const SIGNATURE_HEADER = 'X-Wardroom-Signature'
export const TIMESTAMP_HEADER = 'X-Wardroom-Timestamp'

const EVENT_TYPE: Record<NotificationMessage['kind'], string> = {
  trigger: 'incident.triggered',
  acknowledge: 'incident.acknowledged',
  resolve: 'incident.resolved',
  escalate: 'incident.escalated',
  test: 'wardroom.test',
}

export function webhookBody(message: NotificationMessage): string {
  return JSON.stringify({ type: EVENT_TYPE[message.kind], ...message })
}

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/** For receivers (and tests): constant-time check, and the timestamp within `toleranceSeconds` of `now`. */
export function verifyWebhookSignature(
  secret: string,
  signature: string | null,
  timestamp: string | null,
  body: string,
  now: Date = new Date(),
  toleranceSeconds = 300,
): boolean {
  if (!signature || !timestamp || !/^\d+$/.test(timestamp)) return false
  const ts = Number(timestamp)
  if (Math.abs(now.getTime() / 1000 - ts) > toleranceSeconds) return false
  const expected = Buffer.from(signWebhook(secret, ts, body))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

export function webhookRequest(message: NotificationMessage, secret: string, now: Date): { body: string; headers: Record<string, string> } {
  const body = webhookBody(message)
  const timestamp = Math.floor(now.getTime() / 1000)
  return {
    body,
    headers: {
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
      'Idempotency-Key': message.idempotencyKey,
    },
  }
}

export const send: ChannelSend<WebhookConfig, WebhookSecrets> = (message, config, secrets, ctx) => {
  const { body, headers } = webhookRequest(message, secrets.signingSecret, ctx.now?.() ?? new Date())
  return postJson(config.url, body, headers, ctx)
}
