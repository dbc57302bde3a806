/**
 * The health of a rollout's guarded SLOs, read for the `rollout-advance` job: violations since a time, and
 * how many are open. Only SLOs whose owners let them guard rollouts (guardsRollouts) and that are not
 * archived count; a flag naming any other SLO rolls out as if it named none.
 */
import { db } from '../db'
import type { GuardedSloHealth } from './rollout'

export async function guardedHealth(sloKeys: readonly string[], since: Date): Promise<GuardedSloHealth[]> {
  if (sloKeys.length === 0) return []
  const rows = await db.$queryRaw<{ key: string; since_start: bigint; open: bigint }[]>`
    SELECT s.key,
           count(v.id) FILTER (WHERE v."openedAt" >= ${since}) AS since_start,
           count(v.id) FILTER (WHERE v."resolvedAt" IS NULL) AS open
    FROM "Slo" s LEFT JOIN "SloViolation" v ON v."sloId" = s.id
    WHERE s.key = ANY(${[...sloKeys]}::text[]) AND s."guardsRollouts" AND s."archivedAt" IS NULL
    GROUP BY s.key`
  return rows.map((r) => ({ sloKey: r.key, violationsSinceStart: Number(r.since_start), open: Number(r.open) }))
}
