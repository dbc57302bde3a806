/**
 * The probes write layer: create/edit, enable/pause, delete, and "check now". Each command takes the actor
 * and already-validated input (schema.ts), checks `probe:manage`, then writes in one transaction with its
 * audit entry inside it (field names, never the URL).
 */
import { changeSummary, recordAudit } from '@/lib/audit'
import { authorize, type Actor } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import type { OutboundRequest } from '@/lib/http/outbound'
import { notFound, unprocessable } from '@/lib/errors'
import { inTransaction } from '@/lib/tx'
import { runProbe, type ProbeRunResult } from './probe'
import type { ProbeForm } from './schema'

const TARGET = 'probe'
const AUDITED = ['name', 'serviceId', 'expectedStatus', 'timeoutMs', 'intervalSeconds', 'failureThreshold', 'successThreshold', 'latencyThresholdMs', 'enabled'] as const

export async function saveProbe(actor: Actor, form: ProbeForm): Promise<{ id: string; created: boolean }> {
  authorize(actor, 'probe:manage')
  const { id: formId, ...data } = form
  return inTransaction(async (tx) => {
    const service = await tx.service.findUnique({ where: { id: data.serviceId }, select: { id: true } })
    if (!service) throw unprocessable('Choose a service', { serviceId: ['No such service'] })
    const before = formId ? await tx.probe.findUnique({ where: { id: formId } }) : null
    if (formId && !before) throw notFound('No such probe')
    const row = before ? await tx.probe.update({ where: { id: before.id }, data }) : await tx.probe.create({ data })
    await recordAudit(
      actor,
      {
        action: before ? 'probe.update' : 'probe.create',
        targetType: TARGET,
        targetId: row.id,
        summary: { changes: changeSummary(before, row, AUDITED), urlChanged: before ? before.url !== row.url : true },
      },
      tx,
    )
    return { id: row.id, created: !before }
  })
}

export async function setProbeEnabled(actor: Actor, id: string, enabled: boolean): Promise<{ name: string; changed: boolean }> {
  authorize(actor, 'probe:manage')
  return inTransaction(async (tx) => {
    const probe = await tx.probe.findUnique({ where: { id }, select: { name: true, enabled: true } })
    if (!probe) throw notFound('No such probe')
    if (probe.enabled === enabled) return { name: probe.name, changed: false }
    // Re-enabling starts a fresh streak: an old run of failures must not open an incident on the first check.
    await tx.probe.update({ where: { id }, data: { enabled, ...(enabled ? { consecutiveFailures: 0, consecutiveSuccesses: 0, consecutiveSlow: 0, consecutiveFast: 0 } : {}) } })
    await recordAudit(actor, { action: enabled ? 'probe.enable' : 'probe.disable', targetType: TARGET, targetId: id }, tx)
    return { name: probe.name, changed: true }
  })
}

export async function deleteProbe(actor: Actor, id: string): Promise<{ name: string }> {
  authorize(actor, 'probe:manage')
  return inTransaction(async (tx) => {
    const probe = await tx.probe.findUnique({ where: { id }, select: { name: true, serviceId: true, openIncidentId: true } })
    if (!probe) throw notFound('No such probe')
    await tx.probe.delete({ where: { id } })
    await recordAudit(
      actor,
      { action: 'probe.delete', targetType: TARGET, targetId: id, summary: { name: probe.name, serviceId: probe.serviceId, hadOpenIncident: probe.openIncidentId !== null } },
      tx,
    )
    return { name: probe.name }
  })
}

/** "Check now": one run outside the schedule; counts toward the streak like any other run, audited in the run's transaction. */
export async function checkProbeNow(actor: Actor, id: string, deps: { request?: OutboundRequest } = {}): Promise<{ name: string; result: ProbeRunResult }> {
  authorize(actor, 'probe:manage')
  const probe = await db.probe.findUnique({ where: { id }, select: { id: true, name: true, url: true, expectedStatus: true, timeoutMs: true } })
  if (!probe) throw notFound('No such probe')
  const result = await runProbe(probe, {
    ...deps,
    audit: (tx, check) => recordAudit(actor, { action: 'probe.check', targetType: TARGET, targetId: id, summary: { up: check.up, statusCode: check.statusCode } }, tx),
  })
  return { name: probe.name, result }
}
