/**
 * Lifecycle actions that alerts drive, by dedup key: the source says its alerts resolved (a probe
 * recovered, a job succeeded, Alertmanager `resolved`, PagerDuty `resolve`) or acknowledges (PagerDuty
 * `acknowledge`). Each takes the key's lock, then the incident's row lock, and writes through the same
 * transitions as the board (transitions.ts), auditing in the same transaction; the change is counted and
 * published after the commit.
 */
import { recordAudit } from '@/lib/audit'
import type { Actor } from '@/lib/auth/actor'
import { publishIncidentChange } from '@/lib/live'
import { inTransaction, type Tx } from '@/lib/tx'
import { safeKey } from './dedup'
import { countAlert } from './metrics'
import { authorizeIngest, ingestAudit, type RequestContext } from './prepare'
import type { AlertSource } from './schema'
import { applyAcknowledge, applyResolve, lockDedupKey, lockIncident, timeline, type IncidentWithService } from './transitions'

export interface ResolveResult {
  incidentId: string | null
  resolvedAlerts: number
  incidentResolved: boolean
}

export interface ResolveOptions {
  /** Only the alerts with these fingerprints (Alertmanager); all firing alerts of the key otherwise. */
  fingerprints?: string[]
  /** Resolve the incident even if the service does not auto-resolve (PagerDuty `resolve`). */
  force?: boolean
}

/** Takes the key's lock, then its open incident's row lock; null when the key has no open incident. */
async function lockOpenIncidentOfKey(tx: Tx, dedupKey: string): Promise<IncidentWithService | null> {
  await lockDedupKey(tx, dedupKey)
  const open = await tx.incident.findFirst({ where: { dedupKey, status: { not: 'resolved' } }, orderBy: { triggeredAt: 'desc' }, select: { id: true } })
  return open ? lockIncident(tx, open.id) : null
}

/** Resolves the key's firing alerts (or those of `fingerprints`) inside `tx`, and the incident when none fire any more. */
export async function resolveInTx(tx: Tx, dedupKey: string, actor: Actor, at: Date, opts: ResolveOptions): Promise<ResolveResult> {
  const incident = await lockOpenIncidentOfKey(tx, dedupKey)
  if (!incident) return { incidentId: null, resolvedAlerts: 0, incidentResolved: false }
  const { count } = await tx.alert.updateMany({
    where: { incidentId: incident.id, status: 'firing', ...(opts.fingerprints ? { fingerprint: { in: opts.fingerprints } } : {}) },
    data: { status: 'resolved', resolvedAt: at },
  })
  const remaining = await tx.alert.count({ where: { incidentId: incident.id, status: 'firing' } })
  if (count > 0) {
    await tx.incident.update({ where: { id: incident.id }, data: { openAlertCount: remaining } })
    await timeline(tx, incident.id, actor, at, 'alert_resolved', {
      count,
      remaining,
      ...(opts.fingerprints ? { fingerprints: opts.fingerprints.slice(0, 50) } : {}),
    })
  }
  // An unknown service (no row) auto-resolves, like the default.
  const autoResolve = incident.service?.autoResolve ?? true
  const resolve = opts.force || (count > 0 && remaining === 0 && autoResolve)
  if (resolve) {
    await applyResolve(tx, incident, actor, at, opts.force ? { reason: 'Resolved by the monitoring source' } : { reason: 'All alerts resolved', auto: true })
  }
  return { incidentId: incident.id, resolvedAlerts: count, incidentResolved: resolve }
}

/**
 * Resolves the firing alerts of a key (e.g. `probe:<id>` when a probe recovers); the open incident
 * resolves too when none of its alerts still fire and its service auto-resolves (or when forced).
 * Audited once per call when something changed.
 */
export async function resolveAlertsByKey(
  actor: Actor,
  dedupKey: string,
  at: Date = new Date(),
  opts: ResolveOptions & RequestContext & { source?: AlertSource } = {},
): Promise<ResolveResult> {
  authorizeIngest(actor)
  const key = safeKey(dedupKey)
  const result = await inTransaction(async (tx) => {
    const r = await resolveInTx(tx, key, actor, at, opts)
    if (r.resolvedAlerts > 0 || r.incidentResolved) {
      await recordAudit(
        actor,
        {
          action: 'alert.resolve',
          targetType: 'incident',
          targetId: r.incidentId,
          summary: { source: opts.source ?? 'api', incidentResolved: r.incidentResolved },
          count: Math.max(1, r.resolvedAlerts),
          requestId: opts.requestId,
          ip: opts.ip,
        },
        tx,
      )
    }
    return r
  })
  countAlert(opts.source ?? 'api', result.resolvedAlerts > 0 ? 'resolved' : 'ignored', Math.max(1, result.resolvedAlerts))
  if (result.incidentId) publishIncidentChange(result.incidentId)
  return result
}

/** PagerDuty `acknowledge`: acknowledges the open incident of the key, if it is still triggered. */
export async function acknowledgeByKey(actor: Actor, dedupKey: string, ctx: RequestContext = {}): Promise<{ incidentId: string | null; changed: boolean }> {
  authorizeIngest(actor)
  const key = safeKey(dedupKey)
  const result = await inTransaction(async (tx) => {
    const incident = await lockOpenIncidentOfKey(tx, key)
    const changed = incident?.status === 'triggered'
    if (changed) await applyAcknowledge(tx, incident, actor, new Date())
    await recordAudit(actor, ingestAudit(ctx, 'pagerduty', 1, { eventAction: 'acknowledge', changed }, incident?.id), tx)
    return { incidentId: incident?.id ?? null, changed }
  })
  if (result.incidentId) publishIncidentChange(result.incidentId)
  return result
}
