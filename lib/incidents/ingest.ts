/**
 * Alert ingest, the batch write: every single alert (own API, PagerDuty triggers, health probes, failing
 * jobs, SLO burn) ends in `ingestAlert`, and Alertmanager groups in `ingestBatchInTx` (adapters/).
 * Alerts arrive prepared (prepare.ts: validated, PHI-redacted, keyed).
 *
 * Dedup is serialised per key with `pg_advisory_xact_lock(hashtext(dedupKey))`: concurrent duplicates
 * queue on the key, the first opens the incident and the rest join it, so one key never has two open
 * incidents. A trigger after the incident resolved opens a new incident.
 *
 * Throughput: single alerts arriving together are written by group commit (group-commit.ts) — one
 * transaction per batch on a raw pool connection (lib/tx.ts `inRawTransaction`: node-postgres costs a
 * fifth of Prisma per statement): the keys' locks, the open incidents locked in one query, new incidents in
 * one INSERT, all alert rows, counters and timeline entries in one statement that also takes the audit
 * chain's lock, then one audit row per request in one INSERT. A batch of duplicates is six round trips
 * whatever its size. Each request still gets its own alert row, result and audit row, and its answer only
 * after the commit; then the change is counted and published live.
 */
import { randomUUID } from 'node:crypto'
import { Prisma } from '@/lib/db'
import { AUDIT_LOCK_KEY, recordAuditBatch } from '@/lib/audit'
import type { Actor } from '@/lib/auth/actor'
import { publishIncidentChange } from '@/lib/live'
import { firstEscalationAt } from '@/lib/oncall/escalation-policy'
import { GUIDE_LADDER_NAME } from '@/lib/oncall/guide-ladder'
import { SEVERITY_RANK, type Severity } from '@/lib/severity'
import { asSql, inRawTransaction, type Sql, type Tx } from '@/lib/tx'
import { createGroupCommit } from './group-commit'
import { affectedWorkflows, clinicalImpact } from './impact'
import { openingContext, planIncident, writeIncidents, type PlannedIncident } from './open-batch'
import { countAlert, countIncidentOpened } from './metrics'
import { authorizeIngest, ingestAudit, prepareAlert, type PreparedAlert, type RequestContext } from './prepare'
import type { NormalizedAlert } from './schema'

/**
 * Alerts of services without their own policy follow the first of these policies that exists: the
 * operations guides' ladder (seeded with the demo), else a policy named "Default" (installs from before it).
 */
export const DEFAULT_ESCALATION_POLICIES = [GUIDE_LADDER_NAME, 'Default'] as const
/** A repeat of an alert is written on the timeline at most this often (the alert rows keep them all). */
const REPEAT_TIMELINE_MS = 5 * 60_000

export interface IngestResult {
  alertId: string
  incidentId: string
  deduplicated: boolean
  /** The key the alert was grouped by (PagerDuty answers it as dedup_key). */
  dedupKey: string
}

/** An open incident of a key in the batch, as locked at the start of the batch and updated as it goes. */
interface OpenRow {
  id: string
  dedupKey: string
  severity: Severity
  workflows: string[]
  status: string
  muted: boolean
  escalationLevel: number
  escalationPolicyId: string | null
  triggeredAt: Date
  alertCount: number
  lastAlertAt: Date
}

/**
 * The open incidents of the keys, row-locked, each with those of the batch's fingerprints it has already
 * seen (a new fingerprint is a new distinct alert), in one round trip. A concurrent resolve that commits
 * first makes its row no longer match (the lock re-checks the condition), so an alert never joins a
 * just-resolved incident.
 */
async function lockOpenIncidents(sql: Sql, keys: string[], fingerprints: string[]): Promise<{ open: Map<string, OpenRow>; seen: Set<string> }> {
  const rows = await sql.query<OpenRow & { seen: string[] }>(
    `WITH locked AS (
       SELECT id, "dedupKey", severity, workflows, status, muted, "escalationLevel", "escalationPolicyId", "triggeredAt", "alertCount", "lastAlertAt"
       FROM "Incident"
       WHERE "dedupKey" = ANY($1::text[]) AND status <> 'resolved'
       ORDER BY "triggeredAt" ASC
       FOR UPDATE)
     SELECT l.id::text AS id, l."dedupKey", l.severity::text AS severity, l.workflows, l.status::text AS status, l.muted, l."escalationLevel",
            l."escalationPolicyId"::text AS "escalationPolicyId", l."triggeredAt", l."alertCount", l."lastAlertAt",
            CASE WHEN cardinality($2::text[]) = 0 THEN '{}'::text[]
                 ELSE ARRAY(SELECT DISTINCT a.fingerprint FROM "Alert" a WHERE a."incidentId" = l.id AND a.fingerprint = ANY($2::text[])) END AS seen
     FROM locked l
     ORDER BY l."triggeredAt" ASC`,
    [keys, fingerprints],
  )
  // One open incident per key is the invariant; should history disagree, the newest wins.
  const open = new Map<string, OpenRow>()
  const seen = new Set<string>()
  for (const { seen: fps, ...row } of rows) {
    open.set(row.dedupKey, row)
    for (const fp of fps) seen.add(`${row.id}|${fp}`)
  }
  return { open, seen }
}

