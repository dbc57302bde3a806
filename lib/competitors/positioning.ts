/**
 * The positioning scatter's points: each product's weighted coverage against its price per staffed bed and
 * year (the midpoint of its newest per-bed range). Per-bed is the model the hospital products share;
 * a product priced only per user or per site has no point and says so. Pure.
 */
export interface PricePoint {
  model: string
  low: number
  high: number
  currency: string
  observedAt: Date
}

export interface PositioningPoint {
  key: string
  name: string
  isUs: boolean
  /** 0–100. */
  coverage: number
  /** Midpoint per bed and year, or null without a per-bed price. */
  pricePerBed: number | null
  currency: string | null
}

export function positioningPoints(products: readonly { key: string; name: string; isUs: boolean; coverage: number; prices: readonly PricePoint[] }[]): PositioningPoint[] {
  return products.map((p) => {
    const perBed = p.prices.filter((x) => x.model === 'per_bed').sort((a, b) => b.observedAt.getTime() - a.observedAt.getTime())[0]
    return {
      key: p.key,
      name: p.name,
      isUs: p.isUs,
      coverage: Math.round(p.coverage * 1000) / 10,
      pricePerBed: perBed ? Math.round((perBed.low + perBed.high) / 2) : null,
      currency: perBed?.currency ?? null,
    }
  })
}
