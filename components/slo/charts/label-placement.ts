/**
 * Placing threshold labels beside their lines without collisions. Each label wants to sit just above its
 * line; labels that would overlap are gathered into a stack centred on where they wanted to be (so each
 * stays as close to its line as the others allow), and stacks are kept inside the plot. Pure: the chart
 * passes pixel positions from its scale.
 */

export interface LabelRequest {
  key: string
  /** Pixel y of the line the label belongs to. */
  anchorY: number
  side: 'left' | 'right'
  /** Estimated pixel width of the text. */
  width: number
}

export interface PlacedLabel {
  key: string
  side: 'left' | 'right'
  /** Pixel y of the top of the label's box. */
  top: number
}

export interface PlacementOptions {
  /** Height of one label's box. */
  height: number
  /** Space between stacked labels. */
  gap: number
  /** Space between a label's box and its line. */
  offset: number
  /** The plot's vertical extent the labels must stay within. */
  minTop: number
  maxBottom: number
  /** The plot's width: when the widest left and right labels do not fit side by side, all go right. */
  plotWidth: number
}

interface Cluster {
  items: LabelRequest[]
  top: number
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, hi))

function stack(requests: readonly LabelRequest[], o: PlacementOptions): PlacedLabel[] {
  const pitch = o.height + o.gap
  const wanted = (r: LabelRequest) => r.anchorY - o.offset - o.height
  const size = (c: Cluster) => c.items.length * o.height + (c.items.length - 1) * o.gap
  // A stack sits where its labels want to be on average, each a pitch below the one before, inside the plot.
  const settle = (c: Cluster) => {
    const mean = c.items.reduce((s, r, i) => s + wanted(r) - i * pitch, 0) / c.items.length
    c.top = clamp(mean, o.minTop, Math.max(o.minTop, o.maxBottom - size(c)))
  }
  const clusters: Cluster[] = []
  for (const r of [...requests].sort((a, b) => wanted(a) - wanted(b) || a.key.localeCompare(b.key))) {
    const c: Cluster = { items: [r], top: 0 }
    settle(c)
    clusters.push(c)
    // Merge with the stack above while they overlap; a merged stack may then reach the one above it.
    while (clusters.length > 1) {
      const last = clusters.at(-1)!
      const prev = clusters.at(-2)!
      if (prev.top + size(prev) + o.gap <= last.top) break
      prev.items.push(...last.items)
      clusters.pop()
      settle(prev)
    }
  }
  return clusters.flatMap((c) => c.items.map((r, i) => ({ key: r.key, side: r.side, top: c.top + i * pitch })))
}

/** Where each label goes: its side (both to the right when the plot is too narrow for two columns) and its box's top. */
export function placeLabels(requests: readonly LabelRequest[], o: PlacementOptions): PlacedLabel[] {
  const widest = (side: 'left' | 'right') => Math.max(0, ...requests.filter((r) => r.side === side).map((r) => r.width))
  const twoColumns = widest('left') + widest('right') + 24 <= o.plotWidth
  const sided = twoColumns ? requests : requests.map((r) => ({ ...r, side: 'right' as const }))
  const placed = [...stack(sided.filter((r) => r.side === 'left'), o), ...stack(sided.filter((r) => r.side === 'right'), o)]
  const order = new Map(requests.map((r, i) => [r.key, i]))
  return placed.sort((a, b) => order.get(a.key)! - order.get(b.key)!)
}

/** A generous estimate of a label's width at `fontSize` px (proportional sans-serif, digits and "×" included). */
export function estimateTextWidth(text: string, fontSize: number): number {
  return Math.ceil(text.length * fontSize * 0.6)
}
