import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { NotificationMessage } from '../payload'
import { signWebhook, verifyWebhookSignature, webhookRequest } from './webhook'

const message: NotificationMessage = {
  kind: 'trigger',
  incidentId: '4c8d5a0e-0000-4000-8000-000000000001',
  incidentNumber: 42,
  summary: 'Response time SLA violated',
  severity: 'high',
  status: 'triggered',
  service: 'Triage assistant',
  workflows: ['emergency_triage'],
  link: 'http://localhost:3000/incidents/4c8d5a0e-0000-4000-8000-000000000001',
  idempotencyKey: 'inc:trigger:0:ch',
  createdAt: '2026-03-01T10:00:00.000Z',
}

describe('webhook signature (HMAC-SHA256, Stripe-style)', () => {
  it('signs "<timestamp>.<body>" and prefixes sha256=', () => {
    const sig = signWebhook('whsec_test_secret_123456', 1700000000, '{"a":1}')
    const expected = createHmac('sha256', 'whsec_test_secret_123456').update('1700000000.{"a":1}').digest('hex')
    expect(sig).toBe(`sha256=${expected}`)
    // Known answer, so a change of construction cannot go unnoticed.
    expect(signWebhook('key', 0, '')).toBe(`sha256=${createHmac('sha256', 'key').update('0.').digest('hex')}`)
  })

  it('puts timestamp, signature and idempotency key on the request', () => {
    const now = new Date('2026-03-01T10:00:05Z')
    const { body, headers } = webhookRequest(message, 'whsec_test_secret_123456', now)
    expect(headers['X-Wardroom-Timestamp']).toBe(String(Math.floor(now.getTime() / 1000)))
    expect(headers['X-Wardroom-Signature']).toBe(signWebhook('whsec_test_secret_123456', Math.floor(now.getTime() / 1000), body))
    expect(headers['Idempotency-Key']).toBe('inc:trigger:0:ch')
    expect(JSON.parse(body)).toMatchObject({ type: 'incident.triggered', incidentNumber: 42, severity: 'high' })
  })

  it('verifies a good signature and rejects a wrong key, an altered body and a stale timestamp', () => {
    const now = new Date('2026-03-01T10:00:05Z')
    const { body, headers } = webhookRequest(message, 'whsec_test_secret_123456', now)
    const sig = headers['X-Wardroom-Signature']!
    const ts = headers['X-Wardroom-Timestamp']!
    expect(verifyWebhookSignature('whsec_test_secret_123456', sig, ts, body, now)).toBe(true)
    expect(verifyWebhookSignature('another_secret_123456789', sig, ts, body, now)).toBe(false)
    expect(verifyWebhookSignature('whsec_test_secret_123456', sig, ts, body.replace('high', 'low'), now)).toBe(false)
    expect(verifyWebhookSignature('whsec_test_secret_123456', sig, ts, body, new Date(now.getTime() + 10 * 60_000))).toBe(false)
    expect(verifyWebhookSignature('whsec_test_secret_123456', null, ts, body, now)).toBe(false)
    expect(verifyWebhookSignature('whsec_test_secret_123456', sig, 'abc', body, now)).toBe(false)
  })
})
