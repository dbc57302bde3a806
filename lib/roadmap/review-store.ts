/**
 * Stores the quarterly review (job roadmap-review-quarterly): reads every item that existed before the
 * quarter ended and the history from the quarter's start on (review.ts reconstructs the state at the
 * start from it), computes the report and upserts it by quarter, so running the job twice keeps one review
 * (the latest run's numbers).
 */
import type { Prisma } from '../generated/prisma/client'
import { db } from '../db'
import { quarterRange } from './model'
import { computeReview, type ReviewReport } from './review'

export async function storeReview(quarter: string): Promise<ReviewReport & { id: string }> {
  const { from, to } = quarterRange(quarter)
  const [items, events] = await Promise.all([
    db.roadmapItem.findMany({ where: { createdAt: { lt: to } }, select: { id: true, number: true, title: true, stage: true, targetQuarter: true, createdAt: true } }),
    db.roadmapItemEvent.findMany({ where: { at: { gte: from } }, select: { itemId: true, kind: true, from: true, to: true, by: true, at: true }, orderBy: { at: 'asc' } }),
  ])
  const report = computeReview(quarter, items, events)
  const data = {
    periodFrom: from,
    periodTo: to,
    planned: report.planned,
    delivered: report.delivered,
    predictability: report.predictability,
    report: report as unknown as Prisma.InputJsonValue,
  }
  const row = await db.roadmapReview.upsert({ where: { quarter }, create: { quarter, ...data }, update: { ...data, createdAt: new Date() } })
  return { ...report, id: row.id }
}
