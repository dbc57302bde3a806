/**
 * Order within a board column, pure. Each item has a float `rank`; a move takes the midpoint of its new
 * neighbours, so a reorder writes one row. When two neighbours are too close to split (after ~30 moves
 * into the same unit gap), the column is renumbered 0, 1, 2 … first.
 */
export const MIN_GAP = 1e-9

/** The rank between two neighbours (null = none on that side); null when the gap is too small to split. */
export function rankBetween(prev: number | null, next: number | null): number | null {
  if (prev === null && next === null) return 0
  if (prev === null) return next! - 1
  if (next === null) return prev + 1
  if (next - prev < MIN_GAP) return null
  return prev + (next - prev) / 2
}

/** The neighbours of `position` in a column's ranks (ascending, the moved item left out). */
export function neighbours(ranks: readonly number[], position: number): { prev: number | null; next: number | null } {
  const at = Math.max(0, Math.min(position, ranks.length))
  return { prev: at > 0 ? ranks[at - 1]! : null, next: at < ranks.length ? ranks[at]! : null }
}

/** The rank for a move to `position`, renumbering the column (its ranks 0…n-1) when the gap is spent. */
export function rankForPosition(ranks: readonly number[], position: number): { rank: number; renumber: boolean } {
  const { prev, next } = neighbours(ranks, position)
  const rank = rankBetween(prev, next)
  if (rank !== null) return { rank, renumber: false }
  const at = Math.max(0, Math.min(position, ranks.length))
  return { rank: at - 0.5, renumber: true }
}
