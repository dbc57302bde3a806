/** Adding a newcomer and a capability, archiving a competitor: validated, unique keys, audited, for editors only. */
import { beforeAll, describe, expect, it } from 'vitest'
import { actorOfUser, type Actor } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import { seedCompetitors } from '@/lib/seed/competitors'
import { createUser, uid } from '@/test/factories'
import { createCapability, createCompetitor, setCompetitorArchived } from './catalogue-commands'
import { readMatrix } from './matrix'

let pm: Actor
let viewer: Actor
beforeAll(async () => {
  pm = actorOfUser(await createUser('pm'))
  viewer = actorOfUser(await createUser('viewer'))
  await seedCompetitors()
})

const refusal = (p: Promise<unknown>) => p.then(() => ({ status: 0, fields: {} }) as { status: number; fields: Record<string, unknown> }, (e: { status: number; fields?: Record<string, unknown> }) => ({ status: e.status, fields: e.fields ?? {} }))
const key = (p: string) => uid(p).replace(/-/g, '_')

describe('catalogue commands', () => {
  it('adds a newcomer whose cells start unknown, archives and restores it, audited', async () => {
    const k = key('newcomer')
    const { id } = await createCompetitor(pm, { key: k, name: 'Abridge-like newcomer', segment: 'Ambient AI', position: 'Challenger', website: 'https://newcomer.example', marketOverlap: '40', notes: 'Met at a conference; contact Jane Doe jane@newcomer.example' })
    const row = await db.competitor.findUniqueOrThrow({ where: { id } })
    expect(row).toMatchObject({ key: k, marketOverlap: 40, isUs: false, archivedAt: null })
    expect(row.notes).not.toContain('jane@newcomer.example')
    const m = await readMatrix()
    const p = m.products.find((x) => x.id === id)!
    expect(m.capabilities.every((c) => m.cell(id, c.id).status === 'unknown')).toBe(true)
    expect(p.threat).toMatchObject({ level: 'low', leads: 0 })

    expect((await refusal(createCompetitor(pm, { key: k, name: 'Again', marketOverlap: 10 }))).status).toBe(409)
    expect(await setCompetitorArchived(pm, { id, archived: true })).toMatchObject({ changed: true })
    expect((await readMatrix()).products.some((x) => x.id === id)).toBe(false)
    expect(await setCompetitorArchived(pm, { id, archived: true })).toMatchObject({ changed: false })
    await setCompetitorArchived(pm, { id, archived: false })
    expect((await db.auditLog.findMany({ where: { targetId: k }, orderBy: { id: 'asc' } })).map((a) => a.action)).toEqual(['competitor.create', 'competitor.archive', 'competitor.restore'])
  })

  it('adds a capability at the end of its group', async () => {
    const k = key('cap')
    await createCapability(pm, { key: k, name: 'Prior authorisation AI', group: 'documentation', weight: '4' })
    const rows = await db.capability.findMany({ where: { group: 'documentation' }, orderBy: { sortOrder: 'asc' } })
    expect(rows.at(-1)).toMatchObject({ key: k, weight: 4 })
    expect((await refusal(createCapability(pm, { key: k, name: 'x', group: 'documentation', weight: 3 }))).status).toBe(409)
  })

  it('refuses a viewer, bad keys and values, and archiving our own product', async () => {
    expect((await refusal(createCompetitor(viewer, { key: key('v'), name: 'x', marketOverlap: 1 }))).status).toBe(403)
    expect((await refusal(createCompetitor(pm, { key: 'Bad Key', name: 'x', marketOverlap: 101 }))).fields).toMatchObject({ key: expect.any(Array), marketOverlap: expect.any(Array) })
    expect((await refusal(createCapability(pm, { key: key('c'), name: 'x', group: 'astrology', weight: 9 }))).fields).toMatchObject({ group: expect.any(Array), weight: expect.any(Array) })
    const us = await db.competitor.findUniqueOrThrow({ where: { key: 'our_platform' } })
    expect((await refusal(setCompetitorArchived(pm, { id: us.id, archived: true }))).status).toBe(409)
  })
})
