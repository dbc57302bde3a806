/** The item commands: create, edit, scores, moves and reorders, version conflicts, release refused with its gates named. */
import { beforeAll, describe, expect, it } from 'vitest'
import { actorOfUser, type Actor } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import { createUser, uid } from '@/test/factories'
import { createItem, moveItem, setScoreInputs, updateItem } from './commands'

let pm: Actor
let other: Actor
let viewer: Actor
beforeAll(async () => {
  pm = actorOfUser(await createUser('pm'))
  other = actorOfUser(await createUser('pm'))
  viewer = actorOfUser(await createUser('viewer'))
})

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => ({ status: 0, message: '', fields: {} }),
    (e: { status: number; message: string; fields?: Record<string, string[]> }) => ({ status: e.status, message: e.message, fields: e.fields ?? {} }),
  )

const columnOrder = async (stage: 'ideas' | 'discovery' | 'planned' | 'in_progress' | 'released', ids: string[]) =>
  (await db.roadmapItem.findMany({ where: { stage, id: { in: ids } }, orderBy: { rank: 'asc' }, select: { id: true } })).map((r) => r.id)

describe('roadmap items', () => {
  it('creates an item at the top of its column, redacted, with its history and audit', async () => {
    const a = await createItem(pm, { title: `Faster triage ${uid('t')}`, problem: 'Dr. Jane Smith waits 40 s for the panel (MRN 12345678)', stage: 'discovery', targetQuarter: '2027-Q1', effort: '6', stakeholders: ['clinical_users'] })
    const b = await createItem(pm, { title: `Second ${uid('t')}`, stage: 'discovery' })
    expect(a.problem).not.toContain('Jane Smith')
    expect(a.problem).not.toContain('12345678')
    expect(await columnOrder('discovery', [a.id, b.id])).toEqual([b.id, a.id])
    expect(a.version).toBe(1)
    const events = await db.roadmapItemEvent.findMany({ where: { itemId: a.id }, orderBy: { kind: 'asc' } })
    expect(events.map((e) => [e.kind, e.to])).toEqual([['created', 'discovery'], ['quarter', '2027-Q1']])
    expect(await db.auditLog.count({ where: { action: 'roadmap.item.create', targetId: a.id } })).toBe(1)
  })

  it('refuses readers and bad input with words', async () => {
    expect((await refusal(createItem(viewer, { title: 'Nope nope' }))).status).toBe(403)
    const bad = await refusal(createItem(pm, { title: 'ab', targetQuarter: '2027-Q5', effort: -1 }))
    expect(bad.status).toBe(422)
    expect(Object.keys(bad.fields).sort()).toEqual(['effort', 'targetQuarter', 'title'])
  })

  it('answers a stale version with 409 naming who changed what, and saves nothing', async () => {
    const item = await createItem(pm, { title: `Conflict ${uid('t')}` })
    const moved = await moveItem(other, { id: item.id, version: 1, stage: 'discovery', position: 0 })
    expect(moved.version).toBe(2)
    const stale = await refusal(updateItem(pm, { id: item.id, version: 1, title: 'My late title' }))
    expect(stale.status).toBe(409)
    expect(stale.message).toContain(`${other.label} moved it to Discovery meanwhile`)
    expect(stale.fields).toEqual({ version: ['The item is at version 2'] })
    expect((await db.roadmapItem.findUniqueOrThrow({ where: { id: item.id } })).title).toBe(item.title)
    const ok = await updateItem(pm, { id: item.id, version: 2, title: 'My later title', targetQuarter: '2027-Q2', effort: 4 })
    expect(ok).toMatchObject({ version: 3, title: 'My later title', targetQuarter: '2027-Q2', effort: 4 })
    const kinds = (await db.roadmapItemEvent.findMany({ where: { itemId: item.id }, orderBy: { at: 'asc' } })).map((e) => e.kind)
    expect(kinds).toEqual(expect.arrayContaining(['created', 'stage', 'quarter', 'effort', 'edit']))
  })

  it('reorders within a column and moves between columns by position', async () => {
    const ids: string[] = []
    for (let i = 0; i < 3; i++) ids.push((await createItem(pm, { title: `Order ${i} ${uid('t')}`, stage: 'planned' })).id)
    // Created on top each time: 2, 1, 0.
    expect(await columnOrder('planned', ids)).toEqual([ids[2], ids[1], ids[0]])
    const column = await db.roadmapItem.findMany({ where: { stage: 'planned' }, orderBy: { rank: 'asc' }, select: { id: true } })
    const at = column.findIndex((c) => c.id === ids[0])
    // Item 0 to the very top of the column.
    await moveItem(pm, { id: ids[0], version: 1, stage: 'planned', position: 0 })
    expect(await columnOrder('planned', ids)).toEqual([ids[0], ids[2], ids[1]])
    expect(at).toBeGreaterThan(0)
    // Item 1 into in progress, then back between 0 and 2.
    await moveItem(pm, { id: ids[1], version: 1, stage: 'in_progress', position: 0 })
    expect(await columnOrder('planned', ids)).toEqual([ids[0], ids[2]])
    const planned = await db.roadmapItem.findMany({ where: { stage: 'planned' }, orderBy: { rank: 'asc' }, select: { id: true } })
    await moveItem(pm, { id: ids[1], version: 2, stage: 'planned', position: planned.findIndex((c) => c.id === ids[2]) })
    expect(await columnOrder('planned', ids)).toEqual([ids[0], ids[1], ids[2]])
  })

  it('refuses a release while gates are open, naming them; releases once they are complete', async () => {
    const item = await createItem(pm, { title: `Hotfix ${uid('t')}`, stage: 'planned', pipeline: 'hotfix' })
    const refused = await refusal(moveItem(pm, { id: item.id, version: 1, stage: 'released', position: 0 }))
    expect(refused.status).toBe(422)
    expect(refused.message).toBe('This item cannot be released until its gates are complete: Regression tests, Security review, Post-release review booked.')
    expect((await db.roadmapItem.findUniqueOrThrow({ where: { id: item.id } })).stage).toBe('planned')
    await db.roadmapGateCheck.createMany({ data: ['regression_tests', 'security_review', 'post_release_review'].map((gate) => ({ itemId: item.id, gate, done: true })) })
    const released = await moveItem(pm, { id: item.id, version: 1, stage: 'released', position: 0 })
    expect(released.stage).toBe('released')
    expect(released.releasedAt).toBeInstanceOf(Date)
  })

  it('computes RICE and clinical impact from the inputs and records the score change', async () => {
    const item = await createItem(pm, { title: `Scores ${uid('t')}`, effort: 6 })
    const scored = await setScoreInputs(pm, { id: item.id, version: 1, reach: 1200, impact: 2, confidence: 80, patientSafety: 5, clinicalOutcome: 4, timeSaved: 3, evidenceStrength: 2 })
    expect(scored).toMatchObject({ riceScore: 320, clinicalScore: 77, version: 2 })
    const event = await db.roadmapItemEvent.findFirstOrThrow({ where: { itemId: item.id, kind: 'score' } })
    expect([event.from, event.to]).toEqual([null, '320'])
    expect((await refusal(setScoreInputs(pm, { id: item.id, version: 2, impact: 4 }))).fields).toHaveProperty('impact')
  })
})
