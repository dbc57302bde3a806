/**
 * End to end: an alert whose message carries an MRN, SSN, e-mail address, phone number and date of birth is
 * ingested through the ordinary path, and what every channel then sends (HTTP bodies and headers, the SMTP
 * conversation, the alerts.log line) contains none of them.
 */
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

const tmp = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? '/tmp'}/wardroom-phi-db-${process.pid}-${Date.now()}`
  process.env.WARDROOM_DATA_DIR = dir
  process.env.WARDROOM_SECRET = 'test-wardroom-secret-0123456789abcdef'
  return dir
})

import { db } from '@/lib/db'
import { actorOfUser, type Actor } from '@/lib/auth/actor'
import { ingestAlert } from './ingest'
import { createUser, uid } from '@/test/factories'
import { startHttpReceiver, startSmtpSink, type HttpReceiver, type SmtpSink } from '@/test/local-receivers'
import { setOutboundAllowListForTests } from '@/lib/http/outbound'
import { deliverDue } from '@/lib/notifications/delivery'
import { saveChannel } from '@/lib/notifications/commands'
import { ChannelForm } from '@/lib/notifications/schema'

const LEAKS = ['Jane', 'Doe', '00482913', '123-45-6789', '45-6789', 'jane.doe', 'example.org', '555-0142', '(617)', '03/14', '14/1962']

let actor: Actor
let receiver: HttpReceiver
let sink: SmtpSink

beforeAll(async () => {
  // The local receivers listen on 127.0.0.1, which the outbound policy refuses unless allow-listed.
  setOutboundAllowListForTests('127.0.0.1')
  const user = await createUser('admin')
  actor = actorOfUser(user)
  receiver = await startHttpReceiver([202])
  sink = await startSmtpSink()
})
afterAll(async () => {
  await receiver.close()
  await sink.close()
  rmSync(tmp, { recursive: true, force: true })
})

const channel = async (type: string, fields: Record<string, unknown> = {}) =>
  (await saveChannel(actor, ChannelForm.parse({ name: uid(type), type, minSeverity: 'info', enabled: 'on', ...fields }))).id

describe('PHI in an alert never leaves through any channel', () => {
  it('Slack, PagerDuty, webhook, e-mail, file and console carry none of it', async () => {
    const ids = [
      await channel('slack', { slackWebhookUrl: `${receiver.url}/slack` }),
      await channel('pagerduty', { pagerdutyRoutingKey: 'R0UTING', pagerdutyEventsUrl: `${receiver.url}/pd` }),
      await channel('webhook', { webhookUrl: `${receiver.url}/hook`, webhookSigningSecret: 'whsec_local_0123456789' }),
      await channel('email', { smtpHost: '127.0.0.1', smtpPort: String(sink.port), emailFrom: 'wardroom@hospital.test', emailTo: 'oncall@hospital.test' }),
      await channel('file'),
      await channel('console'),
    ]
    const service = await db.service.create({ data: { key: uid('svc'), name: 'Triage assistant', workflows: ['emergency_triage'] } })
    const { incidentId } = await ingestAlert(
      actor,
      {
        source: 'api',
        severity: 'high',
        system: 'sla_monitoring',
        message: 'Timeout for patient Jane Doe MRN 00482913, SSN 123-45-6789, jane.doe@example.org, (617) 555-0142, DOB 03/14/1962',
        occurredAt: new Date(),
        serviceKey: service.key,
        details: { patient: 'Jane Doe', note: 'call (617) 555-0142' },
      },
    )
    expect(await db.notificationOutbox.count({ where: { incidentId, channelId: { in: ids } } })).toBe(6)
    const summary = await deliverDue(new Date(Date.now() + 1000), { channelIds: ids, timeoutMs: 5000 })
    // The channels take every severity, so alerts other test files send meanwhile reach them too: what
    // matters is that this incident's six went, and that nothing failed.
    expect(summary.delivered).toBe(summary.attempted)
    expect(await db.notificationOutbox.count({ where: { incidentId, channelId: { in: ids }, status: 'delivered' } })).toBe(6)

    const outputs: [string, string][] = [
      ...receiver.requests.map((r): [string, string] => [r.path, `${JSON.stringify(r.headers)}\n${r.body}`]),
      ...sink.mails.map((m): [string, string] => ['smtp', `${m.from} ${m.to.join(',')}\n${m.data}`]),
      ['alerts.log', readFileSync(path.join(tmp, 'logs', 'alerts.log'), 'utf8')],
      ['outbox payloads', JSON.stringify(await db.notificationOutbox.findMany({ where: { incidentId }, select: { payload: true } }))],
    ]
    expect(outputs.map(([where]) => where).sort()).toEqual(['/hook', '/pd', '/slack', 'alerts.log', 'outbox payloads', 'smtp'])
    for (const [where, text] of outputs) {
      expect(text.length, where).toBeGreaterThan(50)
      for (const leak of LEAKS) expect(text, `${where} leaks "${leak}"`).not.toContain(leak)
    }
    // ...while still saying what is wrong, where, and how bad.
    expect(receiver.requests.find((r) => r.path === '/slack')!.body).toContain('Triage assistant')
  })
})
