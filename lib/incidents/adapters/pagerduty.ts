/**
 * The PagerDuty Events API v2 adapter, so tools that speak it can send to Wardroom unchanged: `trigger`
 * becomes an alert (ingest.ts), `acknowledge` and `resolve` act on the open incident of the dedup_key
 * (alert-lifecycle.ts). Answers in PagerDuty's own shapes: 202 {status:"success", message:"Event
 * processed", dedup_key}; errors {status:"invalid event"|"unauthorized"|"forbidden"|"throttle
 * exceeded"|"error", message, errors}.
 */
import type { Actor } from '@/lib/auth/actor'
import type { ApiError } from '@/lib/errors'
import { acknowledgeByKey, resolveAlertsByKey } from '../alert-lifecycle'
import { ingestAlert } from '../ingest'
import type { RequestContext } from '../prepare'
import { matchServiceKey } from '../queries'
import type { NormalizedAlert, PagerDutyEvent } from '../schema'
import { severityFromPagerDuty } from '../severity'

/** Turns a PagerDuty Events v2 `trigger` into Wardroom's shape (serviceKey: a known service it names). */
export function normalizePagerDutyTrigger(event: PagerDutyEvent, serviceKey: string | null): NormalizedAlert {
  const p = event.payload!
  return {
    source: 'pagerduty',
    severity: severityFromPagerDuty(p.severity),
    system: p.source,
    message: p.summary,
    occurredAt: p.timestamp ? new Date(p.timestamp) : new Date(),
    dedupKey: event.dedup_key,
    fingerprint: event.dedup_key ?? null,
    serviceKey,
    details: {
      ...(p.custom_details !== undefined ? { custom_details: p.custom_details } : {}),
      ...(p.component ? { component: p.component } : {}),
      ...(p.group ? { group: p.group } : {}),
      ...(p.class ? { class: p.class } : {}),
      ...(event.client ? { client: event.client } : {}),
      ...(event.client_url ? { client_url: event.client_url } : {}),
      ...(event.links?.length ? { links: event.links } : {}),
      ...(event.images?.length ? { images: event.images.map((i) => ({ href: i.href ?? i.src, alt: i.alt ?? '' })) } : {}),
    },
  }
}

/**
 * Processes one valid event; returns the dedup_key to answer. A trigger's service is the first of its
 * component, group and source that names a known service.
 */
export async function processPagerDutyEvent(actor: Actor, event: PagerDutyEvent, ctx: RequestContext): Promise<string> {
  if (event.event_action === 'trigger') {
    const p = event.payload!
    const serviceKey = await matchServiceKey([p.component, p.group, p.source])
    const result = await ingestAlert(actor, normalizePagerDutyTrigger(event, serviceKey), ctx)
    // The sender's own key when it gave one (stored hashed if it looked like PHI), else the one Wardroom made.
    return event.dedup_key ?? result.dedupKey
  }
  const dedupKey = event.dedup_key!
  if (event.event_action === 'acknowledge') await acknowledgeByKey(actor, dedupKey, ctx)
  else await resolveAlertsByKey(actor, dedupKey, new Date(), { force: true, source: 'pagerduty', ...ctx })
  return dedupKey
}

/** PagerDuty's answer to an accepted event. */
export const pagerDutyAccepted = (dedupKey: string) => ({ status: 'success', message: 'Event processed', dedup_key: dedupKey })

/** PagerDuty's answer to an event it cannot read (400). */
export const pagerDutyInvalid = (errors: string[]) => ({ status: 'invalid event', message: 'Event object is invalid', errors })

/** Any other error, in PagerDuty's shape, named by its HTTP status. */
export function pagerDutyErrorBody(err: ApiError) {
  const status =
    err.status === 401
      ? 'unauthorized'
      : err.status === 403
        ? 'forbidden'
        : err.status === 429
          ? 'throttle exceeded'
          : err.status < 500
            ? 'invalid event'
            : 'error'
  return { status, message: err.message, errors: [err.message] }
}
