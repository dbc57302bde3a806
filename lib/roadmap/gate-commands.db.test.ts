/** Release gates: ticked by editors with their evidence, the flag gate read from a linked flag, all audited and versioned. */
import { beforeAll, describe, expect, it } from 'vitest'
import { actorOfUser, type Actor } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import { createUser, uid } from '@/test/factories'
import { makeFlag, rejects } from '@/test/flag-factories'
import { setCapacity } from './capacity-commands'
import { linkFlag, setGateCheck } from './gate-commands'
import { assertReleasable, loadGateStates } from './gates'
import { itemRef } from './model'

let pm: Actor
let viewer: Actor
beforeAll(async () => {
  pm = actorOfUser(await createUser('pm'))
  viewer = actorOfUser(await createUser('viewer'))
})

async function makeItem(over: { pipeline?: 'feature' | 'hotfix' | 'innovation'; regulatoryPathway?: string } = {}) {
  return db.roadmapItem.create({ data: { title: uid('Gated item'), rank: Math.random(), stage: 'in_progress', ...over } })
}

describe('setGateCheck', () => {
  it('ticks a gate with who, when and the evidence, redacts the note, bumps the version and audits', async () => {
    const item = await makeItem()
    const at = new Date('2026-12-01T10:00:00Z')
    const r = await setGateCheck(pm, { itemId: item.id, gate: 'clinical_validation', done: 'on', evidenceUrl: 'https://docs.example/validation', note: 'Reviewed with Dr Jane Doe, MRN 12345678' }, { now: at })
    expect(r).toMatchObject({ done: true, version: 2 })
    const check = await db.roadmapGateCheck.findUniqueOrThrow({ where: { itemId_gate: { itemId: item.id, gate: 'clinical_validation' } } })
    expect(check).toMatchObject({ done: true, evidenceUrl: 'https://docs.example/validation', doneBy: pm.label, doneAt: at })
    expect(check.note).not.toContain('12345678')
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'roadmap.gate.set', targetId: itemRef(item.number) } })
    expect(audit.summary).toMatchObject({ gate: 'clinical_validation', done: true })

    await setGateCheck(pm, { itemId: item.id, gate: 'clinical_validation', done: false })
    expect(await db.roadmapGateCheck.findUniqueOrThrow({ where: { itemId_gate: { itemId: item.id, gate: 'clinical_validation' } } })).toMatchObject({ done: false, doneBy: null, doneAt: null })
    expect((await db.roadmapItem.findUniqueOrThrow({ where: { id: item.id } })).version).toBe(3)
  })

  it('refuses the automatic flag gate, a gate outside the pipeline, readers and a missing item', async () => {
    const item = await makeItem({ pipeline: 'hotfix' })
    const auto = await rejects(setGateCheck(pm, { itemId: item.id, gate: 'flag_rollout', done: true }))
    expect(auto).toMatchObject({ status: 422, code: 'automatic_gate' })
    expect(auto.message).toMatch(/read from Feature flags/)
    const other = await rejects(setGateCheck(pm, { itemId: item.id, gate: 'clinical_validation', done: true }))
    expect(other).toMatchObject({ status: 422 })
    expect(other.message).toMatch(/Clinical validation is not a release gate/)
    expect((await rejects(setGateCheck(viewer, { itemId: item.id, gate: 'regression_tests', done: true }))).status).toBe(403)
    expect((await rejects(setGateCheck(pm, { itemId: '00000000-0000-4000-8000-000000000000', gate: 'regression_tests', done: true }))).status).toBe(404)
    expect((await rejects(setGateCheck(pm, { itemId: item.id, gate: 'regression_tests', done: true, evidenceUrl: 'ftp://x' }))).fields).toMatchObject({ evidenceUrl: expect.any(Array) })
  })

  it('needs the pathway’s documents: FDA documentation for a 510(k) item', async () => {
    const item = await makeItem({ regulatoryPathway: 'fda_510k' })
    await setGateCheck(pm, { itemId: item.id, gate: 'fda_documentation', done: true })
    const states = await loadGateStates(db, { id: item.id, pipeline: 'feature', regulatoryPathway: 'fda_510k', flagKey: null })
    expect(states.find((s) => s.gate === 'fda_documentation')?.done).toBe(true)
  })
})

