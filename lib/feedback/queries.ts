/**
 * Reading feedback: the list behind `GET /api/feedback` (and next, the triage inbox). Permission
 * feedback:read or scope read. Keyset paging, newest first: `nextCursor` is the number of the page's last
 * item, and the next page holds the items with smaller numbers (stable while new items arrive, unlike
 * page + offset). Pseudonyms of reporters and browsers are never returned.
 */
import 'server-only'
import { authorize, type Actor } from '@/lib/auth/actor'
import { db, type Prisma } from '@/lib/db'
import { parseOrThrow } from '@/lib/errors'
import { FeedbackListQuery } from './schema'
import { slaState } from './sla'

const ITEM_SELECT = {
  id: true,
  number: true,
  type: true,
  category: true,
  priority: true,
  priorityReason: true,
  status: true,
  source: true,
  safetyConcern: true,
  safetyCue: true,
  title: true,
  description: true,
  redactions: true,
  rating: true,
  appVersion: true,
  modelVersion: true,
  screen: true,
  role: true,
  department: true,
  site: true,
  flagVariants: true,
  parentId: true,
  similarity: true,
  similarToId: true,
  duplicateCount: true,
  affectedDepartments: true,
  slaDueAt: true,
  triagedAt: true,
  incidentId: true,
  flagKey: true,
  roadmapItemId: true,
  link: true,
  workflowKey: true,
  workflowStep: true,
  assigneeId: true,
  closingNote: true,
  closedAt: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.FeedbackItemSelect
type ItemRow = Prisma.FeedbackItemGetPayload<{ select: typeof ITEM_SELECT }>

export function feedbackView(r: ItemRow, now: Date) {
  return {
    id: r.id,
    number: r.number,
    type: r.type,
    category: r.category,
    priority: r.priority,
    priorityReason: r.priorityReason,
    status: r.status,
    source: r.source,
    safetyConcern: r.safetyConcern,
    safetyCue: r.safetyCue,
    title: r.title,
    description: r.description,
    redactions: r.redactions,
    rating: r.rating,
    context: { appVersion: r.appVersion, modelVersion: r.modelVersion, screen: r.screen, role: r.role, department: r.department, site: r.site },
    flagVariants: r.flagVariants,
    duplicateOf: r.parentId,
    similarity: r.similarity,
    similarTo: r.similarToId,
    duplicateCount: r.duplicateCount,
    affectedDepartments: r.affectedDepartments,
    sla: { dueAt: r.slaDueAt.toISOString(), state: slaState(r.slaDueAt, r.triagedAt, now), triagedAt: r.triagedAt?.toISOString() ?? null },
    links: { incidentId: r.incidentId, flagKey: r.flagKey, roadmapItemId: r.roadmapItemId, link: r.link, workflow: r.workflowKey, step: r.workflowStep },
    assigneeId: r.assigneeId,
    closingNote: r.closingNote,
    closedAt: r.closedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }
}
export type FeedbackView = ReturnType<typeof feedbackView>

export interface FeedbackPage {
  items: FeedbackView[]
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: number | null
}

export async function listFeedback(actor: Actor, raw: unknown, now = new Date()): Promise<FeedbackPage> {
  const q = parseOrThrow(FeedbackListQuery, raw)
  authorize(actor, 'feedback:read', { scope: 'read' })
  const where: Prisma.FeedbackItemWhereInput = {
    ...(q.status ? { status: q.status } : {}),
    ...(q.priority ? { priority: q.priority } : {}),
    ...(q.type ? { type: q.type } : {}),
    ...(q.category ? { category: q.category } : {}),
    ...(q.source ? { source: q.source } : {}),
    ...(q.cursor ? { number: { lt: q.cursor } } : {}),
  }
  // One more than asked, to know whether another page follows.
  const rows = await db.feedbackItem.findMany({ where, orderBy: { number: 'desc' }, take: q.limit + 1, select: ITEM_SELECT })
  const page = rows.slice(0, q.limit)
  return { items: page.map((r) => feedbackView(r, now)), nextCursor: rows.length > q.limit ? page[page.length - 1]!.number : null }
}
