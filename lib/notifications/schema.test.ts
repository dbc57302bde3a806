import { describe, expect, it } from 'vitest'
import { ChannelForm, channelSettingsFromForm } from './schema'

const form = (extra: Record<string, unknown>) => ChannelForm.parse({ name: 'ops', minSeverity: 'high', enabled: 'on', ...extra })

describe('channel form → settings', () => {
  it('splits an e-mail channel into config and secrets', () => {
    const s = channelSettingsFromForm(
      form({ type: 'email', smtpHost: 'smtp.example.org', smtpPort: '2525', smtpUsername: 'wardroom', smtpPassword: 'hunter22', emailFrom: 'wardroom@example.org', emailTo: 'a@example.org, b@example.org' }),
    )
    expect(s).toEqual({
      ok: true,
      config: { host: 'smtp.example.org', port: 2525, secure: false, username: 'wardroom', from: 'wardroom@example.org', to: ['a@example.org', 'b@example.org'] },
      secrets: { password: 'hunter22' },
    })
  })

  it('requires secrets on create and keeps the stored ones when left blank on edit', () => {
    const missing = channelSettingsFromForm(form({ type: 'slack' }))
    expect(missing.ok).toBe(false)
    if (!missing.ok) expect(missing.fieldErrors.slackWebhookUrl).toBeDefined()
    const kept = channelSettingsFromForm(form({ type: 'slack', slackWebhookUrl: '' }), { webhookUrl: 'https://hooks.slack.com/services/x' })
    expect(kept).toEqual({ ok: true, config: {}, secrets: { webhookUrl: 'https://hooks.slack.com/services/x' } })
  })

  it('defaults the PagerDuty events URL and accepts env: references for secrets', () => {
    const s = channelSettingsFromForm(form({ type: 'pagerduty', pagerdutyRoutingKey: 'env:PD_ROUTING_KEY' }))
    expect(s).toEqual({ ok: true, config: { eventsUrl: 'https://events.pagerduty.com/v2/enqueue' }, secrets: { routingKey: 'env:PD_ROUTING_KEY' } })
  })

  it('names the form field that is wrong', () => {
    const s = channelSettingsFromForm(form({ type: 'webhook', webhookUrl: 'ftp://x.example.org', webhookSigningSecret: 'short' }))
    expect(s.ok).toBe(false)
    if (!s.ok) {
      expect(Object.keys(s.fieldErrors).sort()).toEqual(['webhookSigningSecret', 'webhookUrl'])
    }
    const creds = channelSettingsFromForm(form({ type: 'webhook', webhookUrl: 'https://user:pw@x.example.org/h', webhookSigningSecret: 'a'.repeat(20) }))
    expect(creds.ok).toBe(false)
  })

  it('reads checkboxes from FormData values', () => {
    expect(ChannelForm.parse({ name: 'x', type: 'console', minSeverity: 'low' }).enabled).toBe(false)
    expect(ChannelForm.parse({ name: 'x', type: 'console', minSeverity: 'low', enabled: 'on' }).enabled).toBe(true)
    expect(ChannelForm.safeParse({ name: 'x', type: 'sms', minSeverity: 'low' }).success).toBe(false)
  })
})
