import 'server-only'
/** Reads for the channels admin page: settings (secrets only as "stored", never their value), and each channel's last delivery. */
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
  pending: number
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

export async function listChannels(): Promise<ChannelView[]> {
  const [channels, last, pending] = await Promise.all([
    db.notificationChannel.findMany({ orderBy: { name: 'asc' } }),
    db.$queryRaw<(LastDelivery & { channelId: string })[]>`
      SELECT DISTINCT ON ("channelId") "channelId", "status", "kind", "attempts", "lastError", "deliveredAt", "createdAt"
      FROM "NotificationOutbox"
      WHERE "attempts" > 0
      ORDER BY "channelId", "createdAt" DESC`,
    db.notificationOutbox.groupBy({ by: ['channelId'], where: { status: 'pending' }, _count: { _all: true } }),
  ])
  const lastBy = new Map(last.map((l) => [l.channelId, l]))
  const pendingBy = new Map(pending.map((p) => [p.channelId, p._count._all]))
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
    return {
      id: c.id,
      name: c.name,
      type,
      enabled: c.enabled,
      minSeverity: c.minSeverity,
      values,
      storedSecrets: stored,
      secretsReadable,
      pending: pendingBy.get(c.id) ?? 0,
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
