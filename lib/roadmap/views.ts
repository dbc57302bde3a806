/** The roadmap's views, pure: the timeline's now / next / later lanes with their quarters. */
import { z } from 'zod'
import { HORIZONS, STAGES, type Horizon } from './model'

export interface Lane<T> {
  horizon: Horizon
  /** Quarters in order, then the items with no quarter (`quarter` null) last. */
  groups: { quarter: string | null; items: T[] }[]
  count: number
}

/** Items into one lane per horizon, each grouped by target quarter (in order, "no quarter" last), keeping the items' order within a group. */
export function timelineLanes<T extends { horizon: Horizon; targetQuarter: string | null }>(items: readonly T[]): Lane<T>[] {
  return HORIZONS.map((horizon) => {
    const mine = items.filter((i) => i.horizon === horizon)
    const quarters = [...new Set(mine.flatMap((i) => (i.targetQuarter ? [i.targetQuarter] : [])))].sort()
    const groups = [...quarters, null].map((quarter) => ({ quarter, items: mine.filter((i) => i.targetQuarter === quarter) })).filter((g) => g.items.length > 0)
    return { horizon, groups, count: mine.length }
  })
}

export const TABLE_SORTS = ['rice', 'clinical', 'moscow', 'value', 'risk', 'effort', 'quarter', 'stage', 'number', 'title'] as const
export type TableSort = (typeof TABLE_SORTS)[number]
export type SortDir = 'asc' | 'desc'

/** The direction a column sorts in when first chosen: scores highest first, the rest ascending. */
export const DEFAULT_DIR: Record<TableSort, SortDir> = {
  rice: 'desc',
  clinical: 'desc',
  moscow: 'asc',
  value: 'desc',
  risk: 'desc',
  effort: 'asc',
  quarter: 'asc',
  stage: 'asc',
  number: 'asc',
  title: 'asc',
}

/** The table's query string (`?sort=&dir=&stage=`); a missing direction is the column's own. */
export const TableQuery = z
  .object({
    sort: z.enum(TABLE_SORTS, `Sort by one of ${TABLE_SORTS.join(', ')}`).default('rice'),
    dir: z.enum(['asc', 'desc'], 'Direction asc or desc').optional(),
    stage: z.enum(STAGES, 'Choose a stage').optional(),
  })
  .transform((q) => ({ sort: q.sort, dir: q.dir ?? DEFAULT_DIR[q.sort], stage: q.stage ?? null }))
export type TableQuery = z.output<typeof TableQuery>

/** The table page's query: an unknown value falls back to the default rather than failing the page. */
export function tableQueryOf(params: Record<string, string | string[] | undefined>): TableQuery {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined
  const raw = { sort: one(params.sort), dir: one(params.dir), stage: one(params.stage) }
  const parsed = TableQuery.safeParse(raw)
  if (parsed.success) return parsed.data
  const sort = TableQuery.safeParse({ sort: raw.sort }).success ? raw.sort : undefined
  return TableQuery.parse({ sort, dir: sort && (raw.dir === 'asc' || raw.dir === 'desc') ? raw.dir : undefined })
}
