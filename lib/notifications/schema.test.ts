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
    const kept = channelSettingsFromForm(form({ type: 'slack', slackWebhookUrl: '' }), { type: 'slack', config: {}, secrets: { webhookUrl: 'https://hooks.slack.com/services/x' } })
    expect(kept).toEqual({ ok: true, config: {}, secrets: { webhookUrl: 'https://hooks.slack.com/services/x' } })
  })

  it('defaults the PagerDuty events URL and accepts env: references to WARDROOM_CHANNEL_* variables', () => {
    const s = channelSettingsFromForm(form({ type: 'pagerduty', pagerdutyRoutingKey: 'env:WARDROOM_CHANNEL_PD_KEY' }))
    expect(s).toEqual({ ok: true, config: { eventsUrl: 'https://events.pagerduty.com/v2/enqueue' }, secrets: { routingKey: 'env:WARDROOM_CHANNEL_PD_KEY' } })
  })

  it.each([
    ['pagerduty', 'pagerdutyRoutingKey', 'env:NEXTAUTH_SECRET'],
    ['pagerduty', 'pagerdutyRoutingKey', 'env:PD_ROUTING_KEY'],
    ['webhook', 'webhookSigningSecret', 'env:DATABASE_URL'],
    ['webhook', 'webhookSigningSecret', 'env:CRON_SECRET'],
    ['email', 'smtpPassword', 'env:WARDROOM_SECRET'],
    ['slack', 'slackWebhookUrl', 'env:NEXTAUTH_SECRET'],
    ['webhook', 'webhookSigningSecret', 'ENV:NEXTAUTH_SECRET_PADDED'],
  ])('refuses a %s secret referring to a variable outside WARDROOM_CHANNEL_* (%s = %s)', (type, field, value) => {
    const base = { webhookUrl: 'https://hook.example.org/w', smtpHost: 'smtp.example.org', smtpUsername: 'u', emailFrom: 'a@example.org', emailTo: 'b@example.org' }
    const s = channelSettingsFromForm(form({ type, ...base, [field]: value }))
    expect(s.ok).toBe(false)
    if (!s.ok) expect(s.fieldErrors[field]?.join(' ')).toMatch(/WARDROOM_CHANNEL_/)
  })

  describe('changing where a channel sends asks for its secret again', () => {
    const storedHook = { type: 'webhook', config: { url: 'https://hook.example.org/w' }, secrets: { signingSecret: 'whsec_stored_0123456789' } }
    const storedMail = {
      type: 'email',
      config: { host: 'smtp.example.org', port: 587, secure: false, username: 'u', from: 'a@example.org', to: ['b@example.org'] },
      secrets: { password: 'stored-password' },
    }
    const mail = { type: 'email', smtpHost: 'smtp.example.org', smtpPort: '587', smtpUsername: 'u', emailFrom: 'a@example.org', emailTo: 'b@example.org' }

    it.each([
      ['webhook URL', form({ type: 'webhook', webhookUrl: 'https://attacker.example.net/w' }), storedHook, 'webhookSigningSecret'],
      ['SMTP host', form({ ...mail, smtpHost: 'smtp.attacker.example.net' }), storedMail, 'smtpPassword'],
      ['SMTP port', form({ ...mail, smtpPort: '2525' }), storedMail, 'smtpPassword'],
      [
        'PagerDuty endpoint',
        form({ type: 'pagerduty', pagerdutyEventsUrl: 'https://events.eu.pagerduty.com/v2/enqueue' }),
        { type: 'pagerduty', config: { eventsUrl: 'https://events.pagerduty.com/v2/enqueue' }, secrets: { routingKey: 'R0UTING' } },
        'pagerdutyRoutingKey',
      ],
    ] as const)('%s changed, secret left blank: field error', (_what, f, stored, field) => {
      const s = channelSettingsFromForm(f, stored)
      expect(s.ok).toBe(false)
      if (!s.ok) expect(s.fieldErrors).toEqual({ [field]: [expect.stringMatching(/enter this secret again/)] })
    })

    it('accepts the change when the secret is entered again, and keeps it when the destination stays', () => {
      expect(channelSettingsFromForm(form({ type: 'webhook', webhookUrl: 'https://other.example.org/w', webhookSigningSecret: 'whsec_new_0123456789' }), storedHook)).toMatchObject({
        ok: true,
        secrets: { signingSecret: 'whsec_new_0123456789' },
      })
      expect(channelSettingsFromForm(form({ type: 'webhook', webhookUrl: 'https://hook.example.org/w' }), storedHook)).toMatchObject({
        ok: true,
        secrets: { signingSecret: 'whsec_stored_0123456789' },
      })
      expect(channelSettingsFromForm(form({ ...mail, emailTo: 'c@example.org' }), storedMail)).toMatchObject({ ok: true, secrets: { password: 'stored-password' } })
    })

    it('never carries a stored secret over to another channel type', () => {
      const s = channelSettingsFromForm(form({ type: 'pagerduty' }), { type: 'webhook', config: {}, secrets: { routingKey: 'leftover' } })
      expect(s.ok).toBe(false)
    })
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
