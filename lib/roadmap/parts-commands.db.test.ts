/** Dependencies (loops refused, named) and risks (redacted) of roadmap items. */
import { beforeAll, describe, expect, it } from 'vitest'
import { actorOfUser, type Actor } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import { createUser, uid } from '@/test/factories'
import { createItem } from './commands'
import { itemRef } from './model'
import { addRisk, reaches, removeRisk, setDependency } from './parts-commands'

let pm: Actor
beforeAll(async () => {
  pm = actorOfUser(await createUser('pm'))
})
const version = async (id: string) => (await db.roadmapItem.findUniqueOrThrow({ where: { id } })).version

describe('dependencies', () => {
  it('finds a path along the edges', () => {
    const edges = [
      { itemId: 'a', dependsOnId: 'b' },
      { itemId: 'b', dependsOnId: 'c' },
    ]
    expect(reaches(edges, 'a', 'c')).toEqual(['a', 'b', 'c'])
    expect(reaches(edges, 'c', 'a')).toBeNull()
  })

  it('refuses a dependency that closes a loop, naming it, and removes one', async () => {
    const [a, b, c] = [await createItem(pm, { title: `A ${uid('d')}` }), await createItem(pm, { title: `B ${uid('d')}` }), await createItem(pm, { title: `C ${uid('d')}` })]
    await setDependency(pm, { id: a.id, version: 1, dependsOnId: b.id })
    await setDependency(pm, { id: b.id, version: 1, dependsOnId: c.id })
    const loop = await setDependency(pm, { id: c.id, version: 1, dependsOnId: a.id }).catch((e: { status: number; message: string }) => e)
    expect(loop).toMatchObject({ status: 422, message: `That would close a loop: ${[c, a, b, c].map((i) => itemRef(i.number)).join(' needs ')}` })
    await expect(setDependency(pm, { id: a.id, version: 2, dependsOnId: a.id })).rejects.toMatchObject({ status: 422 })
    await setDependency(pm, { id: a.id, version: 2, dependsOnId: b.id, remove: true })
    expect(await db.roadmapDependency.count({ where: { itemId: a.id } })).toBe(0)
    expect(await db.auditLog.count({ where: { targetId: a.id, action: { startsWith: 'roadmap.dependency' } } })).toBe(2)
  })
})

describe('risks', () => {
  it('adds a redacted risk with its mitigation and removes it', async () => {
    const item = await createItem(pm, { title: `Risky ${uid('r')}` })
    await addRisk(pm, { id: item.id, version: 1, description: 'Alert fatigue reported by nurse Mary Jones on 3 May', mitigation: 'Pilot in one ward first', severity: 'high' })
    const risk = await db.roadmapRisk.findFirstOrThrow({ where: { itemId: item.id } })
    expect(risk.description).not.toContain('Mary Jones')
    expect(risk).toMatchObject({ mitigation: 'Pilot in one ward first', severity: 'high' })
    await removeRisk(pm, { id: item.id, version: await version(item.id), riskId: risk.id })
    expect(await db.roadmapRisk.count({ where: { itemId: item.id } })).toBe(0)
  })
})
