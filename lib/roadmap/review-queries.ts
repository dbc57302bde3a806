/** Stored quarterly reviews for the review pages and the CSV. Callers have checked roadmap:read. */
import 'server-only'
import { db } from '../db'
import { QUARTER_PATTERN } from './model'
import type { ReviewChange, ReviewItemLine, ReviewReport } from './review'

export interface ReviewSummary {
  quarter: string
  planned: number
  delivered: number
  predictability: number | null
  createdAt: Date
}

export async function listReviews(): Promise<ReviewSummary[]> {
  return db.roadmapReview.findMany({ orderBy: { quarter: 'desc' }, select: { quarter: true, planned: true, delivered: true, predictability: true, createdAt: true } })
}

const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : [])

/** A stored review, or null when the quarter has none (or is not a quarter). Lists missing from an older report read as empty. */
export async function getReview(quarter: string): Promise<(ReviewReport & { storedAt: Date }) | null> {
  if (!QUARTER_PATTERN.test(quarter)) return null
  const row = await db.roadmapReview.findUnique({ where: { quarter } })
  if (!row) return null
  const r = (row.report ?? {}) as Record<string, unknown>
  return {
    quarter: row.quarter,
    periodFrom: row.periodFrom.toISOString(),
    periodTo: row.periodTo.toISOString(),
    planned: row.planned,
    delivered: row.delivered,
    predictability: row.predictability,
    items: list<ReviewItemLine>(r.items),
    releasedUnplanned: list<ReviewChange>(r.releasedUnplanned),
    stageChanges: list<ReviewChange>(r.stageChanges),
    scoreChanges: list<ReviewChange>(r.scoreChanges),
    added: list<ReviewChange>(r.added),
    archived: list<ReviewChange>(r.archived),
    storedAt: row.createdAt,
  }
}

/** For the page gate: whether a review is stored for this quarter. */
export async function reviewExists(quarter: string): Promise<boolean> {
  if (!QUARTER_PATTERN.test(quarter)) return false
  return (await db.roadmapReview.count({ where: { quarter } })) > 0
}
