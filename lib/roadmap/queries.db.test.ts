/** The roadmap's views read in SQL: the board's columns, WIP limits, the timeline, the table's sorts and the owners. */
import { beforeAll, describe, expect, it } from 'vitest'
import { actorOfUser, type Actor } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import { createUser, uid } from '@/test/factories'
import { createItem, moveItem, setScoreInputs } from './commands'
import { archivedItems, boardColumns, listOwners, tableItems, timelineItems, wipLimits } from './queries'
import { WIP_LIMITS_KEY } from './schema'
import { setWipLimits } from './wip-commands'

let pm: Actor
let viewer: Actor
let pmName: string
beforeAll(async () => {
  const user = await createUser('pm')
  pm = actorOfUser(user)
  pmName = user.name
  viewer = actorOfUser(await createUser('viewer'))
})

const mine = <T extends { id: string }>(rows: T[], ids: string[]) => rows.filter((r) => ids.includes(r.id)).map((r) => r.id)

describe('roadmap views', () => {
  it('lists each column in rank order with what a card shows, archived items apart', async () => {
    const owner = (await db.user.findFirstOrThrow({ where: { email: pm.label } })).id
    const a = await createItem(pm, { title: `Card A ${uid()}`, stage: 'discovery', ownerId: owner, targetQuarter: '2027-Q2', effort: 4 })
    const b = await createItem(pm, { title: `Card B ${uid()}`, stage: 'discovery' })
    const gone = await createItem(pm, { title: `Card C ${uid()}`, stage: 'discovery' })
    await moveItem(pm, { id: gone.id, version: 1, stage: 'archived', position: 0 })
    await db.roadmapLink.create({ data: { itemId: a.id, kind: 'feedback', targetId: crypto.randomUUID() } })
    await setScoreInputs(pm, { id: a.id, version: 1, reach: 100, impact: 1, confidence: 100, moscow: 'must' })

    const columns = await boardColumns()
    expect(Object.keys(columns)).toEqual(['ideas', 'discovery', 'planned', 'in_progress', 'released'])
    expect(mine(columns.discovery, [a.id, b.id, gone.id])).toEqual([b.id, a.id])
    expect(columns.discovery.find((c) => c.id === a.id)).toMatchObject({
      number: a.number,
      owner: { id: owner, name: pmName },
      targetQuarter: '2027-Q2',
      effort: 4,
      riceScore: 25,
      moscow: 'must',
      version: 2,
      links: 1,
      pipeline: 'feature',
    })
    expect(mine(await archivedItems(), [gone.id])).toEqual([gone.id])
  })

  it('keeps WIP limits in one audited setting; readers cannot set them', async () => {
    await db.setting.deleteMany({ where: { key: WIP_LIMITS_KEY } })
    expect(await wipLimits()).toEqual({ ideas: null, discovery: null, planned: null, in_progress: null, released: null })
    await expect(setWipLimits(viewer, { in_progress: 3 })).rejects.toMatchObject({ status: 403 })
    await expect(setWipLimits(pm, { planned: -1 })).rejects.toMatchObject({ status: 422, fields: { planned: ['Planned: 0–500'] } })
    await setWipLimits(pm, { in_progress: '3', planned: '', discovery: 5 })
    expect(await wipLimits()).toEqual({ ideas: null, discovery: 5, planned: null, in_progress: 3, released: null })
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'roadmap.wip_limits.update' }, orderBy: { at: 'desc' } })
    expect(audit.actorLabel).toBe(pm.label)
  })

  it('groups the timeline by horizon, quarters in order with none last', async () => {
    const t = uid()
    const late = await createItem(pm, { title: `Late ${t}`, horizon: 'short_term', targetQuarter: '2027-Q3' })
    const none = await createItem(pm, { title: `None ${t}`, horizon: 'short_term' })
    const early = await createItem(pm, { title: `Early ${t}`, horizon: 'short_term', targetQuarter: '2027-Q1' })
    const later = await createItem(pm, { title: `Later ${t}`, horizon: 'long_term', targetQuarter: '2026-Q1' })
    expect(mine(await timelineItems(), [late.id, none.id, early.id, later.id])).toEqual([early.id, late.id, none.id, later.id])
    // Released before this quarter: history, not plan; released in it: still shown.
    await db.roadmapItem.updateMany({ where: { id: { in: [late.id, early.id] } }, data: { stage: 'released' } })
    await db.roadmapItem.update({ where: { id: late.id }, data: { releasedAt: new Date('2026-09-30T12:00:00Z') } })
    await db.roadmapItem.update({ where: { id: early.id }, data: { releasedAt: new Date('2026-10-01T00:00:00Z') } })
    expect(mine(await timelineItems(new Date('2026-12-07T12:00:00Z')), [late.id, none.id, early.id, later.id])).toEqual([early.id, none.id, later.id])
  })

  it('sorts the table by any score in SQL, unset values last either way', async () => {
    const t = uid()
    const lo = await createItem(pm, { title: `Lo ${t}`, effort: 10, targetQuarter: '2027-Q4' })
    const hi = await createItem(pm, { title: `Hi ${t}`, effort: 2, targetQuarter: '2027-Q1' })
    const unset = await createItem(pm, { title: `Unset ${t}` })
    await setScoreInputs(pm, { id: lo.id, version: 1, reach: 10, impact: 1, confidence: 50, moscow: 'could', value: 2, risk: 9, patientSafety: 1, clinicalOutcome: 1, timeSaved: 1, evidenceStrength: 1 })
    await setScoreInputs(pm, { id: hi.id, version: 1, reach: 1000, impact: 3, confidence: 100, moscow: 'must', value: 9, risk: 1, patientSafety: 5, clinicalOutcome: 5, timeSaved: 5, evidenceStrength: 5 })
    const ids = [lo.id, hi.id, unset.id]
    const order = async (sort: Parameters<typeof tableItems>[0], dir: 'asc' | 'desc') => mine(await tableItems(sort, dir), ids)
    expect(await order('rice', 'desc')).toEqual([hi.id, lo.id, unset.id])
    expect(await order('rice', 'asc')).toEqual([lo.id, hi.id, unset.id])
    expect(await order('clinical', 'desc')).toEqual([hi.id, lo.id, unset.id])
    expect(await order('moscow', 'asc')).toEqual([hi.id, lo.id, unset.id])
    expect(await order('value', 'desc')).toEqual([hi.id, lo.id, unset.id])
    expect(await order('risk', 'desc')).toEqual([lo.id, hi.id, unset.id])
    expect(await order('effort', 'asc')).toEqual([hi.id, lo.id, unset.id])
    expect(await order('quarter', 'desc')).toEqual([lo.id, hi.id, unset.id])
    expect(await order('number', 'asc')).toEqual([lo.id, hi.id, unset.id])
    const row = (await tableItems('rice', 'desc')).find((r) => r.id === hi.id)
    expect(row).toMatchObject({ reach: 1000, impact: 3, confidence: 100, value: 9, risk: 1, patientSafety: 5, riceScore: 1500, clinicalScore: 100 })
  })

  it('offers as owners only active people who may edit the roadmap', async () => {
    const viewerUser = await db.user.findFirstOrThrow({ where: { email: viewer.label } })
    const owners = await listOwners()
    expect(owners.some((o) => o.name === pmName)).toBe(true)
    expect(owners.some((o) => o.id === viewerUser.id)).toBe(false)
  })
})