function alertEventData(a: PreparedAlert, alertId: string, extra: Record<string, unknown>) {
  return { alertId, source: a.source, severity: a.severity, message: a.message, ...extra }
}

/**
 * A new distinct alert (a fingerprint not seen in this incident) may widen the incident: more workflows,
 * higher severity. Repeats of the same alert never change severity, so a person's severity decision
 * stands against the next repeat of the alert it overrode.
 */
async function widenIncident(sql: Sql, row: OpenRow, a: PreparedAlert, actor: Actor, now: Date, sink: BatchSink): Promise<void> {
  const workflows = affectedWorkflows(row.workflows, a.workflows)
  const impact = clinicalImpact(a.severity, workflows)
  const raise = SEVERITY_RANK[impact.severity] < SEVERITY_RANK[row.severity]
  const widen = workflows.length !== row.workflows.length
  if (!raise && !widen) return
  let nextEscalationAt: Date | null | undefined
  if (raise) {
    if (row.status === 'triggered' && !row.muted && row.escalationLevel === 0) {
      const [policy] = row.escalationPolicyId
        ? await sql.query<{ levels: unknown; severityDelays: unknown }>('SELECT levels, "severityDelays" FROM "EscalationPolicy" WHERE id = $1::uuid', [row.escalationPolicyId])
        : []
      nextEscalationAt = firstEscalationAt(policy ?? null, impact.severity, row.triggeredAt)
    }
    sink.events.push({
      incidentId: row.id,
      at: now,
      type: 'severity',
      actorLabel: actor.label,
      data: { from: row.severity, to: impact.severity, reason: impact.reason ?? 'A more severe alert joined the incident' },
    })
  }
  await sql.query(
    `UPDATE "Incident" SET workflows = $2::text[], severity = COALESCE($3::"Severity", severity),
            "nextEscalationAt" = CASE WHEN $4::boolean THEN $5::timestamptz ELSE "nextEscalationAt" END, "updatedAt" = $6::timestamptz
     WHERE id = $1::uuid`,
    [row.id, workflows, raise ? impact.severity : null, nextEscalationAt !== undefined, nextEscalationAt ? nextEscalationAt.toISOString() : null, now.toISOString()],
  )
  row.workflows = workflows
  if (raise) row.severity = impact.severity
}

/** Rows a batch writes at its end, in one statement per table. */
interface BatchSink {
  alerts: Prisma.AlertCreateManyInput[]
  events: Prisma.IncidentEventCreateManyInput[]
  opened: Severity[]
}

type PolicyTiming = { id: string; levels: Prisma.JsonValue; severityDelays: Prisma.JsonValue }
const POLICY_CACHE_MS = 10_000
const policyCache: { at: number; value: PolicyTiming | null } = { at: 0, value: null }

/** The fallback policy, cached for a few seconds: new incidents of unknown services open in bursts. */
async function defaultPolicy(sql: Sql): Promise<PolicyTiming | null> {
  if (Date.now() - policyCache.at < POLICY_CACHE_MS) return policyCache.value
  const [value] = await sql.query<PolicyTiming>(
    'SELECT id::text AS id, levels, "severityDelays" FROM "EscalationPolicy" WHERE name = ANY($1::text[]) ORDER BY array_position($1::text[], name) LIMIT 1',
    [DEFAULT_ESCALATION_POLICIES],
  )
  Object.assign(policyCache, { at: Date.now(), value: value ?? null })
  return value ?? null
}

function alertRow(a: PreparedAlert, alertId: string, incidentId: string, now: Date): Prisma.AlertCreateManyInput {
  return {
    id: alertId,
    incidentId,
    source: a.source,
    severity: a.severity,
    system: a.system,
    serviceKey: a.serviceKey,
    message: a.message,
    dedupKey: a.dedupKey,
    fingerprint: a.fingerprint,
    details: a.details ?? Prisma.DbNull,
    occurredAt: a.occurredAt,
    receivedAt: now,
  }
}

/**
 * Takes the dedup locks of the keys in one statement, in hash order, so that two batches sharing keys
 * queue instead of deadlocking (the same lock as transitions.ts `lockDedupKey`).
 */
