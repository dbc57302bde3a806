import 'server-only'
/**
 * Reads for the channels admin page: settings (secrets only as "stored", never their value), each channel's
 * last delivery, and its queue (waiting, retrying, the oldest undelivered message, the last error in words).
 */
import { db } from '@/lib/db'
import type { Severity } from '@/lib/generated/prisma/enums'
import { decryptSecrets, masterSecret } from './crypto'
import { CHANNEL_FIELDS, CHANNEL_TYPES, type ChannelForm, type ChannelType } from './schema'

export interface LastDelivery {
  status: string
  kind: string
  attempts: number
  lastError: string | null
  deliveredAt: Date | null
  createdAt: Date
}

export interface ChannelQueue {
  /** Waiting for a first attempt: new, or behind an earlier undelivered message of the same incident. */
  queued: number
  /** Tried and failed; tried again at their next backoff step, at the channel's next probe or on "deliver now". */
  retrying: number
  /** When the oldest undelivered message was made. */
  oldestAt: Date | null
  /** The most recent failure still on record (a message not delivered since), in words, and when. */
  lastError: { words: string; at: Date } | null
}

export interface ChannelView {
  id: string
  name: string
  type: ChannelType
  enabled: boolean
  minSeverity: Severity
  /** Non-secret form values, for the edit form. */
  values: Partial<Record<keyof ChannelForm, string | boolean>>
  /** Secret form fields that have a stored value. Only that: no tail, no env: name, nothing of the value. */
  storedSecrets: Partial<Record<keyof ChannelForm, true>>
  /** False when stored secrets cannot be decrypted (WARDROOM_SECRET changed). */
  secretsReadable: boolean
  queue: ChannelQueue
  lastDelivery: LastDelivery | null
}

function formValues(type: ChannelType, config: Record<string, unknown>, secrets: Record<string, string>) {
  const values: ChannelView['values'] = {}
  const stored: ChannelView['storedSecrets'] = {}
  for (const m of CHANNEL_FIELDS[type]) {
    if (m.part === 'secrets') {
      if (secrets[m.key]) stored[m.field] = true
      continue
    }
    const v = config[m.key]
    if (Array.isArray(v)) values[m.field] = v.join(', ')
    else if (typeof v === 'boolean') values[m.field] = v
    else if (v !== undefined && v !== null) values[m.field] = String(v)
  }
  return { values, stored }
}

interface QueueRow {
  channelId: string
  queued: bigint
  retrying: bigint
  oldestAt: Date | null
}

interface ErrorRow {
  channelId: string
  lastError: string
  at: Date
}

export async function listChannels(): Promise<ChannelView[]> {
  const [channels, last, queues, errors] = await Promise.all([
    db.notificationChannel.findMany({ orderBy: { name: 'asc' } }),
    db.$queryRaw<(LastDelivery & { channelId: string })[]>`
      SELECT DISTINCT ON ("channelId") "channelId", "status", "kind", "attempts", "lastError", "deliveredAt", "createdAt"
      FROM "NotificationOutbox"
      WHERE "attempts" > 0
      ORDER BY "channelId", COALESCE("lastAttemptAt", "createdAt") DESC`,
    db.$queryRaw<QueueRow[]>`
      SELECT "channelId", count(*) FILTER (WHERE "attempts" = 0) AS "queued", count(*) FILTER (WHERE "attempts" > 0) AS "retrying",
        min("createdAt") AS "oldestAt"
      FROM "NotificationOutbox"
      WHERE "status" = 'pending'
      GROUP BY "channelId"`,
    // Pending and given-up rows keep their last error; a delivered row's is cleared.
    db.$queryRaw<ErrorRow[]>`
      SELECT DISTINCT ON ("channelId") "channelId", "lastError", COALESCE("lastAttemptAt", "createdAt") AS "at"
      FROM "NotificationOutbox"
      WHERE "status" IN ('pending', 'dead') AND "lastError" IS NOT NULL
      ORDER BY "channelId", COALESCE("lastAttemptAt", "createdAt") DESC`,
  ])
  const lastBy = new Map(last.map((l) => [l.channelId, l]))
  const queueBy = new Map(queues.map((q) => [q.channelId, q]))
  const errorBy = new Map(errors.map((e) => [e.channelId, e]))
  return channels.map((c) => {
    const type = (CHANNEL_TYPES as readonly string[]).includes(c.type) ? (c.type as ChannelType) : 'console'
    let secrets: Record<string, string> = {}
    let secretsReadable = true
    try {
      secrets = decryptSecrets(c.secretEnc, c.id)
    } catch {
      secretsReadable = false
    }
    const { values, stored } = formValues(type, (c.config ?? {}) as Record<string, unknown>, secrets)
    const l = lastBy.get(c.id)
    const q = queueBy.get(c.id)
    const e = errorBy.get(c.id)
    return {
      id: c.id,
      name: c.name,
      type,
      enabled: c.enabled,
      minSeverity: c.minSeverity,
      values,
      storedSecrets: stored,
      secretsReadable,
      queue: {
        queued: Number(q?.queued ?? 0),
        retrying: Number(q?.retrying ?? 0),
        oldestAt: q?.oldestAt ?? null,
        lastError: e ? { words: e.lastError, at: e.at } : null,
      },
      lastDelivery: l
        ? { status: l.status, kind: l.kind, attempts: l.attempts, lastError: l.lastError, deliveredAt: l.deliveredAt, createdAt: l.createdAt }
        : null,
    }
  })
}

/** Whether secrets can be stored at all (a master secret is configured). */
export function canStoreSecrets(): boolean {
  return masterSecret() !== null
}
