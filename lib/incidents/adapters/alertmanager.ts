/**
 * The Prometheus Alertmanager adapter (webhook payload version "4"): one notification is a group of
 * alerts and one incident. Firing alerts open or join it through the batch write (ingest.ts); resolved
 * alerts resolve their part by fingerprint (alert-lifecycle.ts); when none fire any more and the service
 * auto-resolves, the incident resolves. One transaction under the group's key lock and one audit row
 * (with the alert count) per notification; counted and published after the commit.
 */
import { recordAudit } from '@/lib/audit'
import type { Actor } from '@/lib/auth/actor'
import { publishIncidentChange } from '@/lib/live'
import { inTransaction } from '@/lib/tx'
import { resolveInTx, type ResolveResult } from '../alert-lifecycle'
import { alertmanagerGroupKey, labelsFingerprint, safeKey } from '../dedup'
import { ingestBatchInTx } from '../ingest'
import { countAlert, countIncidentOpened } from '../metrics'
import { authorizeIngest, ingestAudit, prepareAlert, type RequestContext } from '../prepare'
import type { AlertmanagerPayload, NormalizedAlert } from '../schema'
import { severityFromLabel } from '../severity'
import { lockDedupKey } from '../transitions'

export interface AlertmanagerResult {
  incidentId: string | null
  firing: number
  resolved: number
  ignored: number
  incidentResolved: boolean
}

/** Turns one Alertmanager alert into Wardroom's shape. */
export function normalizeAlertmanagerAlert(
  payload: Pick<AlertmanagerPayload, 'receiver' | 'groupKey' | 'commonLabels' | 'externalURL'>,
  alert: AlertmanagerPayload['alerts'][number],
): NormalizedAlert & { fingerprint: string } {
  const labels = { ...payload.commonLabels, ...alert.labels }
  const message = alert.annotations.summary ?? alert.annotations.description ?? labels.alertname ?? 'Alertmanager alert'
  return {
    source: 'alertmanager',
    severity: severityFromLabel(labels.severity),
    system: labels.system ?? labels.alertname ?? 'alertmanager',
    message: message.trim().slice(0, 2000) || 'Alertmanager alert',
    occurredAt: new Date(alert.startsAt),
    dedupKey: alertmanagerGroupKey(payload.receiver, payload.groupKey),
    fingerprint: alert.fingerprint ?? labelsFingerprint(alert.labels),
    serviceKey: labels.service ?? null,
    workflows: (labels.workflow ?? labels.workflows ?? '').split(',').filter(Boolean),
    details: {
      labels: alert.labels,
      annotations: alert.annotations,
      ...(alert.generatorURL ? { generatorURL: alert.generatorURL } : {}),
      ...(payload.externalURL ? { externalURL: payload.externalURL } : {}),
      receiver: payload.receiver,
    },
  }
}

/** One Alertmanager notification (see the file header); answered as the route's 202 body. */
export async function ingestAlertmanager(actor: Actor, payload: AlertmanagerPayload, ctx: RequestContext = {}): Promise<AlertmanagerResult> {
  authorizeIngest(actor)
  const normalized = payload.alerts.map((alert) => ({ status: alert.status, n: normalizeAlertmanagerAlert(payload, alert) }))
  const firing = normalized.filter((x) => x.status === 'firing').map((x) => prepareAlert(x.n))
  // Stored fingerprints went through safeKey (prepareAlert); compare like with like.
  const resolvedFps = normalized.filter((x) => x.status === 'resolved').map((x) => safeKey(x.n.fingerprint))
  const groupKey = safeKey(alertmanagerGroupKey(payload.receiver, payload.groupKey))

  const result = await inTransaction(async (tx) => {
    const now = new Date()
    await lockDedupKey(tx, groupKey)
    const batch = await ingestBatchInTx(tx, firing.map((a) => ({ a, actor })), now)
    let incidentId: string | null = batch.results.at(-1)?.incidentId ?? null
    const opened = batch.opened
    let resolved: ResolveResult = { incidentId: null, resolvedAlerts: 0, incidentResolved: false }
    if (resolvedFps.length) resolved = await resolveInTx(tx, groupKey, actor, now, { fingerprints: resolvedFps })
    incidentId ??= resolved.incidentId
    const out: AlertmanagerResult = {
      incidentId,
      firing: firing.length,
      resolved: resolved.resolvedAlerts,
      ignored: resolvedFps.length - Math.min(resolvedFps.length, resolved.resolvedAlerts),
      incidentResolved: resolved.incidentResolved,
    }
    await recordAudit(
      actor,
      ingestAudit(ctx, 'alertmanager', payload.alerts.length, { firing: out.firing, resolved: out.resolved, opened: opened.length > 0, incidentResolved: out.incidentResolved }, incidentId),
      tx,
    )
    return { out, opened }
  })
  const { out, opened } = result
  for (const severity of opened) countIncidentOpened(severity)
  countAlert('alertmanager', 'opened', opened.length)
  countAlert('alertmanager', 'deduplicated', out.firing - opened.length)
  countAlert('alertmanager', 'resolved', out.resolved)
  countAlert('alertmanager', 'ignored', out.ignored)
  if (out.incidentId) publishIncidentChange(out.incidentId)
  return out
}