describe('linkFlag and the release', () => {
  it('links a flag at the current version, refuses a stale version and an unknown flag, and unlinks', async () => {
    const item = await makeItem()
    const flag = await makeFlag()
    expect((await rejects(linkFlag(pm, { itemId: item.id, flagKey: flag.key, version: 7 }))).status).toBe(409)
    expect((await rejects(linkFlag(pm, { itemId: item.id, flagKey: 'no_such_flag_here', version: 1 }))).fields).toMatchObject({ flagKey: expect.any(Array) })
    expect(await linkFlag(pm, { itemId: item.id, flagKey: flag.key, version: 1 })).toEqual({ flagKey: flag.key, version: 2 })
    expect(await linkFlag(pm, { itemId: item.id, flagKey: '', version: 2 })).toEqual({ flagKey: null, version: 3 })
    const audits = await db.auditLog.findMany({ where: { targetId: itemRef(item.number) }, orderBy: { id: 'asc' } })
    expect(audits.map((a) => a.action)).toEqual(['roadmap.flag.link', 'roadmap.flag.unlink'])
    expect((await rejects(linkFlag(viewer, { itemId: item.id, flagKey: null, version: 3 }))).status).toBe(403)
  })

  it('is releasable only once every gate is ticked and the flag’s production rollout completed', async () => {
    const item = await makeItem()
    const subject = () => db.roadmapItem.findUniqueOrThrow({ where: { id: item.id } }).then((i) => ({ id: i.id, pipeline: i.pipeline, regulatoryPathway: i.regulatoryPathway, flagKey: i.flagKey }))
    const refusal = await rejects(assertReleasable(db, await subject()))
    expect(refusal.message).toContain('Clinical validation, Security review, HIPAA privacy review, Feature flag rollout completed')
    for (const gate of ['clinical_validation', 'security_review', 'privacy_review'] as const) await setGateCheck(pm, { itemId: item.id, gate, done: true })
    const flag = await makeFlag()
    await linkFlag(pm, { itemId: item.id, flagKey: flag.key, version: 4 })
    expect((await rejects(assertReleasable(db, await subject()))).message).toContain('Feature flag rollout completed')
    await db.rolloutPlan.create({ data: { flagId: flag.id, environment: 'production', variant: 'on', stages: [50, 100], currentStage: 1, percentage: 100, status: 'completed' } })
    await expect(assertReleasable(db, await subject())).resolves.toBeUndefined()
  })
})

describe('setCapacity', () => {
  it('sets and changes a quarter’s capacity, audited with the old value; readers are refused', async () => {
    const quarter = `${2100 + Math.floor(Math.random() * 800)}-Q${1 + Math.floor(Math.random() * 4)}`
    expect(await setCapacity(pm, { quarter, personWeeks: '40' })).toEqual({ quarter, personWeeks: 40, previous: null })
    expect(await setCapacity(pm, { quarter, personWeeks: 32.5 })).toEqual({ quarter, personWeeks: 32.5, previous: 40 })
    const audits = await db.auditLog.findMany({ where: { action: 'roadmap.capacity.set', targetId: quarter }, orderBy: { id: 'asc' } })
    expect(audits.map((a) => a.summary)).toEqual([{ from: null, to: 40 }, { from: 40, to: 32.5 }])
    expect((await rejects(setCapacity(viewer, { quarter, personWeeks: 1 }))).status).toBe(403)
    expect((await rejects(setCapacity(pm, { quarter: '2027 Q1', personWeeks: -1 }))).fields).toMatchObject({ quarter: expect.any(Array), personWeeks: expect.any(Array) })
  })
})
