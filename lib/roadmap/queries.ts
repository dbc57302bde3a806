/**
 * Reads of the roadmap's views: the board's columns, the WIP limits, the timeline and the table. Callers
 * have checked roadmap:read (every role that reads the roadmap sees every item).
 */
import 'server-only'
import { db, Prisma } from '../db'
import { hasPermission, ROLES } from '../rbac'
import { BOARD_STAGES, quarterOf, quarterRange, type Horizon, type Pipeline, type Stage } from './model'
import type { Moscow } from './scoring'
import type { SortDir, TableSort } from './views'
import { WIP_LIMITS_KEY, WipLimitsInput, type WipLimits } from './schema'

/** What a card, a timeline entry and a table row show of an item. */
export interface ItemSummary {
  id: string
  number: number
  title: string
  stage: Stage
  owner: { id: string; name: string } | null
  horizon: Horizon
  targetQuarter: string | null
  effort: number | null
  pipeline: Pipeline
  regulatoryPathway: string
  riceScore: number | null
  clinicalScore: number | null
  moscow: Moscow | null
  version: number
  /** Evidence linked to the item (feedback, insights, competitor threats, incidents). */
  links: number
}

export type TableItem = ItemSummary & {
  reach: number | null
  impact: number | null
  confidence: number | null
  value: number | null
  risk: number | null
  patientSafety: number | null
  clinicalOutcome: number | null
  timeSaved: number | null
  evidenceStrength: number | null
}

const SUMMARY = {
  id: true,
  number: true,
  title: true,
  stage: true,
  owner: { select: { id: true, name: true } },
  horizon: true,
  targetQuarter: true,
  effort: true,
  pipeline: true,
  regulatoryPathway: true,
  riceScore: true,
  clinicalScore: true,
  moscow: true,
  version: true,
  _count: { select: { links: true } },
} satisfies Prisma.RoadmapItemSelect

type SummaryRow = Prisma.RoadmapItemGetPayload<{ select: typeof SUMMARY }>

function summary({ _count, moscow, ...row }: SummaryRow): ItemSummary {
  return { ...row, moscow: moscow as Moscow | null, links: _count.links }
}

export type BoardColumns = Record<(typeof BOARD_STAGES)[number], ItemSummary[]>

/** Every item on the board (archived ones are not), per column in rank order. */
export async function boardColumns(): Promise<BoardColumns> {
  const rows = await db.roadmapItem.findMany({ where: { stage: { not: 'archived' } }, orderBy: [{ rank: 'asc' }, { number: 'asc' }], select: SUMMARY })
  const columns = Object.fromEntries(BOARD_STAGES.map((s) => [s, [] as ItemSummary[]])) as BoardColumns
  for (const row of rows) if (row.stage !== 'archived') columns[row.stage].push(summary(row))
  return columns
}

/** The archived items, most recently changed first. */
export async function archivedItems(): Promise<ItemSummary[]> {
  const rows = await db.roadmapItem.findMany({ where: { stage: 'archived' }, orderBy: { updatedAt: 'desc' }, select: SUMMARY })
  return rows.map(summary)
}

export const NO_WIP_LIMITS: WipLimits = { ideas: null, discovery: null, planned: null, in_progress: null, released: null }

/** The WIP limit of each column (null = none), from the Setting row; none when it is absent or unreadable. */
export async function wipLimits(): Promise<WipLimits> {
  const row = await db.setting.findUnique({ where: { key: WIP_LIMITS_KEY } })
  const parsed = WipLimitsInput.safeParse(row?.value ?? {})
  return parsed.success ? parsed.data : NO_WIP_LIMITS
}

/** The items of the timeline: not archived, by horizon, then quarter (none last), then rank. */
/** The plan by horizon: archived items and items released before this quarter (history, not plan) left out. */
export async function timelineItems(now: Date = new Date()): Promise<ItemSummary[]> {
  const quarterStart = quarterRange(quarterOf(now)).from
  const rows = await db.roadmapItem.findMany({
    where: { stage: { not: 'archived' }, NOT: { stage: 'released', releasedAt: { lt: quarterStart } } },
    orderBy: [{ horizon: 'asc' }, { targetQuarter: { sort: 'asc', nulls: 'last' } }, { stage: 'asc' }, { rank: 'asc' }],
    select: SUMMARY,
  })
  return rows.map(summary)
}

const SQL_ORDER: Record<TableSort, Prisma.Sql> = {
  rice: Prisma.sql`"riceScore"`,
  clinical: Prisma.sql`"clinicalScore"`,
  // must, should, could, won't: the MoSCoW order, not the alphabet.
  moscow: Prisma.sql`array_position(ARRAY['must','should','could','wont']::text[], moscow)`,
  value: Prisma.sql`value`,
  risk: Prisma.sql`risk`,
  effort: Prisma.sql`effort`,
  quarter: Prisma.sql`"targetQuarter"`,
  // The enum's order is the board's, left to right.
  stage: Prisma.sql`stage`,
  number: Prisma.sql`number`,
  title: Prisma.sql`lower(title)`,
}

/**
 * Every item (archived included; or those of one stage) with its scoring inputs, sorted in SQL by `sort` (unset values last,
 * whichever the direction), then by number.
 */
export async function tableItems(sort: TableSort, dir: SortDir, stage: Stage | null = null): Promise<TableItem[]> {
  const direction = dir === 'asc' ? Prisma.sql`ASC` : Prisma.sql`DESC`
  const where = stage ? Prisma.sql`WHERE stage = ${stage}::"RoadmapStage"` : Prisma.empty
  const ordered = await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM "RoadmapItem" ${where} ORDER BY ${SQL_ORDER[sort]} ${direction} NULLS LAST, number ASC`
  const rows = await db.roadmapItem.findMany({
    where: { id: { in: ordered.map((r) => r.id) } },
    select: { ...SUMMARY, reach: true, impact: true, confidence: true, value: true, risk: true, patientSafety: true, clinicalOutcome: true, timeSaved: true, evidenceStrength: true },
  })
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ordered.flatMap(({ id }) => {
    const row = byId.get(id)
    if (!row) return []
    const { reach, impact, confidence, value, risk, patientSafety, clinicalOutcome, timeSaved, evidenceStrength, ...rest } = row
    return [{ ...summary(rest), reach, impact, confidence, value, risk, patientSafety, clinicalOutcome, timeSaved, evidenceStrength }]
  })
}

/** The people who may own an item: active users with roadmap:edit, by name. */
export async function listOwners(): Promise<{ id: string; name: string }[]> {
  return db.user.findMany({ where: { disabledAt: null, role: { in: ROLES.filter((r) => hasPermission(r, 'roadmap:edit')) } }, orderBy: { name: 'asc' }, select: { id: true, name: true } })
}
