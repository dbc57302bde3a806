/**
 * Reads of the triage pages (permission feedback:read): the inbox (top-level items only; duplicates are
 * counted on their parent and listed on its page), one item with its duplicates, links and audit trail, the
 * people who may be assigned, and the reader's saved filters. Keyset paging by number, newest first.
 */
import 'server-only'
import { z } from 'zod'
import { authorize, type Actor } from '@/lib/auth/actor'
import { db, type Prisma } from '@/lib/db'
import { hasPermission, ROLES } from '@/lib/rbac'
import { statusesOf, type InboxFilter } from './inbox-filter'

export const INBOX_PAGE_SIZE = 50

const ROW_SELECT = {
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
  department: true,
  duplicateCount: true,
  affectedDepartments: true,
  slaDueAt: true,
  triagedAt: true,
  link: true,
  workflowKey: true,
  workflowStep: true,
  flagKey: true,
  createdAt: true,
  assignee: { select: { id: true, name: true } },
  incident: { select: { id: true, number: true, status: true } },
} as const satisfies Prisma.FeedbackItemSelect
export type InboxRow = Prisma.FeedbackItemGetPayload<{ select: typeof ROW_SELECT }>

export interface InboxPage {
  items: InboxRow[]
  nextCursor: number | null
}

export function inboxWhere(f: InboxFilter, viewerId: string | null): Prisma.FeedbackItemWhereInput {
  return {
    parentId: null,
    status: { in: [...statusesOf(f.status)] },
    ...(f.priority ? { priority: f.priority } : {}),
    ...(f.type ? { type: f.type } : {}),
    ...(f.source ? { source: f.source } : {}),
    ...(f.safety ? { safetyConcern: f.safety === 'yes' } : {}),
    ...(f.department ? { affectedDepartments: { has: f.department } } : {}),
    ...(f.assignee === 'none' ? { assigneeId: null } : f.assignee === 'me' ? { assigneeId: viewerId ?? '00000000-0000-0000-0000-000000000000' } : f.assignee ? { assigneeId: f.assignee } : {}),
  }
}

export async function listInbox(actor: Actor, f: InboxFilter): Promise<InboxPage> {
  authorize(actor, 'feedback:read')
  const where = { ...inboxWhere(f, actor.type === 'user' ? actor.id : null), ...(f.cursor ? { number: { lt: f.cursor } } : {}) }
  const rows = await db.feedbackItem.findMany({ where, orderBy: { number: 'desc' }, take: INBOX_PAGE_SIZE + 1, select: ROW_SELECT })
  const items = rows.slice(0, INBOX_PAGE_SIZE)
  return { items, nextCursor: rows.length > INBOX_PAGE_SIZE ? items[items.length - 1]!.number : null }
}

/** The departments reports came from, for the filter's choices. */
export async function inboxDepartments(): Promise<string[]> {
  const rows = await db.$queryRaw<{ d: string }[]>`SELECT DISTINCT unnest("affectedDepartments") AS d FROM "FeedbackItem" ORDER BY 1 LIMIT 200`
  return rows.map((r) => r.d)
}

const TRIAGE_ROLES = ROLES.filter((r) => hasPermission(r, 'feedback:triage'))

/** Active people who may triage feedback: the assignee choices. */
export function listTriagers(): Promise<{ id: string; name: string; email: string }[]> {
  return db.user.findMany({ where: { disabledAt: null, role: { in: TRIAGE_ROLES } }, select: { id: true, name: true, email: true }, orderBy: { name: 'asc' } })
}

export function listSavedFilters(userId: string): Promise<{ id: string; name: string; query: string }[]> {
  return db.feedbackSavedFilter.findMany({ where: { userId }, select: { id: true, name: true, query: true }, orderBy: { name: 'asc' } })
}

export async function feedbackExists(id: string): Promise<boolean> {
  if (!z.uuid().safeParse(id).success) return false
  return (await db.feedbackItem.count({ where: { id } })) > 0
}

const BRIEF = { id: true, number: true, status: true, priority: true, type: true, department: true, safetyConcern: true, createdAt: true } as const

export async function getFeedbackDetail(actor: Actor, id: string) {
  authorize(actor, 'feedback:read')
  if (!z.uuid().safeParse(id).success) return null
  const item = await db.feedbackItem.findUnique({
    where: { id },
    select: {
      ...ROW_SELECT,
      rating: true,
      appVersion: true,
      modelVersion: true,
      screen: true,
      role: true,
      site: true,
      flagVariants: true,
      similarity: true,
      similarToId: true,
      closingNote: true,
      closedAt: true,
      slaEscalatedAt: true,
      safetyIncidentAt: true,
      roadmapItemId: true,
      incident: { select: { id: true, number: true, status: true, title: true, severity: true } },
      parent: { select: BRIEF },
      duplicates: { select: { ...BRIEF, similarity: true }, orderBy: { number: 'asc' } },
    },
  })
  if (!item) return null
  const [similarTo, trail, roadmapItem] = await Promise.all([
    item.similarToId ? db.feedbackItem.findUnique({ where: { id: item.similarToId }, select: BRIEF }) : null,
    db.auditLog.findMany({ where: { targetType: 'feedback', targetId: id }, orderBy: { id: 'asc' }, take: 200, select: { id: true, at: true, actorLabel: true, actorType: true, action: true, summary: true } }),
    // The roadmap item it feeds (set by the roadmap's evidence link; a plain column, read here without the roadmap area).
    item.roadmapItemId && z.uuid().safeParse(item.roadmapItemId).success
      ? db.roadmapItem.findUnique({ where: { id: item.roadmapItemId }, select: { id: true, number: true, title: true, stage: true } })
      : null,
  ])
  return { item, similarTo, roadmapItem, trail: trail.map((t) => ({ ...t, id: t.id.toString() })) }
}
export type FeedbackDetail = NonNullable<Awaited<ReturnType<typeof getFeedbackDetail>>>
