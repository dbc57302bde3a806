/**
 * Alert preparation, pure: every alert (own API, Alertmanager, PagerDuty, probes, jobs, SLOs) is validated,
 * PHI-redacted and keyed here before the batch write (ingest.ts) sees it, whatever the caller. Also the
 * shapes every ingest path shares: its request context and its audit entry.
 */
import type { Prisma } from '@/lib/db'
import type { AuditInput } from '@/lib/audit'
import { authorize, type Actor } from '@/lib/auth/actor'
import { parseOrThrow } from '@/lib/errors'
import { redact, redactJson } from '@/lib/phi/redact'
import type { Severity } from '@/lib/severity'
import { dedupKeyFor, safeKey } from './dedup'
import { NormalizedAlert, type AlertSource } from './schema'

export interface PreparedAlert {
  source: AlertSource
  severity: Severity
  system: string
  message: string
  occurredAt: Date
  dedupKey: string
  fingerprint: string | null
  serviceKey: string | null
  workflows: string[]
  details: Prisma.InputJsonValue | null
}

/** Validates, redacts and keys an alert. The key is computed from the redacted text. */
export function prepareAlert(raw: NormalizedAlert): PreparedAlert {
  const a = parseOrThrow(NormalizedAlert, raw)
  const message = redact(a.message)
  const system = redact(a.system)
  const serviceKey = a.serviceKey?.trim().toLowerCase() || null
  return {
    source: a.source,
    severity: a.severity,
    system,
    message,
    occurredAt: a.occurredAt,
    dedupKey: dedupKeyFor({ dedupKey: a.dedupKey, fingerprint: a.fingerprint, service: serviceKey, system, message }),
    // The peer's own id (PagerDuty dedup_key, Alertmanager fingerprint) is stored too: hashed when it looks like PHI.
    fingerprint: a.fingerprint?.trim() ? safeKey(a.fingerprint) : null,
    serviceKey,
    workflows: a.workflows ?? [],
    details: a.details ? (redactJson(a.details) as Prisma.InputJsonValue) : null,
  }
}

/** Where an ingest request came from, for its audit row. */
/**
 * Who may send alerts: an API key with alerts:write (the routes), or the system (probes, SLO burn alerts,
 * flag rollbacks, failing jobs). People act on incidents through the commands, not by sending alerts.
 */
export function authorizeIngest(actor: Actor): void {
  authorize(actor, 'incident:manage', { scope: 'alerts:write' })
}

export interface RequestContext {
  requestId?: string | null
  ip?: string | null
}

/** The audit entry of an ingest request (`alert.ingest`; one per request, `count` alerts). */
export function ingestAudit(ctx: RequestContext, source: AlertSource, count: number, summary: Record<string, unknown>, incidentId?: string | null): AuditInput {
  return { action: 'alert.ingest', targetType: 'incident', targetId: incidentId ?? null, summary: { source, ...summary }, count, requestId: ctx.requestId, ip: ctx.ip }
}
