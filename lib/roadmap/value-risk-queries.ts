/** The value-vs-risk page's items: every item on the board (archived ones left out) with its value and risk. */
import 'server-only'
import { db } from '../db'
import { placeItems } from './value-risk'

export async function getValueRisk() {
  const items = await db.roadmapItem.findMany({
    where: { stage: { not: 'archived' } },
    select: { id: true, number: true, title: true, stage: true, value: true, risk: true },
    orderBy: { number: 'asc' },
  })
  return placeItems(items)
}
