/**
 * Writes notification rows inside the caller's transaction, so a message exists if and only if the
 * incident change that caused it committed. Delivery happens from the table alone (delivery.ts): a pass
 * about a second later in this process, and the notification-delivery job every minute.
 */
import { randomUUID } from 'node:crypto'
import type { Prisma } from '@/lib/db'
import type { Incident, Service } from '@/lib/generated/prisma/client'
import { asSql, type Sql } from '@/lib/tx'
import { deliverSoon } from './delivery'
import { buildIncidentMessage } from './payload'
import { severityAdmits, type Severity } from '@/lib/severity'

export type IncidentNotificationKind = 'trigger' | 'acknowledge' | 'resolve' | 'escalate'

/** One message per incident, reopen cycle, kind, escalation level and channel. */
export function outboxIdempotencyKey(incidentId: string, kind: string, level: number, channelId: string, cycle = 0): string {
  return cycle ? `${incidentId}:${cycle}:${kind}:${level}:${channelId}` : `${incidentId}:${kind}:${level}:${channelId}`
}

/** One row per enabled channel whose minSeverity admits the incident; muted incidents get none. Returns rows written. */
export async function enqueueIncidentNotifications(
  tx: Prisma.TransactionClient,
  incident: Incident & { service: Service | null },
  kind: IncidentNotificationKind,
  opts?: { level?: number },
): Promise<number> {
  return enqueueManyIncidentNotifications(tx, [incident], kind, opts)
}

/**
 * enqueueIncidentNotifications for several incidents at once (an alert storm opening many): the channels
 * are read once and every message is written by one statement. Runs in a Prisma transaction or in raw SQL
 * (alert ingest's own transaction, lib/tx.ts `Sql`).
 */
export async function enqueueManyIncidentNotifications(
  tx: Prisma.TransactionClient | Sql,
  incidents: (Incident & { service: Service | null })[],
  kind: IncidentNotificationKind,
  opts?: { level?: number },
): Promise<number> {
  const loud = incidents.filter((i) => !i.muted)
  if (loud.length === 0) return 0
  const sql = asSql(tx)
  const channels = await sql.query<{ id: string; minSeverity: Severity }>(
    'SELECT id::text AS id, "minSeverity"::text AS "minSeverity" FROM "NotificationChannel" WHERE enabled',
  )
  const level = opts?.level ?? 0
  const now = new Date()
  const rows = loud.flatMap((incident) =>
    channels
      .filter((c) => severityAdmits(c.minSeverity, incident.severity))
      .map((c) => {
        const idempotencyKey = outboxIdempotencyKey(incident.id, kind, level, c.id, incident.reopenCount)
        return {
          channelId: c.id,
          incidentId: incident.id,
          idempotencyKey,
          payload: JSON.stringify(buildIncidentMessage(incident, kind, idempotencyKey, { level: opts?.level, now })),
        }
      }),
  )
  if (rows.length === 0) return 0
  // A repeated hook call (e.g. a retried transaction) must not queue the same message twice. Rows are
  // inserted in list order (seq), which is the order of events per incident.
  const written = await sql.query<{ n: number }>(
    `WITH ins AS (
       INSERT INTO "NotificationOutbox" (id, "channelId", "incidentId", "idempotencyKey", kind, payload, "nextAttemptAt")
       SELECT t.id, t.channel, t.incident, t.key, $5, t.payload::jsonb, $6::timestamptz
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $7::text[]) WITH ORDINALITY AS t(id, channel, incident, key, payload, ord)
       ORDER BY t.ord
       ON CONFLICT ("idempotencyKey") DO NOTHING
       RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
    [rows.map(() => randomUUID()), rows.map((r) => r.channelId), rows.map((r) => r.incidentId), rows.map((r) => r.idempotencyKey), kind, now.toISOString(), rows.map((r) => r.payload)],
  )
  const count = written[0]?.n ?? 0
  if (count > 0) deliverSoon()
  return count
}

/**
 * Tells named people of an incident by e-mail (the safety officers of a patient-safety concern): one row per
 * enabled e-mail channel that admits the incident, sent to `recipients` instead of the channel's own list.
 * The message is the incident's usual PHI-free shape. Idempotent per incident, audience and channel.
 */
export async function enqueuePeopleNotification(
  tx: Prisma.TransactionClient,
  incident: Incident & { service: Service | null },
  audience: string,
  recipients: readonly string[],
): Promise<number> {
  if (recipients.length === 0) return 0
  const channels = await tx.notificationChannel.findMany({ where: { enabled: true, type: 'email' }, select: { id: true, minSeverity: true }, orderBy: { name: 'asc' } })
  const now = new Date()
  let written = 0
  for (const c of channels.filter((ch) => severityAdmits(ch.minSeverity, incident.severity))) {
    const idempotencyKey = `${incident.id}:${audience}:${c.id}`
    const payload = { ...buildIncidentMessage(incident, 'trigger', idempotencyKey, { now }), recipients: recipients.slice(0, 50) }
    const r = await tx.notificationOutbox.createMany({
      data: [{ id: randomUUID(), channelId: c.id, incidentId: incident.id, idempotencyKey, kind: 'trigger', payload, nextAttemptAt: now }],
      skipDuplicates: true,
    })
    written += r.count
  }
  if (written > 0) deliverSoon()
  return written
}
