/**
 * Experiment exposures and conversions sent in batches by `POST /api/features/events` (scope events:write):
 * authorize → check every experiment and variant (422 for the batch) → one transaction: one set-based
 * insert (subjects stored as sha256 of the targeting key, duplicates dropped by the (experiment, kind,
 * subject) unique constraint) + audit. Evaluation is untouched, so no snapshot reload.
 *
 * Each event also carries `analyticsKey`, the analytics pseudonym of its targeting key (as ingest
 * pseudonymises a userId, lib/analytics/pseudonym.ts), so a funnel can be broken down by the variant a
 * person was exposed to; null when no analytics key is configured.
 */
import { createHash } from 'node:crypto'
import { recordAudit } from '../../audit'
import { db } from '../../db'
import { analyticsKey, pseudonymizer } from '@/lib/analytics/pseudonym'
import { authorize, type Actor } from '@/lib/auth/actor'
import { inTransaction } from '@/lib/tx'
import { refuseFields, variantsOf } from '../variants'
import type { ExperimentEventInput } from '../schema'
import type { CommandContext } from './records'

export function subjectHash(targetingKey: string): string {
  return createHash('sha256').update(targetingKey).digest('hex')
}

export interface EventsResult {
  accepted: number
  duplicates: number
}

/** Stores a batch of exposures/conversions in one statement; unknown experiments or variants reject the batch (422). */
export async function recordExperimentEvents(actor: Actor, events: readonly ExperimentEventInput[], ctx: CommandContext = {}): Promise<EventsResult> {
  authorize(actor, 'flag:edit', { scope: 'events:write' })
  const keys = [...new Set(events.map((e) => e.experiment))]
  const experiments = await db.experiment.findMany({ where: { key: { in: keys } }, include: { flag: { select: { variants: true } } } })
  const byKey = new Map(experiments.map((x) => [x.key, { id: x.id, variants: new Set(variantsOf(x.flag).map((v) => v.key)) }]))
  const fields: Record<string, string[]> = {}
  events.forEach((e, i) => {
    const x = byKey.get(e.experiment)
    if (!x) (fields[`events.${i}.experiment`] ??= []).push(`Unknown experiment "${e.experiment}"`)
    else if (!x.variants.has(e.variant)) (fields[`events.${i}.variant`] ??= []).push(`Unknown variant "${e.variant}"`)
  })
  refuseFields('The events are invalid', fields)
  const now = ctx.now ?? new Date()
  const key = analyticsKey()
  const pseudonym = key ? pseudonymizer(key) : null
  return inTransaction(async (tx) => {
    const inserted = await tx.$executeRaw`
      INSERT INTO "ExperimentEvent" ("experimentId", kind, variant, subject, "analyticsKey", at)
      SELECT * FROM unnest(
        ${events.map((e) => byKey.get(e.experiment)!.id)}::uuid[], ${events.map((e) => e.kind)}::text[],
        ${events.map((e) => e.variant)}::text[], ${events.map((e) => subjectHash(e.subject))}::text[],
        ${events.map((e) => (pseudonym ? pseudonym('user', e.subject) : null))}::text[],
        ${events.map((e) => (e.at ? new Date(e.at) : now))}::timestamptz[])
      ON CONFLICT ("experimentId", kind, subject) DO NOTHING`
    const result = { accepted: inserted, duplicates: events.length - inserted }
    await recordAudit(
      actor,
      { action: 'experiment.events.ingest', targetType: 'experiment', targetId: keys.length === 1 ? keys[0]! : null, summary: { experiments: keys, ...result }, count: events.length, ip: ctx.ip ?? null, requestId: ctx.requestId ?? null },
      tx,
    )
    return result
  })
}
