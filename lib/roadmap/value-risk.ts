/** The value-vs-risk 2×2 (pure): items with both inputs, grouped by quadrant (scoring.ts valueRiskQuadrant). */
import { valueRiskQuadrant, type Quadrant } from './scoring'

export const QUADRANT_ORDER: readonly Quadrant[] = ['quick_win', 'strategic_bet', 'fill_in', 'avoid']
export const QUADRANT_ADVICE: Record<Quadrant, string> = {
  quick_win: 'High value, low risk: do these first.',
  strategic_bet: 'High value, high risk: worth it with the risks mitigated.',
  fill_in: 'Low value, low risk: when there is room.',
  avoid: 'Low value, high risk: reconsider.',
}

export interface ValueRiskItem {
  id: string
  number: number
  title: string
  stage: string
  value: number | null
  risk: number | null
}
export type PlacedItem = ValueRiskItem & { value: number; risk: number; quadrant: Quadrant }

export function placeItems(items: readonly ValueRiskItem[]): { placed: PlacedItem[]; unplaced: number; byQuadrant: Record<Quadrant, PlacedItem[]> } {
  const placed: PlacedItem[] = []
  for (const i of items) if (i.value !== null && i.risk !== null) placed.push({ ...i, value: i.value, risk: i.risk, quadrant: valueRiskQuadrant(i.value, i.risk) })
  const byQuadrant = Object.fromEntries(QUADRANT_ORDER.map((q) => [q, placed.filter((p) => p.quadrant === q).sort((a, b) => b.value - a.value || a.risk - b.risk || a.number - b.number)])) as Record<Quadrant, PlacedItem[]>
  return { placed, unplaced: items.length - placed.length, byQuadrant }
}
