/**
 * The board's moves on its client-side copy of the columns, pure: where a card is, a card moved to a column
 * and position (what a drop, a drag over another column and the Move menu all do), and the words that
 * announce a position. Positions are 0-based here and counted as the server counts them (MoveInput).
 */
import { BOARD_STAGES, STAGE_LABELS, type Stage } from '@/lib/roadmap/model'
import type { ItemSummary } from '@/lib/roadmap/queries'

/** A card of the board. */
export type BoardItem = ItemSummary

export type BoardStage = (typeof BOARD_STAGES)[number]
export type Columns<T extends { id: string }> = Record<BoardStage, T[]>

export const isBoardStage = (v: unknown): v is BoardStage => typeof v === 'string' && (BOARD_STAGES as readonly string[]).includes(v)

/** The card's column and index, or null when it is not on the board. */
export function locate<T extends { id: string }>(columns: Columns<T>, id: string): { stage: BoardStage; index: number } | null {
  for (const stage of BOARD_STAGES) {
    const index = columns[stage].findIndex((c) => c.id === id)
    if (index >= 0) return { stage, index }
  }
  return null
}

/** The columns with the card taken out and put at `index` of `stage` (clamped to the column); unchanged when it is not there. */
export function moveCard<T extends { id: string; stage: Stage }>(columns: Columns<T>, id: string, stage: BoardStage, index: number): Columns<T> {
  const from = locate(columns, id)
  if (!from) return columns
  const card = columns[from.stage][from.index]!
  const next = { ...columns, [from.stage]: columns[from.stage].filter((c) => c.id !== id) }
  const target = [...next[stage]]
  target.splice(Math.max(0, Math.min(index, target.length)), 0, from.stage === stage ? card : { ...card, stage })
  next[stage] = target
  return next
}

/** "Discovery, position 2 of 5". */
export function positionWords(stage: BoardStage, index: number, count: number): string {
  return `${STAGE_LABELS[stage]}, position ${index + 1} of ${count}`
}

/** The WIP words of a column: "4 of 3 — over the WIP limit", "2 of 3", or the count alone. */
export function wipWords(count: number, limit: number | null): { text: string; over: boolean } {
  if (limit === null) return { text: `${count} item${count === 1 ? '' : 's'}`, over: false }
  const over = count > limit
  return { text: `${count} of ${limit}${over ? ' — over the WIP limit' : ''}`, over }
}
