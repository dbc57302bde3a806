/**
 * The notifications write layer, channel administration: create, edit, enable/disable, delete, "send test
 * message" and "deliver now". Each command takes the actor and already-validated input (schema.ts), checks
 * `notification:manage`, then writes in one transaction with its audit entry. Audit summaries name the
 * fields that changed, never a secret's value.
 */
import { randomUUID } from 'node:crypto'
import { changeSummary, recordAudit } from '@/lib/audit'
import { authorize, type Actor } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import { ApiError, conflict, notFound, prismaCode, unprocessable } from '@/lib/errors'
import { inTransaction } from '@/lib/tx'
import type { SendResult } from './channels'
import { CLAIM_MS, deliverDue, deliverSoon, recordOutcome, releaseChannel, send, sendContext, type DeliveryDeps, type DeliverySummary } from './delivery'
import { buildTestMessage } from './payload'
import { decryptSecrets, encryptSecrets, SecretKeyMissingError, type SecretMap } from './crypto'
import { channelSettingsFromForm, PAGERDUTY_OFFICIAL_URLS, type ChannelForm } from './schema'

const TARGET = 'notification_channel'

function readableSecrets(secretEnc: string | null, id: string): SecretMap {
  try {
    return decryptSecrets(secretEnc, id)
  } catch {
    // Unreadable (key changed): treated as absent, so the form asks for the secrets again.
    return {}
  }
}

function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort()
}

function encrypt(secrets: SecretMap, id: string): string | null {
  if (Object.keys(secrets).length === 0) return null
  try {
    return encryptSecrets(secrets, id)
  } catch (err) {
    if (err instanceof SecretKeyMissingError) throw new ApiError(422, 'secret_key_missing', err.message)
    throw err
  }
}

/** The actor's current role, read from the database (a session may predate a demotion). */
async function isAdmin(actor: Actor): Promise<boolean> {
  if (actor.type !== 'user' || !actor.id) return false
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { role: true, disabledAt: true } })
  return user?.role === 'admin' && user.disabledAt === null
}

/**
 * PagerDuty's own endpoints are open to anyone who manages channels; another (a proxy) only an administrator
 * may set, since the routing key goes wherever it points. Keeping an override an admin set is not setting one.
 */
async function checkPagerDutyEndpoint(form: ChannelForm, config: Record<string, unknown>, existing: { type: string; config: unknown } | null, actor: Actor) {
  if (form.type !== 'pagerduty') return
  const url = String(config.eventsUrl ?? '')
  if (PAGERDUTY_OFFICIAL_URLS.includes(url)) return
  const before = existing?.type === 'pagerduty' ? (existing.config as Record<string, unknown> | null)?.eventsUrl : undefined
  if (before === url) return
  if (await isAdmin(actor)) return
  throw unprocessable('Please correct the highlighted fields.', {
    pagerdutyEventsUrl: [`Only an administrator can set another endpoint; use ${PAGERDUTY_OFFICIAL_URLS.join(' or ')}`],
  })
}

export async function saveChannel(actor: Actor, form: ChannelForm): Promise<{ id: string; created: boolean }> {
  authorize(actor, 'notification:manage')
  const existing = form.id ? await db.notificationChannel.findUnique({ where: { id: form.id } }) : null
  if (form.id && !existing) throw notFound('No such channel')
  const storedSecrets = existing ? readableSecrets(existing.secretEnc, existing.id) : {}
  const settings = channelSettingsFromForm(
    form,
    existing ? { type: existing.type, config: (existing.config ?? {}) as Record<string, unknown>, secrets: storedSecrets } : {},
  )
  if (!settings.ok) throw unprocessable('Please correct the highlighted fields.', settings.fieldErrors)
  await checkPagerDutyEndpoint(form, settings.config, existing, actor)

  const id = existing?.id ?? randomUUID()
  const secretEnc = encrypt(settings.secrets, id)
  const data = {
    name: form.name,
    type: form.type,
    minSeverity: form.minSeverity,
    enabled: form.enabled,
    config: settings.config as Record<string, string>,
    secretEnc,
  }
  const before = existing
    ? { name: existing.name, type: existing.type, minSeverity: existing.minSeverity, enabled: existing.enabled }
    : null
  const beforeConfig = (existing?.config ?? {}) as Record<string, unknown>
  try {
    await inTransaction(async (tx) => {
      if (existing) await tx.notificationChannel.update({ where: { id }, data })
      else await tx.notificationChannel.create({ data: { id, ...data } })
      await recordAudit(
        actor,
        {
          action: existing ? 'notification_channel.update' : 'notification_channel.create',
          targetType: TARGET,
          targetId: id,
          summary: {
            type: form.type,
            changes: changeSummary(before, { name: form.name, type: form.type, minSeverity: form.minSeverity, enabled: form.enabled }, [
              'name',
              'type',
              'minSeverity',
              'enabled',
            ]),
            configFieldsChanged: changedKeys(beforeConfig, settings.config),
            secretFieldsChanged: changedKeys(storedSecrets, settings.secrets),
          },
        },
        tx,
      )
    })
  } catch (err) {
    if (prismaCode(err) === 'P2002') throw conflict(`A channel named ${form.name} already exists`, { name: ['Already in use'] })
    throw err
  }
  return { id, created: !existing }
}

