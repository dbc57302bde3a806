/**
 * Writes notification rows inside the caller's transaction, so a message exists if and only if the
 * incident change that caused it committed. Delivery happens from the table alone (delivery.ts): a pass
 * about a second later in this process, and the notification-delivery job every minute.
 */
import type { Prisma } from '@/lib/db'
import type { Incident, Service } from '@/lib/generated/prisma/client'
import { deliverSoon } from './delivery'
import { buildIncidentMessage } from './payload'
import { severityAdmits } from '@/lib/severity'

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
 * are read once and every message is written by one statement.
 */
export async function enqueueManyIncidentNotifications(
  tx: Prisma.TransactionClient,
  incidents: (Incident & { service: Service | null })[],
  kind: IncidentNotificationKind,
  opts?: { level?: number },
): Promise<number> {
  const loud = incidents.filter((i) => !i.muted)
  if (loud.length === 0) return 0
  const channels = await tx.notificationChannel.findMany({
    where: { enabled: true },
    select: { id: true, minSeverity: true },
  })
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
          kind,
          payload: buildIncidentMessage(incident, kind, idempotencyKey, { level: opts?.level, now }),
          nextAttemptAt: now,
        }
      }),
  )
  if (rows.length === 0) return 0
  // A repeated hook call (e.g. a retried transaction) must not queue the same message twice.
  const result = await tx.notificationOutbox.createMany({ data: rows, skipDuplicates: true })
  if (result.count > 0) deliverSoon()
  return result.count
}
