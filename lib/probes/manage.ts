/** Probe administration: each change in one transaction with its audit entry (field names, never the URL). */
import { changeSummary, recordAudit, type Actor } from '@/lib/audit'
import { db } from '@/lib/db'
import type { OutboundRequest } from '@/lib/http/outbound'
import { notFound, unprocessable } from '@/lib/errors'
import { runProbe, type ProbeRunResult } from './probe'
import type { ProbeForm } from './schema'

const TARGET = 'probe'
const AUDITED = ['name', 'serviceId', 'expectedStatus', 'timeoutMs', 'intervalSeconds', 'failureThreshold', 'successThreshold', 'enabled'] as const

export async function saveProbe(form: ProbeForm, actor: Actor): Promise<{ id: string; created: boolean }> {
  const { id: formId, ...data } = form
  return db.$transaction(async (tx) => {
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

export async function setProbeEnabled(id: string, enabled: boolean, actor: Actor): Promise<{ name: string; changed: boolean }> {
  return db.$transaction(async (tx) => {
    const probe = await tx.probe.findUnique({ where: { id }, select: { name: true, enabled: true } })
    if (!probe) throw notFound('No such probe')
    if (probe.enabled === enabled) return { name: probe.name, changed: false }
    // Re-enabling starts a fresh streak: an old run of failures must not open an incident on the first check.
    await tx.probe.update({ where: { id }, data: { enabled, ...(enabled ? { consecutiveFailures: 0, consecutiveSuccesses: 0 } : {}) } })
    await recordAudit(actor, { action: enabled ? 'probe.enable' : 'probe.disable', targetType: TARGET, targetId: id }, tx)
    return { name: probe.name, changed: true }
  })
}

export async function deleteProbe(id: string, actor: Actor): Promise<{ name: string }> {
  return db.$transaction(async (tx) => {
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

/** "Check now": one run outside the schedule; counts toward the streak like any other run. */
export async function checkProbeNow(id: string, actor: Actor, deps: { request?: OutboundRequest } = {}): Promise<{ name: string; result: ProbeRunResult }> {
  const probe = await db.probe.findUnique({ where: { id }, select: { id: true, name: true, url: true, expectedStatus: true, timeoutMs: true } })
  if (!probe) throw notFound('No such probe')
  const result = await runProbe(probe, deps)
  await recordAudit(actor, { action: 'probe.check', targetType: TARGET, targetId: id, summary: { up: result.up, statusCode: result.statusCode } })
  return { name: probe.name, result }
}
