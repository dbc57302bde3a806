/**
 * Opening incidents in bulk, for ingest batches (ingest.ts): an alert storm of new keys reads what the new
 * incidents need once per batch — their services with escalation policies, the maintenance windows active
 * now, the fallback policy — plans each incident in memory, and writes them all with one statement
 * (`number` from the sequence in the batch's order), then their trigger notifications with one more.
 */
import { randomUUID } from 'node:crypto'
import type { Prisma } from '@/lib/db'
import type { Incident, MaintenanceWindow, Service } from '@/lib/generated/prisma/client'
import { enqueueManyIncidentNotifications } from '@/lib/notifications/outbox'
import { firstEscalationAt } from '@/lib/oncall/escalation-policy'
import type { Severity } from '@/lib/severity'
import type { Sql } from '@/lib/tx'
import { affectedWorkflows, clinicalImpact } from './impact'
import type { PreparedAlert } from './prepare'

const TITLE_MAX = 200

type PolicyTiming = { id: string; levels: Prisma.JsonValue; severityDelays: Prisma.JsonValue }
type ServiceWithPolicy = Service & { escalationPolicy: PolicyTiming | null }

/** What the batch's new incidents need, read once. */
export interface OpeningContext {
  services: Map<string, ServiceWithPolicy>
  /** The active window of each service (the one ending last), as activeMaintenance picks it. */
  windows: Map<string, Pick<MaintenanceWindow, 'id' | 'endsAt'>>
  fallback: () => Promise<PolicyTiming | null>
}

type ServiceRow = Service & { policy: PolicyTiming | null; windowId: string | null; windowEndsAt: Date | null }

/**
 * The catalogue's default service: an alert naming a service key that is not in the catalogue opens its
 * incident here (the alert row keeps the key it named, so the incident page can offer to create it).
 * Created by ingest with the first alert that names a service not in the catalogue (not by a migration: a
 * migrated row would collide with the same row restored from a backup).
 */
export const UNASSIGNED_SERVICE_KEY = 'unassigned'
const UNASSIGNED_NAME = 'Unassigned'
const UNASSIGNED_DESCRIPTION = 'Alerts that name a service not in the catalogue land here until someone adds that service.'

/**
 * The batch's services with their escalation policies and active maintenance windows, in one statement.
 * With the named services comes the default service; when a named key is unknown and the default service
 * is missing, the same statement creates it (no audit row: it is the system's own default, not anyone's change; and it costs no round trip).
 */
export async function openingContext(sql: Sql, serviceKeys: (string | null)[], now: Date, fallback: () => Promise<PolicyTiming | null>): Promise<OpeningContext> {
  const keys = [...new Set(serviceKeys.filter((k): k is string => Boolean(k)))]
  const rows = keys.length
    ? await sql.query<ServiceRow>(
        `WITH created AS (
           INSERT INTO "Service" (id, key, name, description, workflows, "autoResolve", tier, "createdAt", "updatedAt")
           SELECT gen_random_uuid(), $3, $4, $5, '{}', true, 3, $2::timestamptz, $2::timestamptz
           WHERE NOT EXISTS (SELECT 1 FROM "Service" WHERE key = $3)
             AND EXISTS (SELECT 1 FROM unnest($1::text[]) AS u(key) WHERE NOT EXISTS (SELECT 1 FROM "Service" s WHERE s.key = u.key))
           ON CONFLICT (key) DO NOTHING
           RETURNING *),
         found AS (
           SELECT * FROM "Service" WHERE key = ANY($1::text[] || $3::text)
           UNION ALL SELECT * FROM created)
         SELECT s.id::text AS id, s.key, s.name, s.description, s.workflows, s."autoResolve", s."escalationPolicyId"::text AS "escalationPolicyId",
                s."ownerTeam", s.tier, s."runbookUrl", s."archivedAt", s."createdAt", s."updatedAt",
                CASE WHEN p.id IS NULL THEN NULL ELSE jsonb_build_object('id', p.id::text, 'levels', p.levels, 'severityDelays', p."severityDelays") END AS policy,
                w.id::text AS "windowId", w."endsAt" AS "windowEndsAt"
         FROM found s
         LEFT JOIN "EscalationPolicy" p ON p.id = s."escalationPolicyId"
         LEFT JOIN LATERAL (
           SELECT m.id, m."endsAt" FROM "MaintenanceWindow" m
           WHERE m."serviceId" = s.id AND m."startsAt" <= $2::timestamptz AND m."endsAt" > $2::timestamptz
           ORDER BY m."endsAt" DESC LIMIT 1) w ON true`,
        [keys, now.toISOString(), UNASSIGNED_SERVICE_KEY, UNASSIGNED_NAME, UNASSIGNED_DESCRIPTION],
      )
    : []
  const services = new Map<string, ServiceWithPolicy>()
  const windows = new Map<string, Pick<MaintenanceWindow, 'id' | 'endsAt'>>()
  for (const { policy, windowId, windowEndsAt, ...service } of rows) {
    services.set(service.key, { ...service, escalationPolicy: policy })
    if (windowId && windowEndsAt) windows.set(service.id, { id: windowId, endsAt: new Date(windowEndsAt) })
  }
  return { services, windows, fallback }
}

