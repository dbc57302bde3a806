/**
 * Maintenance windows: while one covers a service, its alerts are still recorded but incidents opened then
 * are muted (no notifications, no escalation), and the escalation job holds back the service's open
 * incidents until the window ends.
 */
import { db, type Prisma } from '@/lib/db'
import type { MaintenanceWindow } from '@/lib/generated/prisma/client'
import { recordAudit, type Actor } from '@/lib/audit'
import { conflict, notFound, unprocessable } from '@/lib/errors'
import type { MaintenanceInput } from './schema'

/** The window covering `serviceId` at `at` (start inclusive, end exclusive), the one ending last if several overlap. */
export async function activeMaintenance(
  tx: Prisma.TransactionClient,
  serviceId: string,
  at: Date,
): Promise<MaintenanceWindow | null> {
  return tx.maintenanceWindow.findFirst({
    where: { serviceId, startsAt: { lte: at }, endsAt: { gt: at } },
    orderBy: { endsAt: 'desc' },
  })
}

export async function createMaintenanceWindow(input: MaintenanceInput, actor: Actor, now = new Date()): Promise<MaintenanceWindow> {
  if (input.endsAt <= now) throw unprocessable('A maintenance window must end in the future', { endsAt: ['The end must be in the future'] })
  return db.$transaction(async (tx) => {
    const service = await tx.service.findUnique({ where: { id: input.serviceId }, select: { id: true, key: true } })
    if (!service) throw unprocessable('That service does not exist', { serviceId: ['Choose a service'] })
    const window = await tx.maintenanceWindow.create({ data: input })
    await recordAudit(
      actor,
      {
        action: 'maintenance.create',
        targetType: 'maintenance_window',
        targetId: window.id,
        // The reason is staff free text: recorded on the row (redacted), not in the audit trail.
        summary: { service: service.key, startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString() },
      },
      tx,
    )
    return window
  })
}

/**
 * Ends a window now; one that has not started yet is cancelled (deleted). Ending an ended window is refused.
 * Returns what happened, so the page can say it.
 */
export async function endMaintenanceWindow(
  windowId: string,
  actor: Actor,
  now = new Date(),
): Promise<{ window: MaintenanceWindow; outcome: 'ended' | 'cancelled' }> {
  return db.$transaction(async (tx) => {
    const window = await tx.maintenanceWindow.findUnique({ where: { id: windowId }, include: { service: { select: { key: true } } } })
    if (!window) throw notFound('That maintenance window does not exist')
    if (window.endsAt <= now) throw conflict('That maintenance window has already ended')
    const outcome = window.startsAt > now ? 'cancelled' : 'ended'
    const { service, ...row } = window
    const result =
      outcome === 'cancelled'
        ? await tx.maintenanceWindow.delete({ where: { id: windowId } })
        : await tx.maintenanceWindow.update({ where: { id: windowId }, data: { endsAt: now } })
    await recordAudit(
      actor,
      {
        action: outcome === 'cancelled' ? 'maintenance.cancel' : 'maintenance.end',
        targetType: 'maintenance_window',
        targetId: windowId,
        summary: { service: service.key, endsAt: { from: row.endsAt.toISOString(), to: outcome === 'ended' ? now.toISOString() : null } },
      },
      tx,
    )
    return { window: result, outcome }
  })
}
