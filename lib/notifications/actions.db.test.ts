/** The channels admin actions: permission, validation, write-only secrets shown masked, audit without secrets. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.WARDROOM_SECRET = 'test-wardroom-secret-0123456789abcdef'
})
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }))

import { db } from '@/lib/db'
import { createUser, uid } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { startHttpReceiver, type HttpReceiver } from '@/test/local-receivers'
import { setOutboundAllowListForTests } from '@/lib/http/outbound'
import type { SessionUser } from '@/lib/auth/session'
import { deleteChannelAction, saveChannelAction, sendTestMessageAction, setChannelEnabledAction } from './actions'
import { listChannels } from './queries'

let ops: SessionUser
let receiver: HttpReceiver
const SECRET_URL_TAIL = 'T000/B000/XyZsecretTail'

beforeAll(async () => {
  // The local receivers listen on 127.0.0.1, which the outbound policy refuses unless allow-listed.
  setOutboundAllowListForTests('127.0.0.1')
  ops = await createUser('ops')
  receiver = await startHttpReceiver([200])
})
afterAll(async () => {
  signOut()
  await receiver.close()
})

describe('channel admin actions', () => {
  it('refuses roles without notification:manage', async () => {
    signInAs(await createUser('pm'))
    expect((await saveChannelAction({ name: uid('x'), type: 'console', minSeverity: 'low' })).status).toBe(403)
    signOut()
  })

  it('creates, shows only that a secret is stored, keeps a blank secret on edit, tests, disables and deletes', async () => {
    signInAs(ops)
    const name = uid('slack')
    const invalid = await saveChannelAction({ name, type: 'slack', minSeverity: 'high', enabled: 'on' })
    expect(invalid).toMatchObject({ ok: false, status: 422 })
    expect(invalid.fieldErrors?.slackWebhookUrl).toBeDefined()

    const webhookUrl = `${receiver.url}/services/${SECRET_URL_TAIL}`
    const created = await saveChannelAction({ name, type: 'slack', minSeverity: 'high', enabled: 'on', slackWebhookUrl: webhookUrl })
    expect(created).toMatchObject({ ok: true, status: 201 })
    const id = created.data!.id

    const dup = await saveChannelAction({ name, type: 'console', minSeverity: 'low' })
    expect(dup).toMatchObject({ ok: false, status: 409 })

    const view = (await listChannels()).find((c) => c.id === id)!
    expect(view).toMatchObject({ type: 'slack', enabled: true, minSeverity: 'high', secretsReadable: true, lastDelivery: null })
    expect(view.storedSecrets).toEqual({ slackWebhookUrl: true })
    expect(JSON.stringify(view)).not.toContain('secretTail')

    // Edit without re-entering the secret: it is kept.
    const edited = await saveChannelAction({ id, name, type: 'slack', minSeverity: 'critical', enabled: 'on', slackWebhookUrl: '' })
    expect(edited).toMatchObject({ ok: true, status: 200 })
    const tested = await sendTestMessageAction({ id })
    expect(tested).toMatchObject({ ok: true, message: 'Test message delivered (200).' })
    expect(receiver.requests.at(-1)!.path).toBe(`/services/${SECRET_URL_TAIL}`)
    expect((await listChannels()).find((c) => c.id === id)!.lastDelivery).toMatchObject({ status: 'delivered', kind: 'test', attempts: 1 })

    receiver.respondWith(404)
    expect(await sendTestMessageAction({ id })).toMatchObject({ ok: false, status: 502, message: 'Test message failed: HTTP 404.' })
    receiver.respondWith(200)

    expect(await setChannelEnabledAction({ id, enabled: '' })).toMatchObject({ ok: true, message: `${name} is now disabled.` })
    expect(await deleteChannelAction({ id })).toMatchObject({ ok: true })
    expect(await db.notificationChannel.findUnique({ where: { id } })).toBeNull()

    const audits = await db.auditLog.findMany({ where: { targetId: id }, orderBy: { at: 'asc' } })
    expect(audits.map((a) => a.action)).toEqual([
      'notification_channel.create',
      'notification_channel.update',
      'notification.test',
      'notification.test',
      'notification_channel.disable',
      'notification_channel.delete',
    ])
    expect(audits[0]!.summary).toMatchObject({ type: 'slack', secretFieldsChanged: ['webhookUrl'] })
    expect(audits[1]!.summary).toMatchObject({ secretFieldsChanged: [], changes: { minSeverity: { from: 'high', to: 'critical' } } })
    expect(JSON.stringify(audits.map((a) => a.summary))).not.toContain('secretTail')
  })
})
