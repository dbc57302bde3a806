/**
 * Outbox → channels against local peers: Slack, PagerDuty and a signed webhook on a local HTTP receiver,
 * e-mail to a local SMTP sink; retries on a fake clock (a receiver that fails twice and recovers, a channel
 * down for an hour, a crash between claim and send, the 24 h limit); the timeline records every attempt.
 * The stop-and-restart outage, ordering and "deliver now" are in outage.db.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.WARDROOM_SECRET = 'test-wardroom-secret-0123456789abcdef'
  process.env.NEXTAUTH_URL = 'https://wardroom.test'
})

import { db } from '@/lib/db'
import { actorOfUser, type Actor } from '@/lib/auth/actor'
import type { Severity } from '@/lib/generated/prisma/enums'
import { createUser, uid } from '@/test/factories'
import { startHttpReceiver, startSmtpSink, type HttpReceiver, type SmtpSink } from '@/test/local-receivers'
import { setOutboundAllowListForTests } from '@/lib/http/outbound'
import { saveChannel, sendTestMessage } from './commands'
import { claimDue, CLAIM_MS, deliverDue } from './delivery'
import { enqueueIncidentNotifications, type IncidentNotificationKind } from './outbox'
import { ChannelForm } from './schema'
import { verifyWebhookSignature } from './channels/webhook'

const MIN = 60_000
let actor: Actor
let receiver: HttpReceiver
let sink: SmtpSink

beforeAll(async () => {
  // The local receivers listen on 127.0.0.1, which the outbound policy refuses unless allow-listed.
  setOutboundAllowListForTests('127.0.0.1')
  const user = await createUser('admin')
  actor = actorOfUser(user)
  receiver = await startHttpReceiver()
  sink = await startSmtpSink()
})

afterAll(async () => {
  await receiver.close()
  await sink.close()
})

async function channel(type: string, fields: Record<string, unknown> = {}, opts: { minSeverity?: Severity; enabled?: boolean } = {}) {
  const form = ChannelForm.parse({ name: uid(type), type, minSeverity: opts.minSeverity ?? 'low', enabled: opts.enabled === false ? '' : 'on', ...fields })
  return (await saveChannel(actor, form)).id
}

async function incident(overrides: { severity?: Severity; muted?: boolean } = {}) {
  const service = await db.service.create({ data: { key: uid('svc'), name: 'Triage assistant', workflows: ['emergency_triage'] } })
  return db.incident.create({
    data: {
      title: 'Response time SLA violated',
      severity: overrides.severity ?? 'high',
      dedupKey: uid('dedup'),
      serviceId: service.id,
      workflows: service.workflows,
      muted: overrides.muted ?? false,
    },
    include: { service: true },
  })
}

const enqueue = (inc: Awaited<ReturnType<typeof incident>>, kind: IncidentNotificationKind) =>
  db.$transaction((tx) => enqueueIncidentNotifications(tx, inc, kind))

const rowsOf = (channelId: string) => db.notificationOutbox.findMany({ where: { channelId }, orderBy: { createdAt: 'asc' } })

const timeline = (incidentId: string) =>
  db.incidentEvent.findMany({ where: { incidentId, type: 'notification' }, orderBy: { id: 'asc' } }).then((es) => es.map((e) => e.data as Record<string, unknown>))

describe('enqueueIncidentNotifications', () => {
  it('writes one row per enabled channel that admits the severity, once per key; muted incidents none', async () => {
    const open = await channel('console')
    const off = await channel('console', {}, { enabled: false })
    const criticalOnly = await channel('console', {}, { minSeverity: 'critical' })
    const inc = await incident({ severity: 'high' })

    expect(await enqueue(inc, 'trigger')).toBeGreaterThanOrEqual(1)
    const [row] = await rowsOf(open)
    expect(row).toMatchObject({ kind: 'trigger', status: 'pending', incidentId: inc.id, idempotencyKey: `${inc.id}:trigger:0:${open}` })
    expect(row!.payload).toMatchObject({ summary: 'Response time SLA violated', severity: 'high', service: 'Triage assistant', workflows: ['emergency_triage'], link: `https://wardroom.test/incidents/${inc.id}` })
    expect(await rowsOf(off)).toHaveLength(0)
    expect(await rowsOf(criticalOnly)).toHaveLength(0)

    await enqueue(inc, 'trigger') // a repeated hook call
    expect(await rowsOf(open)).toHaveLength(1)
    await db.$transaction((tx) => enqueueIncidentNotifications(tx, inc, 'escalate', { level: 1 }))
    expect((await rowsOf(open)).map((r) => r.idempotencyKey)).toContain(`${inc.id}:escalate:1:${open}`)

    const muted = await incident({ severity: 'critical', muted: true })
    expect(await enqueue(muted, 'trigger')).toBe(0)
    expect(await db.notificationOutbox.count({ where: { incidentId: muted.id } })).toBe(0)
  })
})

describe('delivery to local peers', () => {
  it('posts Slack text + blocks, PagerDuty trigger/ack/resolve on one dedup key and a signed webhook', async () => {
    receiver.respondWith(200)
    receiver.requests.length = 0
    const slack = await channel('slack', { slackWebhookUrl: `${receiver.url}/slack` })
    const pd = await channel('pagerduty', { pagerdutyRoutingKey: 'R0UTINGKEY0123', pagerdutyEventsUrl: `${receiver.url}/pd` })
    const hook = await channel('webhook', { webhookUrl: `${receiver.url}/hook`, webhookSigningSecret: 'whsec_local_0123456789' })
    const channelIds = [slack, pd, hook]
    const inc = await incident()
    const t0 = new Date()
    for (const [i, kind] of (['trigger', 'acknowledge', 'resolve'] as const).entries()) {
      await enqueue(inc, kind)
      const summary = await deliverDue(new Date(t0.getTime() + i * 1000 + 1000), { channelIds })
      expect(summary).toMatchObject({ attempted: 3, delivered: 3 })
    }

    const slackBodies = receiver.requests.filter((r) => r.path === '/slack').map((r) => JSON.parse(r.body) as { text: string; blocks: unknown[] })
    expect(slackBodies).toHaveLength(3)
    expect(slackBodies[0]!.text).toContain(`INC-${inc.number}`)
    expect(slackBodies[0]!.blocks.length).toBeGreaterThan(2)

    const pdBodies = receiver.requests.filter((r) => r.path === '/pd').map((r) => JSON.parse(r.body) as Record<string, unknown>)
    expect(pdBodies.map((b) => b.event_action)).toEqual(['trigger', 'acknowledge', 'resolve'])
    expect(new Set(pdBodies.map((b) => b.dedup_key))).toEqual(new Set([`wardroom-${inc.id}`]))
    expect(pdBodies[0]).toMatchObject({ routing_key: 'R0UTINGKEY0123', payload: { severity: 'error', source: 'wardroom', component: 'Triage assistant' } })

    const hooks = receiver.requests.filter((r) => r.path === '/hook')
    expect(hooks).toHaveLength(3)
    for (const h of hooks) {
      const ok = verifyWebhookSignature(
        'whsec_local_0123456789',
        String(h.headers['x-wardroom-signature']),
        String(h.headers['x-wardroom-timestamp']),
        h.body,
        new Date(Number(h.headers['x-wardroom-timestamp']) * 1000),
      )
      expect(ok).toBe(true)
      expect(h.headers['idempotency-key']).toMatch(new RegExp(`^${inc.id}:(trigger|acknowledge|resolve):0:${hook}$`))
    }

    const events = await timeline(inc.id)
    expect(events.filter((e) => e.outcome === 'delivered')).toHaveLength(9)
    expect(events[0]).toMatchObject({ kind: 'trigger', outcome: 'delivered', attempt: 1 })
    for (const id of channelIds) expect((await rowsOf(id)).every((r) => r.status === 'delivered' && r.deliveredAt)).toBe(true)
  })

  it('a receiver that fails twice (500) and recovers gets the message on the third attempt, after the backoff', async () => {
    const flaky = await startHttpReceiver([500, 500, 200])
    try {
      const hook = await channel('webhook', { webhookUrl: `${flaky.url}/hook`, webhookSigningSecret: 'whsec_local_0123456789' })
      const inc = await incident()
      await enqueue(inc, 'trigger')
      const t0 = Date.now()
      const at = (ms: number) => new Date(t0 + ms)
      // No jitter: whole steps of 30 s, then 1 min.
      const deliver = (ms: number) => deliverDue(at(ms), { channelIds: [hook], random: () => 0 })

      expect(await deliver(1000)).toMatchObject({ attempted: 1, retrying: 1 })
      expect(await deliver(20_000)).toMatchObject({ attempted: 0, probed: 0 }) // before the 30 s step, tried 19 s ago
      expect(await deliver(31_000)).toMatchObject({ attempted: 1, retrying: 1 })
      expect(await deliver(61_000)).toMatchObject({ attempted: 0, probed: 0 }) // before the 1 min step, tried 30 s ago
      expect(await deliver(91_000 - 4000)).toMatchObject({ attempted: 1, delivered: 1 }) // due within the 5 s tolerance
      expect(await deliver(60 * MIN)).toMatchObject({ attempted: 0 })

      expect(flaky.requests).toHaveLength(3)
      expect(new Set(flaky.requests.map((r) => r.headers['idempotency-key'])).size).toBe(1)
      const [row] = await rowsOf(hook)
      expect(row).toMatchObject({ status: 'delivered', attempts: 3, lastError: null, claimedUntil: null })
      const events = await timeline(inc.id)
      expect(events.map((e) => [e.outcome, e.attempt, e.status, e.error])).toEqual([
        ['retrying', 1, 500, 'HTTP 500: the receiver is up but failing'],
        ['retrying', 2, 500, 'HTTP 500: the receiver is up but failing'],
        ['delivered', 3, 200, undefined],
      ])
    } finally {
      await flaky.close()
    }
  })

  it('a channel down for an hour is probed once a minute and gets the message at the first run after it is back', async () => {
    const peer = await startHttpReceiver([503])
    try {
      const slack = await channel('slack', { slackWebhookUrl: `${peer.url}/slack` })
      const inc = await incident({ severity: 'critical' })
      await enqueue(inc, 'trigger')
      const t0 = Date.now()
      // Other test files may queue their incidents' messages for this channel meanwhile (every enabled channel
      // gets them): the assertions are about this incident's message, and "at least one try a minute".
      const mine = async () => (await db.notificationOutbox.findFirst({ where: { channelId: slack, incidentId: inc.id } }))!
      for (let minute = 0; minute <= 60; minute++) {
        const before = peer.requests.length
        await deliverDue(new Date(t0 + minute * MIN + 1000), { channelIds: [slack], random: () => 0 })
        expect(peer.requests.length, `minute ${minute}`).toBeGreaterThan(before) // on its backoff or as the minute's probe
      }
      // 15 on the backoff (0, 1, 2, 4, 8, then every 5 min to 58); the probes in the other minutes are not attempts.
      expect(await mine()).toMatchObject({ status: 'pending', attempts: 15, lastError: 'HTTP 503: the receiver is up but failing' })
      expect(await timeline(inc.id)).toHaveLength(15)

      peer.respondWith(200)
      // Not due until 63 min: the minute's probe finds the channel back.
      await deliverDue(new Date(t0 + 61 * MIN + 1000), { channelIds: [slack] })
      expect(await mine()).toMatchObject({ status: 'delivered', attempts: 16 })
    } finally {
      await peer.close()
    }
  })

  it('an unreachable peer is retried with a connection error, and given up 24 h after creation', async () => {
    const gone = await startHttpReceiver()
    const url = gone.url
    await gone.close()
    const hook = await channel('webhook', { webhookUrl: `${url}/hook`, webhookSigningSecret: 'whsec_local_0123456789' })
    const inc = await incident()
    await enqueue(inc, 'trigger')
    const [created] = await rowsOf(hook)
    let now = new Date(created!.createdAt.getTime() + 1000)
    for (let i = 0; i < 200; i++) {
      await deliverDue(now, { channelIds: [hook], timeoutMs: 2000, random: () => 0 })
      const [row] = await rowsOf(hook)
      if (row!.status !== 'pending') break
      now = row!.nextAttemptAt
    }
    const [row] = await rowsOf(hook)
    expect(row).toMatchObject({ status: 'dead', attempts: 108 })
    expect(row!.lastError).toBe('Connection refused: nothing is listening at the receiver’s address (down or restarting)')
    expect(now.getTime() - created!.createdAt.getTime()).toBe(24 * 60 * MIN)
    const events = await timeline(inc.id)
    expect(events.at(-1)).toMatchObject({ outcome: 'failed', attempt: 108 })
    expect(events.slice(0, -1).every((e) => e.outcome === 'retrying')).toBe(true)
  })

  it('a crash between claim and send loses nothing: the claim expires and the row is sent once', async () => {
    receiver.respondWith(200)
    const slack = await channel('slack', { slackWebhookUrl: `${receiver.url}/crash` })
    const inc = await incident()
    await enqueue(inc, 'trigger')
    const t0 = Date.now() + 1000
    const claimed = await claimDue(new Date(t0), 10, [slack])
    expect(claimed).toHaveLength(1) // ...and the process dies here, before sending
    const before = receiver.requests.filter((r) => r.path === '/crash').length
    expect(await deliverDue(new Date(t0 + MIN), { channelIds: [slack] })).toMatchObject({ attempted: 0 })
    expect(await deliverDue(new Date(t0 + CLAIM_MS), { channelIds: [slack] })).toMatchObject({ delivered: 1 })
    expect(await deliverDue(new Date(t0 + 2 * CLAIM_MS), { channelIds: [slack] })).toMatchObject({ attempted: 0 })
    expect(receiver.requests.filter((r) => r.path === '/crash').length - before).toBe(1)
  })

  it('sends e-mail over SMTP to a local sink, authenticating with the stored password', async () => {
    const email = await channel('email', {
      smtpHost: '127.0.0.1',
      smtpPort: String(sink.port),
      smtpUsername: 'wardroom',
      smtpPassword: 'smtp-password-123',
      emailFrom: 'wardroom@hospital.test',
      emailTo: 'oncall@hospital.test, lead@hospital.test',
    })
    const inc = await incident({ severity: 'critical' })
    await enqueue(inc, 'trigger')
    expect(await deliverDue(new Date(Date.now() + 1000), { channelIds: [email], timeoutMs: 5000 })).toMatchObject({ delivered: 1 })
    const mail = sink.mails.at(-1)!
    expect(mail.auth).toBe('\u0000wardroom\u0000smtp-password-123')
    expect(mail.from).toContain('wardroom@hospital.test')
    expect(mail.to).toEqual(['<oncall@hospital.test>', '<lead@hospital.test>'])
    expect(mail.data).toMatch(new RegExp(`Subject: \\[CRITICAL\\] Triggered: INC-${inc.number}`))
    expect(mail.data).toContain(`https://wardroom.test/incidents/${inc.id}`)
    expect((await rowsOf(email))[0]).toMatchObject({ status: 'delivered', attempts: 1 })
  })

  it('a channel disabled before delivery gives its messages up at once', async () => {
    const slack = await channel('slack', { slackWebhookUrl: `${receiver.url}/disabled` })
    const inc = await incident()
    await enqueue(inc, 'trigger')
    await db.notificationChannel.update({ where: { id: slack }, data: { enabled: false } })
    expect(await deliverDue(new Date(Date.now() + 1000), { channelIds: [slack] })).toMatchObject({ dead: 1 })
    expect((await rowsOf(slack))[0]).toMatchObject({ status: 'dead', lastError: 'Channel disabled before delivery' })
    expect(receiver.requests.some((r) => r.path === '/disabled')).toBe(false)
  })
})

describe('sendTestMessage', () => {
  it('sends now, records the outcome and audits without the secret', async () => {
    receiver.respondWith(200)
    const hook = await channel('webhook', { webhookUrl: `${receiver.url}/test-hook`, webhookSigningSecret: 'whsec_do_not_log_0123456789' }, { enabled: false })
    const result = await sendTestMessage(actor, hook)
    expect(result).toMatchObject({ ok: true, status: 200 })
    const req = receiver.requests.filter((r) => r.path === '/test-hook').at(-1)!
    expect(JSON.parse(req.body)).toMatchObject({ type: 'wardroom.test', kind: 'test', incidentId: null })
    expect(await db.notificationOutbox.findUnique({ where: { id: result.outboxId } })).toMatchObject({ status: 'delivered', kind: 'test', attempts: 1 })

    receiver.respondWith(500)
    const failed = await sendTestMessage(actor, hook)
    expect(failed).toMatchObject({ ok: false, status: 500, error: 'HTTP 500' })
    // A test message is not retried.
    expect(await db.notificationOutbox.findUnique({ where: { id: failed.outboxId } })).toMatchObject({ status: 'dead', attempts: 1 })
    receiver.respondWith(200)

    const audits = await db.auditLog.findMany({ where: { targetId: hook } })
    expect(audits.map((a) => a.action).sort()).toEqual(['notification.test', 'notification.test', 'notification_channel.create'])
    expect(JSON.stringify(audits.map((a) => a.summary))).not.toContain('whsec_do_not_log')
    const stored = await db.notificationChannel.findUniqueOrThrow({ where: { id: hook } })
    expect(stored.secretEnc).not.toContain('whsec')
    expect(JSON.stringify(stored.config)).not.toContain('whsec')
  })
})
