/**
 * Channel secrets cannot be turned against the server: env: references only to WARDROOM_CHANNEL_*, a stored
 * secret never follows a changed destination, PagerDuty endpoint overrides are for administrators, the form
 * never shows a stored secret, and test sends obey the outbound address policy (loopback refused unless
 * allow-listed, redirects not followed) with short error classes.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.WARDROOM_SECRET = 'test-wardroom-secret-0123456789abcdef'
  process.env.WARDROOM_CHANNEL_TEST_SIGNING = 'whsec_from_environment_0123456789'
})
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }))

import { db } from '@/lib/db'
import { setOutboundAllowListForTests } from '@/lib/http/outbound'
import type { SessionUser } from '@/lib/auth/session'
import { createUser, uid } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { startHttpReceiver, startSmtpSink, type HttpReceiver, type SmtpSink } from '@/test/local-receivers'
import { saveChannelAction, sendTestMessageAction } from './actions'
import { decryptSecrets, encryptSecrets } from './crypto'
import { verifyWebhookSignature } from './channels/webhook'
import { listChannels } from './queries'

let ops: SessionUser
let admin: SessionUser
let receiver: HttpReceiver
let sink: SmtpSink

beforeAll(async () => {
  ops = await createUser('ops')
  admin = await createUser('admin')
  receiver = await startHttpReceiver([200])
  sink = await startSmtpSink()
})
afterEach(() => {
  signOut()
  setOutboundAllowListForTests(null)
})
afterAll(async () => {
  await receiver.close()
  await sink.close()
})

const hits = (path: string) => receiver.requests.filter((r) => r.path === path).length
const storedSecrets = async (id: string) => decryptSecrets((await db.notificationChannel.findUniqueOrThrow({ where: { id } })).secretEnc, id)

describe('env: references', () => {
  it.each(['env:NEXTAUTH_SECRET', 'env:DATABASE_URL', 'env:CRON_SECRET', 'env:WARDROOM_SECRET'])('an ops user cannot save %s (field error, nothing stored)', async (ref) => {
    signInAs(ops)
    const name = uid('hook')
    const r = await saveChannelAction({ name, type: 'webhook', minSeverity: 'high', enabled: 'on', webhookUrl: `${receiver.url}/x`, webhookSigningSecret: ref })
    expect(r).toMatchObject({ ok: false, status: 422 })
    expect(r.fieldErrors?.webhookSigningSecret?.join(' ')).toMatch(/WARDROOM_CHANNEL_/)
    expect(await db.notificationChannel.findFirst({ where: { name } })).toBeNull()
  })

  it('env:WARDROOM_CHANNEL_* is accepted and resolved at send time', async () => {
    setOutboundAllowListForTests('127.0.0.1')
    signInAs(ops)
    const r = await saveChannelAction({
      name: uid('hook'),
      type: 'webhook',
      minSeverity: 'high',
      enabled: 'on',
      webhookUrl: `${receiver.url}/env-ref`,
      webhookSigningSecret: 'env:WARDROOM_CHANNEL_TEST_SIGNING',
    })
    expect(r).toMatchObject({ ok: true, status: 201 })
    expect(await sendTestMessageAction({ id: r.data!.id })).toMatchObject({ ok: true })
    const req = receiver.requests.filter((q) => q.path === '/env-ref').at(-1)!
    const sig = req.headers['x-wardroom-signature'] as string
    const ts = req.headers['x-wardroom-timestamp'] as string
    expect(verifyWebhookSignature('whsec_from_environment_0123456789', sig, ts, req.body)).toBe(true)
  })

  it('a row stored before the rule (env:NEXTAUTH_SECRET) sends nothing', async () => {
    setOutboundAllowListForTests('127.0.0.1')
    const id = crypto.randomUUID()
    await db.notificationChannel.create({
      data: {
        id,
        name: uid('legacy'),
        type: 'pagerduty',
        minSeverity: 'high',
        enabled: true,
        config: { eventsUrl: `${receiver.url}/legacy` },
        secretEnc: encryptSecrets({ routingKey: 'env:NEXTAUTH_SECRET' }, id),
      },
    })
    signInAs(ops)
    const r = await sendTestMessageAction({ id })
    expect(r).toMatchObject({ ok: false })
    expect(r.message).toMatch(/WARDROOM_CHANNEL_/)
    expect(hits('/legacy')).toBe(0)
  })
})

describe('a stored secret does not follow a changed destination', () => {
  it('changing a webhook URL without re-entering the secret is refused, and the stored secret is unchanged', async () => {
    signInAs(ops)
    const name = uid('hook')
    const base = { name, type: 'webhook', minSeverity: 'high', enabled: 'on' }
    const created = await saveChannelAction({ ...base, webhookUrl: 'https://hooks.example.org/a', webhookSigningSecret: 'whsec_original_0123456789' })
    const id = created.data!.id

    const moved = await saveChannelAction({ ...base, id, webhookUrl: 'https://attacker.example.net/collect', webhookSigningSecret: '' })
    expect(moved).toMatchObject({ ok: false, status: 422 })
    expect(moved.fieldErrors?.webhookSigningSecret?.join(' ')).toMatch(/enter this secret again/)
    const row = await db.notificationChannel.findUniqueOrThrow({ where: { id } })
    expect(row.config).toEqual({ url: 'https://hooks.example.org/a' })
    expect(await storedSecrets(id)).toEqual({ signingSecret: 'whsec_original_0123456789' })

    // With the secret entered again the move is accepted; keeping the URL keeps the secret.
    expect(await saveChannelAction({ ...base, id, webhookUrl: 'https://hooks.example.org/b', webhookSigningSecret: 'whsec_second_0123456789' })).toMatchObject({ ok: true })
    expect(await saveChannelAction({ ...base, id, minSeverity: 'critical', webhookUrl: 'https://hooks.example.org/b' })).toMatchObject({ ok: true })
    expect(await storedSecrets(id)).toEqual({ signingSecret: 'whsec_second_0123456789' })
  })

  it('the same for the SMTP server of an e-mail channel', async () => {
    signInAs(ops)
    const base = { name: uid('mail'), type: 'email', minSeverity: 'high', enabled: 'on', smtpPort: '587', smtpUsername: 'wardroom', emailFrom: 'w@hospital.test', emailTo: 'o@hospital.test' }
    const id = (await saveChannelAction({ ...base, smtpHost: 'smtp.hospital.test', smtpPassword: 'smtp-password-1' })).data!.id
    const moved = await saveChannelAction({ ...base, id, smtpHost: 'smtp.attacker.example.net' })
    expect(moved.fieldErrors?.smtpPassword).toBeDefined()
    expect(await storedSecrets(id)).toEqual({ password: 'smtp-password-1' })
  })

  it('the form shows only that a secret is stored: no tail, no env: name', async () => {
    signInAs(ops)
    const a = (await saveChannelAction({ name: uid('slack'), type: 'slack', minSeverity: 'high', enabled: 'on', slackWebhookUrl: 'https://hooks.slack.com/services/T0/B0/VisibleTail' })).data!.id
    const b = (await saveChannelAction({ name: uid('pd'), type: 'pagerduty', minSeverity: 'high', enabled: 'on', pagerdutyRoutingKey: 'env:WARDROOM_CHANNEL_PD_KEY' })).data!.id
    const views = (await listChannels()).filter((c) => c.id === a || c.id === b)
    expect(views.find((v) => v.id === a)!.storedSecrets).toEqual({ slackWebhookUrl: true })
    expect(views.find((v) => v.id === b)!.storedSecrets).toEqual({ pagerdutyRoutingKey: true })
    const shown = JSON.stringify(views)
    expect(shown).not.toContain('VisibleTail')
    expect(shown).not.toContain('Tail')
    expect(shown).not.toContain('WARDROOM_CHANNEL_PD_KEY')
  })
})

describe('PagerDuty endpoint', () => {
  const pd = (extra: Record<string, unknown>) => ({ name: uid('pd'), type: 'pagerduty', minSeverity: 'high', enabled: 'on', pagerdutyRoutingKey: 'R0UTINGKEY0123', ...extra })

  it("ops may use PagerDuty's own endpoints (US and EU) but not set an override; an admin may", async () => {
    signInAs(ops)
    expect(await saveChannelAction(pd({}))).toMatchObject({ ok: true })
    expect(await saveChannelAction(pd({ pagerdutyEventsUrl: 'https://events.eu.pagerduty.com/v2/enqueue' }))).toMatchObject({ ok: true })
    const name = uid('pd')
    const refused = await saveChannelAction(pd({ name, pagerdutyEventsUrl: 'https://pd-proxy.example.net/v2/enqueue' }))
    expect(refused).toMatchObject({ ok: false, status: 422 })
    expect(refused.fieldErrors?.pagerdutyEventsUrl?.join(' ')).toMatch(/Only an administrator/)
    expect(await db.notificationChannel.findFirst({ where: { name } })).toBeNull()

    signInAs(admin)
    const set = await saveChannelAction(pd({ name, pagerdutyEventsUrl: 'https://pd-proxy.example.net/v2/enqueue' }))
    expect(set).toMatchObject({ ok: true, status: 201 })
    const id = set.data!.id

    // Ops may edit that channel and keep the override, but not point it elsewhere.
    signInAs(ops)
    expect(await saveChannelAction(pd({ id, name, minSeverity: 'critical', pagerdutyEventsUrl: 'https://pd-proxy.example.net/v2/enqueue', pagerdutyRoutingKey: '' }))).toMatchObject({ ok: true })
    const moved = await saveChannelAction(pd({ id, name, pagerdutyEventsUrl: 'https://other-proxy.example.net/v2/enqueue' }))
    expect(moved.fieldErrors?.pagerdutyEventsUrl).toBeDefined()
  })
})

describe('test sends obey the outbound address policy', () => {
  async function webhookTo(path: string) {
    signInAs(ops)
    const r = await saveChannelAction({ name: uid('hook'), type: 'webhook', minSeverity: 'high', enabled: 'on', webhookUrl: `${receiver.url}${path}`, webhookSigningSecret: 'whsec_local_0123456789' })
    return r.data!.id
  }

  it('127.0.0.1 without the allow-list: "refused by policy", and the receiver got nothing', async () => {
    const id = await webhookTo('/loopback')
    const r = await sendTestMessageAction({ id })
    expect(r).toMatchObject({ ok: false, status: 502, message: 'Test message failed: Refused by policy.' })
    expect(hits('/loopback')).toBe(0)
    expect(await db.notificationOutbox.findFirst({ where: { channelId: id, kind: 'test' }, select: { lastError: true } })).toEqual({
      lastError: 'Refused by policy: the address is not allowed by the outbound policy (WARDROOM_OUTBOUND_ALLOW)',
    })
  })

  it('with 127.0.0.1 allow-listed it is delivered', async () => {
    const id = await webhookTo('/allowed')
    setOutboundAllowListForTests('127.0.0.1')
    expect(await sendTestMessageAction({ id })).toMatchObject({ ok: true, message: 'Test message delivered (200).' })
    expect(hits('/allowed')).toBe(1)
  })

  it('e-mail to an SMTP server on 127.0.0.1 is refused the same way, and allowed with the allow-list', async () => {
    signInAs(ops)
    const r = await saveChannelAction({ name: uid('mail'), type: 'email', minSeverity: 'high', enabled: 'on', smtpHost: '127.0.0.1', smtpPort: String(sink.port), emailFrom: 'w@hospital.test', emailTo: 'o@hospital.test' })
    const id = r.data!.id
    const before = sink.mails.length
    expect(await sendTestMessageAction({ id })).toMatchObject({ ok: false, message: 'Test message failed: Refused by policy.' })
    expect(sink.mails.length).toBe(before)
    setOutboundAllowListForTests('127.0.0.1')
    expect(await sendTestMessageAction({ id })).toMatchObject({ ok: true })
    expect(sink.mails.length).toBe(before + 1)
  })

  it('a redirect (to a refused address) is not followed', async () => {
    const target = await startHttpReceiver([200])
    const redirect = http.createServer((_req, res) => res.writeHead(307, { location: `${target.url}/internal` }).end())
    await new Promise<void>((resolve) => redirect.listen(0, '127.0.0.1', resolve))
    try {
      setOutboundAllowListForTests(`127.0.0.1`)
      signInAs(ops)
      const port = (redirect.address() as AddressInfo).port
      const id = (await saveChannelAction({ name: uid('hook'), type: 'webhook', minSeverity: 'high', enabled: 'on', webhookUrl: `http://127.0.0.1:${port}/r`, webhookSigningSecret: 'whsec_local_0123456789' })).data!.id
      expect(await sendTestMessageAction({ id })).toMatchObject({ ok: false, message: 'Test message failed: HTTP 307.' })
      expect(target.requests).toHaveLength(0)
    } finally {
      redirect.closeAllConnections()
      await new Promise<void>((resolve) => redirect.close(() => resolve()))
      await target.close()
    }
  })

  it('a response body over 1 MB is cut off and reported as too large', async () => {
    const big = http.createServer((_req, res) => {
      res.writeHead(200)
      const chunk = Buffer.alloc(256 * 1024, 'y')
      for (let i = 0; i < 8; i++) res.write(chunk)
      res.end()
    })
    await new Promise<void>((resolve) => big.listen(0, '127.0.0.1', resolve))
    try {
      setOutboundAllowListForTests('127.0.0.1')
      signInAs(ops)
      const port = (big.address() as AddressInfo).port
      const id = (await saveChannelAction({ name: uid('hook'), type: 'webhook', minSeverity: 'high', enabled: 'on', webhookUrl: `http://127.0.0.1:${port}/big`, webhookSigningSecret: 'whsec_local_0123456789' })).data!.id
      expect(await sendTestMessageAction({ id })).toMatchObject({ ok: false, message: 'Test message failed: Response body too large.' })
    } finally {
      big.closeAllConnections()
      await new Promise<void>((resolve) => big.close(() => resolve()))
    }
  })
})