export type PlannedIncident = Incident & { service: Service | null }

/** A new incident for an alert whose key has none open: service, workflows, the clinical impact rule,
 * maintenance (muted: no notifications, no escalation) and the first escalation time. Not yet written. */
export async function planIncident(ctx: OpeningContext, a: PreparedAlert, now: Date): Promise<{ incident: PlannedIncident; raisedFrom?: Severity | null; reason?: string | null; window: Pick<MaintenanceWindow, 'id' | 'endsAt'> | null }> {
  // A named service that is not in the catalogue: the default service (the alert row keeps the name).
  const service = a.serviceKey ? (ctx.services.get(a.serviceKey) ?? ctx.services.get(UNASSIGNED_SERVICE_KEY) ?? null) : null
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
export async function writeIncidents(sql: Sql, incidents: PlannedIncident[]): Promise<void> {
  if (incidents.length === 0) return
  const col = <K extends keyof PlannedIncident>(k: K) => incidents.map((i) => i[k] ?? null)
  const iso = (d: Date | null) => (d ? d.toISOString() : null)
  const rows = await sql.query<{ id: string; number: number }>(
    `INSERT INTO "Incident" (id, title, severity, "dedupKey", "serviceId", workflows, "escalationPolicyId", "nextEscalationAt",
                             "alertCount", "openAlertCount", "triggeredAt", "lastAlertAt", muted, "createdAt", "updatedAt")
     SELECT t.id, t.title, t.severity::"Severity", t.key, t.service, ARRAY(SELECT jsonb_array_elements_text(t.workflows::jsonb)), t.policy,
            t.next::timestamptz, 1, 1, t.at::timestamptz, t.at::timestamptz, t.muted, t.at::timestamptz, t.at::timestamptz
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::uuid[], $8::text[], $9::text[], $10::boolean[])
          WITH ORDINALITY AS t(id, title, severity, key, service, workflows, policy, next, at, muted, ord)
     ORDER BY t.ord
     RETURNING id::text AS id, number`,
    [
      col('id'),
      col('title'),
      col('severity'),
      col('dedupKey'),
      col('serviceId'),
      incidents.map((i) => JSON.stringify(i.workflows)),
      col('escalationPolicyId'),
      incidents.map((i) => iso(i.nextEscalationAt)),
      incidents.map((i) => i.triggeredAt.toISOString()),
      col('muted'),
    ],
  )
  const numbers = new Map(rows.map((r) => [r.id, Number(r.number)]))
  for (const i of incidents) i.number = numbers.get(i.id) ?? 0
  await enqueueManyIncidentNotifications(sql, incidents, 'trigger')
}
