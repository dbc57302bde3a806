/** The positioning scatter's data: the matrix's coverage per product with its prices. */
import 'server-only'
import { db } from '../db'
import type { Matrix } from './matrix'
import { positioningPoints, type PositioningPoint } from './positioning'

export async function readPositioning(matrix: Matrix): Promise<PositioningPoint[]> {
  const prices = await db.competitorPrice.findMany({ where: { competitorId: { in: matrix.products.map((p) => p.id) } } })
  return positioningPoints(matrix.products.map((p) => ({ key: p.key, name: p.name, isUs: p.isUs, coverage: p.coverage, prices: prices.filter((x) => x.competitorId === p.id) })))
}