async function lockKeys(sql: Sql, keys: string[]): Promise<void> {
  await sql.query(
    // (Counted: a column of type void is one Prisma cannot read, and these statements run in either.)
    'SELECT count(pg_advisory_xact_lock(h))::int AS n FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest($1::text[]) AS k ORDER BY h) s',
    [[...new Set(keys)]],
  )
}

export interface BatchAlert {
  a: PreparedAlert
  actor: Actor
}

/**
 * Ingests alerts in order inside the caller's transaction, which holds their keys' locks; the caller
 * audits. Duplicates (the usual case under load) cost no statement of their own: their alert rows go in
 * one INSERT and their incidents' counters in one UPDATE. Opening an incident, a new distinct alert
 * joining one, and the timeline note of a repeat take their own statements.
 */
export async function ingestBatchInTx(
  tx: Tx | Sql,
  batch: BatchAlert[],
  now: Date,
  opts: { auditChain?: boolean } = {},
): Promise<{ results: IngestResult[]; opened: Severity[] }> {
  if (batch.length === 0) return { results: [], opened: [] }
  const sql = asSql(tx)
  const auditChain = opts.auditChain ?? false
  const { open, seen } = await lockOpenIncidents(
    sql,
    [...new Set(batch.map((b) => b.a.dedupKey))],
    [...new Set(batch.flatMap(({ a }) => (a.fingerprint ? [a.fingerprint] : [])))],
  )
  const sink: BatchSink = { alerts: [], events: [], opened: [] }
  const fresh = batch.filter(({ a }) => !open.has(a.dedupKey))
  const opening = fresh.length ? await openingContext(sql, fresh.map(({ a }) => a.serviceKey), now, () => defaultPolicy(sql)) : null
  // New incidents are written together (open-batch.ts) before anything that refers to them.
  const pending = new Map<string, PlannedIncident>()
  const flush = async () => {
    await writeIncidents(sql, [...pending.values()])
    pending.clear()
  }
  const added = new Map<string, number>()
  const results: IngestResult[] = []
  for (const { a, actor } of batch) {
    const alertId = randomUUID()
    const row = open.get(a.dedupKey)
    if (!row) {
      const { incident, raisedFrom, reason, window } = await planIncident(opening!, a, now)
      pending.set(incident.id, incident)
      sink.alerts.push(alertRow(a, alertId, incident.id, now))
      const event = (type: string, actorLabel: string, data: Record<string, unknown>) =>
        sink.events.push({ incidentId: incident.id, at: now, type, actorLabel, data: data as Prisma.InputJsonValue })
      event('alert', actor.label, alertEventData(a, alertId, { opened: true }))
      if (raisedFrom) event('severity', 'system', { from: raisedFrom, to: incident.severity, reason })
      if (window) {
        event('maintenance', 'system', { windowId: window.id, endsAt: window.endsAt.toISOString(), reason: 'Maintenance window: notifications and escalation muted' })
      }
      sink.opened.push(incident.severity)
      open.set(a.dedupKey, { ...incident, severity: incident.severity as Severity, status: incident.status })
      if (a.fingerprint) seen.add(`${incident.id}|${a.fingerprint}`)
      results.push({ alertId, incidentId: incident.id, deduplicated: false, dedupKey: a.dedupKey })
      continue
    }
    sink.alerts.push(alertRow(a, alertId, row.id, now))
    added.set(row.id, (added.get(row.id) ?? 0) + 1)
    row.alertCount += 1
    const event = (extra: Record<string, unknown>) =>
      sink.events.push({ incidentId: row.id, at: now, type: 'alert', actorLabel: actor.label, data: alertEventData(a, alertId, extra) })
    if (a.fingerprint && !seen.has(`${row.id}|${a.fingerprint}`)) {
      seen.add(`${row.id}|${a.fingerprint}`)
      // Widening updates the incident row: one opened earlier in this batch is written first.
      if (pending.has(row.id)) await flush()
      await widenIncident(sql, row, a, actor, now, sink)
      event({ joined: true })
    } else if (now.getTime() - row.lastAlertAt.getTime() >= REPEAT_TIMELINE_MS) {
      event({ repeated: row.alertCount })
    }
    row.lastAlertAt = now
    results.push({ alertId, incidentId: row.id, deduplicated: true, dedupKey: a.dedupKey })
  }
  await flush()
  await writeBatch(sql, sink, added, now, auditChain)
  return { results, opened: sink.opened }
}

// The batch's writes as one statement of fixed shape over arrays (a createMany of N rows is a new query
// shape for every N, which Prisma compiles afresh): alert rows, the incidents' counters, timeline entries.
const json = (v: unknown) => (v === null || v === undefined || v === Prisma.DbNull ? null : JSON.stringify(v))