export async function setChannelEnabled(actor: Actor, id: string, enabled: boolean): Promise<{ name: string; changed: boolean }> {
  authorize(actor, 'notification:manage')
  return inTransaction(async (tx) => {
    const channel = await tx.notificationChannel.findUnique({ where: { id }, select: { name: true, enabled: true, type: true } })
    if (!channel) throw notFound('No such channel')
    if (channel.enabled === enabled) return { name: channel.name, changed: false }
    await tx.notificationChannel.update({ where: { id }, data: { enabled } })
    await recordAudit(
      actor,
      { action: enabled ? 'notification_channel.enable' : 'notification_channel.disable', targetType: TARGET, targetId: id, summary: { type: channel.type } },
      tx,
    )
    return { name: channel.name, changed: true }
  })
}

export async function deleteChannel(actor: Actor, id: string): Promise<{ name: string }> {
  authorize(actor, 'notification:manage')
  return inTransaction(async (tx) => {
    const channel = await tx.notificationChannel.findUnique({ where: { id }, select: { name: true, type: true } })
    if (!channel) throw notFound('No such channel')
    const pending = await tx.notificationOutbox.count({ where: { channelId: id, status: 'pending' } })
    await tx.notificationChannel.delete({ where: { id } })
    await recordAudit(actor, { action: 'notification_channel.delete', targetType: TARGET, targetId: id, summary: { name: channel.name, type: channel.type, pendingDropped: pending } }, tx)
    return { name: channel.name }
  })
}

export interface TestMessageResult extends SendResult {
  outboxId: string
}

/**
 * "Send test message": sends now (even to a disabled channel), outside any transaction; then the outcome
 * and the audit of who asked commit together.
 */
export async function sendTestMessage(actor: Actor, channelId: string, deps: DeliveryDeps & { now?: Date } = {}): Promise<TestMessageResult> {
  authorize(actor, 'notification:manage')
  const now = deps.now ?? new Date()
  const channel = await db.notificationChannel.findUnique({
    where: { id: channelId },
    select: { id: true, name: true, type: true, config: true, secretEnc: true, enabled: true },
  })
  if (!channel) throw notFound('No such channel')
  const idempotencyKey = `test:${channel.id}:${randomUUID()}`
  const message = buildTestMessage(channel.name, idempotencyKey, now)
  // Created already claimed, so the delivery job leaves it to this request.
  const row = await db.notificationOutbox.create({
    data: { channelId, incidentId: null, idempotencyKey, kind: 'test', payload: message, nextAttemptAt: now, claimedUntil: new Date(now.getTime() + CLAIM_MS) },
    select: { id: true, createdAt: true },
  })
  const result = await send(channel, message, sendContext(deps, now))
  const released = await inTransaction(async (tx) => {
    const claimed = { id: row.id, channelId, incidentId: null, kind: 'test', payload: message, attempts: 0, createdAt: row.createdAt, channel }
    const recorded = await recordOutcome(tx, claimed, result, now, { retry: false })
    await recordAudit(
      actor,
      {
        action: 'notification.test',
        targetType: TARGET,
        targetId: channel.id,
        summary: { type: channel.type, ok: result.ok, ...(result.status !== undefined ? { status: result.status } : {}) },
      },
      tx,
    )
    return recorded?.released ?? 0
  })
  // The channel works again: what it released goes out now rather than at the next minute's job.
  if (released > 0) deliverSoon()
  return { ...result, outboxId: row.id }
}

export interface DeliverNowResult extends DeliverySummary {
  name: string
  /** Messages that were waiting for the channel when the button was pressed. */
  waiting: number
  /** Messages still waiting after the pass (failed again, or behind one that did). */
  stillWaiting: number
  /** The failure in words when some are still waiting. */
  lastError: string | null
}

/**
 * "Deliver now": makes every message waiting for the channel due at once (its backoff is skipped, not
 * reset), audited in that transaction, then sends them in one pass, in order, as the job would. A disabled
 * channel is refused (its messages would be given up, not sent).
 */
export async function deliverChannelNow(actor: Actor, channelId: string, deps: DeliveryDeps & { now?: Date } = {}): Promise<DeliverNowResult> {
  authorize(actor, 'notification:manage')
  const now = deps.now ?? new Date()
  const { name, waiting } = await inTransaction(async (tx) => {
    const channel = await tx.notificationChannel.findUnique({ where: { id: channelId }, select: { name: true, type: true, enabled: true } })
    if (!channel) throw notFound('No such channel')
    if (!channel.enabled) throw conflict(`${channel.name} is disabled: enable it before delivering its messages.`)
    const pending = await tx.notificationOutbox.count({ where: { channelId, status: 'pending' } })
    const released = await releaseChannel(tx, channelId, now, { byRequest: true })
    await recordAudit(
      actor,
      { action: 'notification_channel.deliver_now', targetType: TARGET, targetId: channelId, summary: { type: channel.type, waiting: pending, released } },
      tx,
    )
    return { name: channel.name, waiting: pending }
  })
  const summary = await deliverDue(now, { budgetMs: 20_000, ...deps, channelIds: [channelId] })
  const left = await db.notificationOutbox.findFirst({
    where: { channelId, status: 'pending', lastError: { not: null } },
    orderBy: { lastAttemptAt: { sort: 'desc', nulls: 'last' } },
    select: { lastError: true },
  })
  const stillWaiting = await db.notificationOutbox.count({ where: { channelId, status: 'pending' } })
  return { name, waiting, ...summary, stillWaiting, lastError: stillWaiting > 0 ? (left?.lastError ?? null) : null }
}
