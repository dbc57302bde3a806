/**
 * Opening incidents in bulk, for ingest batches (ingest.ts): an alert storm of new keys reads what the new
 * incidents need once per batch — their services with escalation policies, the maintenance windows active
 * now, the fallback policy — plans each incident in memory, and writes them all with one statement
 * (`number` from the sequence in the batch's order), then their trigger notifications with one more.
 */
import { randomUUID } from 'node:crypto'
import type { Prisma } from '@/lib/db'
import type { EscalationPolicy, Incident, MaintenanceWindow, Service } from '@/lib/generated/prisma/client'
import { enqueueManyIncidentNotifications } from '@/lib/notifications/outbox'
import { firstEscalationAt } from '@/lib/oncall/escalation-policy'
import type { Severity } from '@/lib/severity'
import type { Tx } from '@/lib/tx'
import { affectedWorkflows, clinicalImpact } from './impact'
import type { PreparedAlert } from './prepare'

const TITLE_MAX = 200

type PolicyTiming = { id: string; levels: Prisma.JsonValue; severityDelays: Prisma.JsonValue }
type ServiceWithPolicy = Service & { escalationPolicy: EscalationPolicy | null }

/** What the batch's new incidents need, read once. */
export interface OpeningContext {
  services: Map<string, ServiceWithPolicy>
  /** The active window of each service (the one ending last), as activeMaintenance picks it. */
  windows: Map<string, MaintenanceWindow>
  fallback: () => Promise<PolicyTiming | null>
}

export async function openingContext(tx: Tx, serviceKeys: (string | null)[], now: Date, fallback: () => Promise<PolicyTiming | null>): Promise<OpeningContext> {
  const keys = [...new Set(serviceKeys.filter((k): k is string => Boolean(k)))]
  const services = keys.length
    ? await tx.service.findMany({ where: { key: { in: keys } }, include: { escalationPolicy: true } })
    : []
  const windows = new Map<string, MaintenanceWindow>()
  if (services.length) {
    const active = await tx.maintenanceWindow.findMany({
      where: { serviceId: { in: services.map((s) => s.id) }, startsAt: { lte: now }, endsAt: { gt: now } },
      orderBy: { endsAt: 'desc' },
    })
    for (const w of active) if (w.serviceId && !windows.has(w.serviceId)) windows.set(w.serviceId, w)
  }
  return { services: new Map(services.map((s) => [s.key, s])), windows, fallback }
}

export type PlannedIncident = Incident & { service: Service | null }

/** A new incident for an alert whose key has none open: service, workflows, the clinical impact rule,
 * maintenance (muted: no notifications, no escalation) and the first escalation time. Not yet written. */
export async function planIncident(ctx: OpeningContext, a: PreparedAlert, now: Date): Promise<{ incident: PlannedIncident; raisedFrom?: Severity | null; reason?: string | null; window: MaintenanceWindow | null }> {
  const service = a.serviceKey ? (ctx.services.get(a.serviceKey) ?? null) : null
  const { escalationPolicy, ...serviceRow } = service ?? { escalationPolicy: null }
  const policy = escalationPolicy ?? (await ctx.fallback())
  const impact = clinicalImpact(a.severity, affectedWorkflows(service?.workflows, a.workflows))
  const window = service ? (ctx.windows.get(service.id) ?? null) : null
  const incident: PlannedIncident = {
    id: randomUUID(),
    number: 0, // assigned by the sequence when written
    title: a.message.slice(0, TITLE_MAX),
    severity: impact.severity,
    status: 'triggered',
    dedupKey: a.dedupKey,
    serviceId: service?.id ?? null,
    workflows: impact.workflows,
    assigneeId: null,
    escalationPolicyId: policy?.id ?? null,
    escalationLevel: 0,
    nextEscalationAt: window ? null : firstEscalationAt(policy, impact.severity, now),
    alertCount: 1,
    openAlertCount: 1,
    triggeredAt: now,
    lastAlertAt: now,
    acknowledgedAt: null,
    resolvedAt: null,
    muted: Boolean(window),
    reopenCount: 0,
    createdAt: now,
    updatedAt: now,
    service: service ? (serviceRow as Service) : null,
  }
  return { incident, raisedFrom: impact.raisedFrom, reason: impact.reason, window }
}

/** Writes planned incidents in one statement, in order, and queues their trigger notifications. */
export async function writeIncidents(tx: Tx, incidents: PlannedIncident[]): Promise<void> {
  if (incidents.length === 0) return
  const col = <K extends keyof PlannedIncident>(k: K) => incidents.map((i) => i[k] ?? null)
  const iso = (d: Date | null) => (d ? d.toISOString() : null)
  const rows = await tx.$queryRaw<{ id: string; number: number }[]>`
    INSERT INTO "Incident" (id, title, severity, "dedupKey", "serviceId", workflows, "escalationPolicyId", "nextEscalationAt",
                            "alertCount", "openAlertCount", "triggeredAt", "lastAlertAt", muted, "createdAt", "updatedAt")
    SELECT t.id, t.title, t.severity::"Severity", t.key, t.service, ARRAY(SELECT jsonb_array_elements_text(t.workflows::jsonb)), t.policy,
           t.next::timestamptz, 1, 1, t.at::timestamptz, t.at::timestamptz, t.muted, t.at::timestamptz, t.at::timestamptz
    FROM unnest(${col('id')}::uuid[], ${col('title')}::text[], ${col('severity')}::text[], ${col('dedupKey')}::text[],
                ${col('serviceId')}::uuid[], ${incidents.map((i) => JSON.stringify(i.workflows))}::text[], ${col('escalationPolicyId')}::uuid[],
                ${incidents.map((i) => iso(i.nextEscalationAt))}::text[], ${incidents.map((i) => i.triggeredAt.toISOString())}::text[],
                ${col('muted')}::boolean[])
         WITH ORDINALITY AS t(id, title, severity, key, service, workflows, policy, next, at, muted, ord)
    ORDER BY t.ord
    RETURNING id::text AS id, number`
  const numbers = new Map(rows.map((r) => [r.id, Number(r.number)]))
  for (const i of incidents) i.number = numbers.get(i.id) ?? 0
  await enqueueManyIncidentNotifications(tx, incidents, 'trigger')
}
