/** One roadmap item for its page: details, dependencies, risks, history; and what its forms choose from. */
import 'server-only'
import { db } from '../db'
import { hasPermission, ROLES } from '../rbac'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function roadmapItemExists(id: string): Promise<boolean> {
  if (!UUID.test(id)) return false
  return (await db.roadmapItem.count({ where: { id } })) > 0
}

export async function getItemDetail(id: string) {
  if (!UUID.test(id)) return null
  return db.roadmapItem.findUnique({
    where: { id },
    include: {
      owner: { select: { id: true, name: true, email: true } },
      service: { select: { id: true, key: true, name: true } },
      risks: { orderBy: { createdAt: 'asc' } },
      dependsOn: { include: { dependsOn: { select: { id: true, number: true, title: true, stage: true } } } },
      dependents: { include: { item: { select: { id: true, number: true, title: true, stage: true } } } },
      events: { orderBy: { at: 'desc' }, take: 40 },
    },
  })
}
export type ItemDetail = NonNullable<Awaited<ReturnType<typeof getItemDetail>>>

/** What the item's forms choose from: owners (who may edit the roadmap), services, other items. */
export async function itemFormChoices(exceptId: string) {
  const editors = ROLES.filter((r) => hasPermission(r, 'roadmap:edit'))
  const [owners, services, items] = await Promise.all([
    db.user.findMany({ where: { role: { in: editors }, disabledAt: null }, select: { id: true, name: true, email: true }, orderBy: { name: 'asc' } }),
    db.service.findMany({ where: { archivedAt: null }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    db.roadmapItem.findMany({ where: { id: { not: exceptId }, stage: { not: 'archived' } }, select: { id: true, number: true, title: true }, orderBy: { number: 'desc' }, take: 500 }),
  ])
  return { owners, services, items }
}
