/**
 * PHI never leaves Wardroom: an alert whose text carries an MRN, SSN, e-mail address, phone number and date
 * of birth is pushed through every channel's real output (HTTP bodies and headers, the mail, the file line,
 * the log record), and none of those identifiers appears in any of it.
 */
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import nodemailer from 'nodemailer'
import { afterAll, describe, expect, it, vi } from 'vitest'
import type { Incident, Service } from '@/lib/generated/prisma/client'
import type { OutboundRequest } from '@/lib/http/outbound'

const tmp = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? '/tmp'}/wardroom-phi-${process.pid}-${Date.now()}`
  process.env.WARDROOM_DATA_DIR = dir
  return dir
})

const { buildIncidentMessage, headline } = await import('./payload')
const { consoleRecord } = await import('./channels/console')
const fileChannel = await import('./channels/file')
const slack = await import('./channels/slack')
const pagerduty = await import('./channels/pagerduty')
const webhook = await import('./channels/webhook')
const { buildMail } = await import('./channels/email')

const PHI = {
  mrn: 'MRN 00482913',
  ssn: '123-45-6789',
  email: 'jane.doe@example.org',
  phone: '(617) 555-0142',
  dob: 'DOB 03/14/1962',
}
/**
 * The identifying parts, any of which appearing anywhere is a leak. Long enough not to occur by chance in
 * a timestamp or uuid (a bare "617" would match the milliseconds of createdAt one run in a thousand).
 */
const LEAKS = ['Jane', 'Doe', '00482913', '123-45-6789', '45-6789', 'jane.doe', 'example.org', '555-0142', '(617)', '03/14', '14/1962']

const alertMessage = `Triage model timeout for patient Jane Doe ${PHI.mrn}, SSN ${PHI.ssn}, contact ${PHI.email} or ${PHI.phone}, ${PHI.dob}`

const service: Service = {
  id: '6a1f0000-0000-4000-8000-000000000001',
  key: 'triage-assistant',
  name: 'Triage assistant',
  description: 'Sepsis early warning for patient 123-45-6789',
  workflows: ['emergency_triage'],
  autoResolve: true,
  escalationPolicyId: null,
  ownerTeam: '',
  tier: null,
  runbookUrl: null,
  archivedAt: null,
  createdAt: new Date(),
  updatedAt: new Date(),
}

// The incident title comes from the alert's message: the worst case is that it arrives unredacted.
const incident: Incident & { service: Service } = {
  id: '4c8d5a0e-0000-4000-8000-000000000001',
  number: 4711,
  title: alertMessage,
  severity: 'critical',
  status: 'triggered',
  reopenCount: 0,
  dedupKey: 'k',
  serviceId: service.id,
  service,
  workflows: ['emergency_triage'],
  assigneeId: null,
  escalationPolicyId: null,
  escalationLevel: 0,
  nextEscalationAt: null,
  alertCount: 1,
  openAlertCount: 1,
  triggeredAt: new Date(),
  lastAlertAt: new Date(),
  acknowledgedAt: null,
  resolvedAt: null,
  muted: false,
  createdAt: new Date(),
  updatedAt: new Date(),
}

afterAll(() => rmSync(tmp, { recursive: true, force: true }))

function expectNoPhi(label: string, text: string) {
  for (const leak of LEAKS) expect(text, `${label} leaks "${leak}"`).not.toContain(leak)
}

/** A stand-in for the outbound guard that records what would have been sent. */
function capturingRequest() {
  const calls: { url: string; body: string; headers: string }[] = []
  const request: OutboundRequest = async (url, options = {}) => {
    calls.push({ url, body: options.body ?? '', headers: JSON.stringify(options.headers ?? {}) })
    return { status: 202, headers: {}, body: Buffer.from('ok'), headMs: 1 }
  }
  return { request, calls }
}

describe('outbound notifications carry no PHI', () => {
  const kinds = ['trigger', 'acknowledge', 'resolve', 'escalate'] as const

  it.each(kinds)('the %s message holds only summary, severity, service, workflows, status, number and link', (kind) => {
    const message = buildIncidentMessage(incident, kind, `${incident.id}:${kind}:0:ch`, { level: kind === 'escalate' ? 1 : undefined })
    expect(Object.keys(message).sort()).toEqual(
      [
        'kind',
        'incidentId',
        'incidentNumber',
        'summary',
        'severity',
        'status',
        'service',
        'workflows',
        'link',
        'idempotencyKey',
        'createdAt',
        ...(kind === 'escalate' ? ['escalationLevel'] : []),
      ].sort(),
    )
    expect(message.link).toMatch(new RegExp(`/incidents/${incident.id}$`))
    expect(message.summary).toContain('[MRN]')
    expectNoPhi('message', JSON.stringify(message))
    expectNoPhi('headline', headline(message))
  })

  it('no channel sends an identifier: Slack, PagerDuty, webhook, e-mail, file, console', async () => {
    const secrets = { signingSecret: 'whsec_0123456789abcdef' }
    for (const kind of kinds) {
      const message = buildIncidentMessage(incident, kind, `${incident.id}:${kind}:0:ch`)
      const { request, calls } = capturingRequest()
      const ctx = { request, timeoutMs: 1000 }

      expect((await slack.send(message, {}, { webhookUrl: 'https://hooks.example.test/s' }, ctx)).ok).toBe(true)
      expect((await pagerduty.send(message, { eventsUrl: 'https://pd.example.test/v2/enqueue' }, { routingKey: 'R' }, ctx)).ok).toBe(true)
      expect((await webhook.send(message, { url: 'https://hook.example.test/w' }, secrets, ctx)).ok).toBe(true)
      expect(calls).toHaveLength(3)
      for (const call of calls) {
        expectNoPhi(`${kind} → ${call.url} body`, call.body)
        expectNoPhi(`${kind} → ${call.url} headers`, call.headers)
      }
      // The Slack body has both text and blocks; PagerDuty's trigger has a payload with the summary.
      expect(JSON.parse(calls[0]!.body)).toHaveProperty('blocks')
      if (kind === 'trigger') expect(JSON.parse(calls[1]!.body).payload.summary).toContain('INC-4711')

      const mail = await nodemailer.createTransport({ jsonTransport: true }).sendMail(buildMail(message, { from: 'wardroom@hospital.test', to: ['oncall@hospital.test'] }))
      expectNoPhi(`${kind} e-mail`, String(mail.message))

      expectNoPhi(`${kind} console`, JSON.stringify(consoleRecord(message)))
      expect((await fileChannel.send(message, {}, {}, ctx)).ok).toBe(true)
    }
    const log = readFileSync(path.join(tmp, 'logs', 'alerts.log'), 'utf8')
    expect(log.trim().split('\n')).toHaveLength(kinds.length)
    expectNoPhi('alerts.log', log)
  })

  it('a PagerDuty test message triggers and then resolves its own dedup key', async () => {
    const { buildTestMessage } = await import('./payload')
    const { request, calls } = capturingRequest()
    const message = buildTestMessage('pd', 'test:ch:1', new Date())
    expect((await pagerduty.send(message, { eventsUrl: 'https://pd.example.test/v2/enqueue' }, { routingKey: 'R' }, { request, timeoutMs: 1000 })).ok).toBe(true)
    const [a, b] = calls.map((c) => JSON.parse(c.body) as { event_action: string; dedup_key: string })
    expect([a?.event_action, b?.event_action]).toEqual(['trigger', 'resolve'])
    expect(a?.dedup_key).toBe(b?.dedup_key)
  })

  it('writes the file channel under <data dir>/logs/alerts.log', () => {
    expect(fileChannel.alertsLogPath()).toBe(path.join(tmp, 'logs', 'alerts.log'))
  })
})