/** With `auditChain`, the statement also takes the audit chain's lock (one round trip less per batch). */
async function writeBatch(sql: Sql, sink: BatchSink, added: Map<string, number>, now: Date, auditChain: boolean): Promise<void> {
  const rows = sink.alerts
  const events = sink.events
  const col = <K extends keyof Prisma.AlertCreateManyInput>(k: K) => rows.map((r) => r[k] ?? null)
  const iso = (k: 'occurredAt' | 'receivedAt') => rows.map((r) => new Date(r[k] as Date).toISOString())
  const ids = [...added.keys()]
  await sql.query(
    `WITH alerts AS (
       INSERT INTO "Alert" (id, "incidentId", source, severity, system, "serviceKey", message, "dedupKey", fingerprint, status, details,
                            "occurredAt", "receivedAt")
       SELECT t.id, t.incident, t.source, t.severity::"Severity", t.system, t.service, t.message, t.key, t.fp, 'firing', t.details::jsonb,
              t.occurred::timestamptz, t.received::timestamptz
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
            AS t(id, incident, source, severity, system, service, message, key, fp, details, occurred, received)
       RETURNING 1),
     counters AS (
       UPDATE "Incident" i
       SET "alertCount" = i."alertCount" + v.n, "openAlertCount" = i."openAlertCount" + v.n,
           "lastAlertAt" = $13::timestamptz, "updatedAt" = $13::timestamptz
       FROM (SELECT unnest($14::uuid[]) AS id, unnest($15::int[]) AS n) v
       WHERE i.id = v.id
       RETURNING 1),
     timeline AS (
       INSERT INTO "IncidentEvent" ("incidentId", at, type, "actorLabel", data)
       SELECT t.incident, t.at::timestamptz, t.type, t.actor, t.data::jsonb
       FROM unnest($16::uuid[], $17::text[], $18::text[], $19::text[], $20::text[]) WITH ORDINALITY AS t(incident, at, type, actor, data, ord)
       ORDER BY t.ord
       RETURNING 1)
     SELECT (SELECT count(*) FROM alerts)::int + (SELECT count(*) FROM counters)::int + (SELECT count(*) FROM timeline)::int AS n,
            CASE WHEN $21::boolean THEN (SELECT count(*)::int FROM (SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})) l) END AS chain`,
    [
      col('id'),
      col('incidentId'),
      col('source'),
      col('severity'),
      col('system'),
      col('serviceKey'),
      col('message'),
      col('dedupKey'),
      col('fingerprint'),
      rows.map((r) => json(r.details)),
      iso('occurredAt'),
      iso('receivedAt'),
      now.toISOString(),
      ids,
      ids.map((id) => added.get(id)!),
      events.map((r) => r.incidentId),
      events.map((r) => new Date(r.at as Date).toISOString()),
      events.map((r) => r.type),
      events.map((r) => r.actorLabel),
      events.map((r) => json(r.data)),
      auditChain,
    ],
  )
}

interface IngestItem {
  a: PreparedAlert
  actor: Actor
  ctx: RequestContext
}

/**
 * One transaction for a batch of single-alert requests: the keys' locks, each alert (one statement when it
 * joins an open incident), then one audit row per request under a single take of the audit-chain lock.
 */
async function writeIngestBatch(items: IngestItem[]): Promise<IngestResult[]> {
  const { results, opened } = await inRawTransaction(async (sql) => {
    const now = new Date()
    await lockKeys(sql, items.map((i) => i.a.dedupKey))
    const { results, opened } = await ingestBatchInTx(sql, items, now, { auditChain: true })
    await recordAuditBatch(
      items.map(({ a, actor, ctx }, i) => ({
        actor,
        input: ingestAudit(ctx, a.source, 1, { deduplicated: results[i]!.deduplicated, severity: a.severity }, results[i]!.incidentId),
      })),
      sql,
      { chainLocked: true },
    )
    return { results, opened }
  })
  for (const severity of opened) countIncidentOpened(severity)
  return results
}

// Requests arriving while a batch is written share the next transaction (group commit, group-commit.ts).
const submitIngest = createGroupCommit<IngestItem, IngestResult>({
  run: writeIngestBatch,
  maxBatch: 64,
  // Measured (issue 17): more batches in flight only queue on the keys' and the audit chain's locks.
  maxInFlight: 2,
})

/**
 * Ingests one alert (own API, PagerDuty trigger, probes, failing jobs, SLO burn): opens an incident or
 * joins the open one. Resolves once the alert and its audit row are committed.
 */
export async function ingestAlert(actor: Actor, input: NormalizedAlert, ctx: RequestContext = {}): Promise<IngestResult> {
  authorizeIngest(actor)
  const a = prepareAlert(input)
  const result = await submitIngest({ a, actor, ctx })
  countAlert(a.source, result.deduplicated ? 'deduplicated' : 'opened')
  publishIncidentChange(result.incidentId)
  return result
}
