/** Reads of the review queue and the watched sources. Callers have checked competitor:read. */
import 'server-only'
import { db } from '../db'
import type { CapabilityStatus } from './scoring'
import type { DiffSummary, FeedItem } from './watch-text'

export interface ReviewChange {
  id: string
  detectedAt: Date
  summary: string
  diff: DiffSummary
  excerpt: string
  items: FeedItem[] | null
  source: { id: string; url: string; label: string; kind: string }
  competitor: { id: string; key: string; name: string }
}

const emptyDiff: DiffSummary = { added: [], removed: [], addedCount: 0, removedCount: 0, truncated: false }

function diffOf(v: unknown): DiffSummary {
  const d = v as Partial<DiffSummary> | null
  if (!d || !Array.isArray(d.added) || !Array.isArray(d.removed)) return emptyDiff
  return { added: d.added.map(String), removed: d.removed.map(String), addedCount: Number(d.addedCount) || 0, removedCount: Number(d.removedCount) || 0, truncated: Boolean(d.truncated) }
}

const itemsOf = (v: unknown): FeedItem[] | null => (Array.isArray(v) ? (v as FeedItem[]) : null)

/** Pending changes, newest first (at most `take`). */
export async function listPendingChanges(take = 50): Promise<ReviewChange[]> {
  const rows = await db.competitorWatchChange.findMany({
    where: { status: 'pending' },
    orderBy: [{ detectedAt: 'desc' }, { id: 'asc' }],
    take,
    include: { source: { select: { id: true, url: true, label: true, kind: true, competitor: { select: { id: true, key: true, name: true } } } } },
  })
  return rows.map((r) => ({
    id: r.id,
    detectedAt: r.detectedAt,
    summary: r.summary,
    diff: diffOf(r.diff),
    excerpt: r.excerpt,
    items: itemsOf(r.items),
    source: { id: r.source.id, url: r.source.url, label: r.source.label, kind: r.source.kind },
    competitor: r.source.competitor,
  }))
}

export async function countPendingChanges(): Promise<number> {
  return db.competitorWatchChange.count({ where: { status: 'pending' } })
}

/** The latest reviews (accepted or dismissed), newest first, with the cell an accepted change went into. */
export async function listRecentReviews(take = 20) {
  const rows = await db.competitorWatchChange.findMany({
    where: { status: { not: 'pending' } },
    orderBy: { reviewedAt: 'desc' },
    take,
    select: { id: true, summary: true, status: true, acceptedAs: true, evidenceId: true, reason: true, reviewedBy: true, reviewedAt: true, source: { select: { label: true, competitor: { select: { key: true, name: true } } } } },
  })
  const ids = rows.flatMap((r) => (r.acceptedAs === 'cell' && r.evidenceId ? [r.evidenceId] : []))
  const evidence = ids.length ? await db.competitorEvidence.findMany({ where: { id: { in: ids } }, select: { id: true, capability: { select: { key: true, name: true } } } }) : []
  const capOf = new Map(evidence.map((e) => [e.id, e.capability]))
  return rows.map((r) => ({ ...r, capability: (r.evidenceId && capOf.get(r.evidenceId)) || null }))
}
export type RecentReview = Awaited<ReturnType<typeof listRecentReviews>>[number]

export interface CellChoice {
  status: CapabilityStatus
  version: number
}

/** What the accept forms choose from: the capabilities, and each pending competitor's cells (status and version). */
export async function reviewChoices(competitorIds: string[]) {
  const [capabilities, cells] = await Promise.all([
    db.capability.findMany({ orderBy: [{ group: 'asc' }, { sortOrder: 'asc' }, { name: 'asc' }], select: { id: true, key: true, name: true, group: true } }),
    competitorIds.length ? db.capabilityCell.findMany({ where: { competitorId: { in: competitorIds } }, select: { competitorId: true, capabilityId: true, status: true, version: true } }) : Promise.resolve([]),
  ])
  const byCompetitor: Record<string, Record<string, CellChoice>> = {}
  for (const c of cells) (byCompetitor[c.competitorId] ??= {})[c.capabilityId] = { status: c.status, version: c.version }
  return { capabilities, cells: byCompetitor }
}

/** Every watched source with its competitor and how many of its changes wait for review. */
export async function listWatchSources() {
  const rows = await db.competitorWatchSource.findMany({
    orderBy: [{ competitor: { name: 'asc' } }, { label: 'asc' }],
    include: { competitor: { select: { key: true, name: true } }, _count: { select: { changes: { where: { status: 'pending' } } } } },
  })
  return rows.map(({ _count, ...s }) => ({ ...s, pending: _count.changes }))
}

/** The products a source can be added to (not our own). */
export async function listWatchableCompetitors() {
  return db.competitor.findMany({ where: { archivedAt: null, isUs: false }, orderBy: { name: 'asc' }, select: { id: true, name: true } })
}

/** Every piece of evidence for the CSV export, newest source first (product and capability by key). */
export async function listEvidenceForExport() {
  const rows = await db.competitorEvidence.findMany({
    orderBy: [{ observedAt: 'desc' }, { recordedAt: 'desc' }],
    take: 50_000,
    include: { competitor: { select: { key: true } }, capability: { select: { key: true } } },
  })
  return rows.map((e) => ({ ...e, product: e.competitor.key, capability: e.capability?.key ?? null }))
}
