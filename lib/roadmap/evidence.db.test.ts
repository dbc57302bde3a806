/** Evidence links, the inputs they seed, overrides with reasons, and the clinician loop, against the database. */
import { beforeAll, describe, expect, it } from 'vitest'
import { actorOfUser, type Actor } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import { inTransaction } from '@/lib/tx'
import { listInsights } from '@/lib/analytics/insight-queries'
import { widgetStatusOf } from '@/lib/feedback/widget-status'
import { createUser, uid } from '@/test/factories'
import { createSlo, insertRollups, minutes } from '@/test/slo-factories'
import { createFeedbackItem, createInsight, createRoadmapItem, createThreatLink } from '@/test/roadmap-evidence-factories'
import { moveItem } from './commands'
import { propagateStageToFeedback } from './feedback-loop'
import { linkEvidence, resolveEvidenceRef, unlinkEvidence } from './link-commands'
import { applyEvidence, clearOverride, overrideInput, seedsOf } from './override-commands'

let pm: Actor
let viewer: Actor
beforeAll(async () => {
  pm = actorOfUser(await createUser('pm'))
  viewer = actorOfUser(await createUser('viewer'))
})

const refusal = (p: Promise<unknown>) => p.then(() => ({ status: 0, fields: {} }) as { status: number; fields: Record<string, unknown> }, (e: { status: number; fields?: Record<string, unknown> }) => ({ status: e.status, fields: e.fields ?? {} }))
const item = (id: string) => db.roadmapItem.findUniqueOrThrow({ where: { id } })

describe('linkEvidence and applyEvidence', () => {
  it('links feedback, points it back at the item, seeds reach and safety, and audits', async () => {
    const rm = await createRoadmapItem()
    const fb = await createFeedbackItem({ duplicateCount: 2, departments: ['ED', 'ICU'] })
    const safety = await createFeedbackItem({ safetyConcern: true })
    await linkEvidence(pm, { itemId: rm.id, kind: 'feedback', targetId: fb.id })
    const r = await linkEvidence(pm, { itemId: rm.id, kind: 'feedback', targetId: safety.id })
    expect(r.label).toBe(`FB-${safety.number}`)
    expect((await db.feedbackItem.findUniqueOrThrow({ where: { id: fb.id } })).roadmapItemId).toBe(rm.id)
    const applied = await applyEvidence(pm, rm.id)
    expect(applied.changes).toMatchObject({ reach: { from: null, to: 4 }, patientSafety: { from: null, to: 5 }, evidenceStrength: { from: null, to: 2 }, confidence: { from: null, to: 80 } })
    const row = await item(rm.id)
    expect(row).toMatchObject({ reach: 4, patientSafety: 5, evidenceStrength: 2, confidence: 80, version: 4 })
    // Applying again changes nothing and writes nothing.
    expect((await applyEvidence(pm, rm.id)).changes).toEqual({})
    expect((await item(rm.id)).version).toBe(4)
    const audits = await db.auditLog.findMany({ where: { targetId: rm.id }, orderBy: { id: 'asc' }, select: { action: true } })
    expect(audits.map((a) => a.action)).toEqual(['roadmap.link.add', 'roadmap.link.add', 'roadmap.evidence.apply'])
  })

  it('refuses a second link of the same evidence (409), a missing target (422) and a viewer (403)', async () => {
    const rm = await createRoadmapItem()
    const fb = await createFeedbackItem()
    await linkEvidence(pm, { itemId: rm.id, kind: 'feedback', targetId: fb.id })
    expect((await refusal(linkEvidence(pm, { itemId: rm.id, kind: 'feedback', targetId: fb.id }))).status).toBe(409)
    expect((await refusal(linkEvidence(pm, { itemId: rm.id, kind: 'incident', targetId: fb.id }))).status).toBe(422)
    expect((await refusal(linkEvidence(viewer, { itemId: rm.id, kind: 'feedback', targetId: fb.id }))).status).toBe(403)
  })

  it('unlinks: clears the feedback item’s pointer, and the threat link’s', async () => {
    const rm = await createRoadmapItem()
    const fb = await createFeedbackItem()
    const { link } = await createThreatLink()
    await linkEvidence(pm, { itemId: rm.id, kind: 'feedback', targetId: fb.id })
    await linkEvidence(pm, { itemId: rm.id, kind: 'competitor_threat', targetId: link.id })
    expect((await db.competitorThreatLink.findUniqueOrThrow({ where: { id: link.id } })).roadmapItemId).toBe(rm.id)
    await unlinkEvidence(pm, { itemId: rm.id, kind: 'feedback', targetId: fb.id })
    await unlinkEvidence(pm, { itemId: rm.id, kind: 'competitor_threat', targetId: link.id })
    expect((await db.feedbackItem.findUniqueOrThrow({ where: { id: fb.id } })).roadmapItemId).toBeNull()
    expect((await db.competitorThreatLink.findUniqueOrThrow({ where: { id: link.id } })).roadmapItemId).toBeNull()
    expect(await db.roadmapLink.count({ where: { itemId: rm.id } })).toBe(0)
    expect((await unlinkEvidence(pm, { itemId: rm.id, kind: 'feedback', targetId: fb.id })).changed).toBe(false)
  })

  it('shows the link back on the analytics insights list', async () => {
    const rm = await createRoadmapItem()
    const insight = await createInsight()
    await linkEvidence(pm, { itemId: rm.id, kind: 'insight', targetId: insight.id })
    const row = (await listInsights('all', 11, 10_000)).find((r) => r.id === insight.id)
    expect(row?.roadmapItems).toEqual([{ id: rm.id, number: rm.number }])
  })

  it('resolves what people type: FB-n, a capability key, an insight id', async () => {
    const fb = await createFeedbackItem()
    const { capability, link } = await createThreatLink()
    const insight = await createInsight()
    await inTransaction(async (tx) => {
      expect(await resolveEvidenceRef(tx, 'feedback', `fb-${fb.number}`)).toBe(fb.id)
      expect(await resolveEvidenceRef(tx, 'feedback', String(fb.number))).toBe(fb.id)
      expect(await resolveEvidenceRef(tx, 'competitor_threat', capability.key)).toBe(link.id)
      expect(await resolveEvidenceRef(tx, 'insight', insight.id)).toBe(insight.id)
    })
    const r = await refusal(inTransaction((tx) => resolveEvidenceRef(tx, 'feedback', 'FB-999999999')))
    expect(r).toEqual({ status: 422, fields: { ref: ['No feedback item has this number (e.g. FB-12)'] } })
  })
})

describe('overrideInput and clearOverride', () => {
  it('overrides a seeded input with a redacted reason, recomputes RICE, records the score change, and clears back to the evidence', async () => {
    const rm = await createRoadmapItem({ effort: 2, impact: 2 })
    const insight = await createInsight()
    await linkEvidence(pm, { itemId: rm.id, kind: 'insight', targetId: insight.id })
    await applyEvidence(pm, rm.id)
    let row = await item(rm.id)
    // 260 lost a quarter × 2 × 50 % ÷ 2 = 130
    expect(row).toMatchObject({ reach: 260, confidence: 50, riceScore: 130 })
    const r = await overrideInput(pm, { itemId: rm.id, input: 'reach', value: 1000, reason: 'Ward audit by Dr Jane Smith counted 1000 users', version: row.version })
    expect(r.riceScore).toBe(500)
    row = await item(rm.id)
    expect(row).toMatchObject({ reach: 1000, riceScore: 500, version: r.version })
    const o = await db.roadmapInputOverride.findUniqueOrThrow({ where: { itemId_input: { itemId: rm.id, input: 'reach' } } })
    expect(o).toMatchObject({ value: 1000, seeded: 260, by: pm.label })
    expect(o.reason).not.toContain('Jane Smith')
    const events = await db.roadmapItemEvent.findMany({ where: { itemId: rm.id, kind: 'score' }, orderBy: { at: 'asc' } })
    expect(events.map((e) => [e.from, e.to])).toEqual([
      [null, '130'],
      ['130', '500'],
    ])
    // Evidence no longer writes an overridden input.
    await applyEvidence(pm, rm.id)
    expect((await item(rm.id)).reach).toBe(1000)
    // A stale version answers 409.
    expect((await refusal(overrideInput(pm, { itemId: rm.id, input: 'reach', value: 5, reason: 'stale form', version: row.version - 1 }))).status).toBe(409)
    const cleared = await clearOverride(pm, { itemId: rm.id, input: 'reach', version: row.version })
    expect(cleared).toMatchObject({ cleared: true, riceScore: 130 })
    expect(await db.roadmapInputOverride.count({ where: { itemId: rm.id } })).toBe(0)
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: rm.id, action: 'roadmap.input.override' } })
    expect(audit.summary).toMatchObject({ input: 'reach', from: 260, to: 1000, seeded: 260 })
  })

  it('refuses a value outside the input’s range and a missing reason (422), and a viewer (403)', async () => {
    const rm = await createRoadmapItem()
    const bad = await refusal(overrideInput(pm, { itemId: rm.id, input: 'confidence', value: 70, reason: '', version: 1 }))
    expect(bad.status).toBe(422)
    expect(Object.keys(bad.fields).sort()).toEqual(['reason', 'value'])
    expect((await refusal(overrideInput(viewer, { itemId: rm.id, input: 'risk', value: 3, reason: 'because', version: 1 }))).status).toBe(403)
  })
})

describe('propagateStageToFeedback', () => {
  it('marks open linked feedback planned, then done on release with the note, leaving a safety concern for a person', async () => {
    const rm = await createRoadmapItem()
    const open = await createFeedbackItem({ status: 'triaged' })
    const closed = await createFeedbackItem({ status: 'wont_do' })
    const safety = await createFeedbackItem({ safetyConcern: true, status: 'new' })
    for (const f of [open, closed, safety]) await linkEvidence(pm, { itemId: rm.id, kind: 'feedback', targetId: f.id })
    const planned = await inTransaction((tx) => propagateStageToFeedback(tx, pm, rm.id, 'planned'))
    expect(planned.map((m) => [m.number, m.to])).toEqual([
      [open.number, 'planned'],
      [safety.number, 'planned'],
    ])
    const fb = await db.feedbackItem.findUniqueOrThrow({ where: { id: open.id } })
    expect(widgetStatusOf(fb.status)).toBe('planned')
    expect(await inTransaction((tx) => propagateStageToFeedback(tx, pm, rm.id, 'in_progress'))).toEqual([])
    const released = await inTransaction((tx) => propagateStageToFeedback(tx, pm, rm.id, 'released'))
    expect(released.map((m) => [m.number, m.to])).toEqual([[open.number, 'done']])
    const done = await db.feedbackItem.findUniqueOrThrow({ where: { id: open.id } })
    expect(done).toMatchObject({ status: 'done', closingNote: `Released on the roadmap as RM-${rm.number}` })
    expect(widgetStatusOf(done.status)).toBe('fixed')
    expect((await db.feedbackItem.findUniqueOrThrow({ where: { id: safety.id } })).status).toBe('planned')
    expect((await db.feedbackItem.findUniqueOrThrow({ where: { id: closed.id } })).status).toBe('wont_do')
    const audits = await db.auditLog.findMany({ where: { targetId: open.id, action: 'feedback.status' } })
    expect(audits).toHaveLength(2)
  })

  it('runs inside moveItem: moving the item to Planned shows its linked feedback "planned" to the clinician', async () => {
    const rm = await createRoadmapItem({ stage: 'discovery' })
    const fb = await createFeedbackItem({ status: 'new' })
    const { version } = await linkEvidence(pm, { itemId: rm.id, kind: 'feedback', targetId: fb.id })
    await moveItem(pm, { id: rm.id, version, stage: 'planned', position: 0 })
    const row = await db.feedbackItem.findUniqueOrThrow({ where: { id: fb.id } })
    expect(row.status).toBe('planned')
    expect(row.triagedAt).not.toBeNull()
    expect(widgetStatusOf(row.status)).toBe('planned')
  })
})

describe('SLO debt of the item’s service', () => {
  it('seeds value from the error budget its service’s SLO has spent, and counts it as operational evidence', async () => {
    const service = await db.service.create({ data: { key: uid('svc'), name: 'Discharge letters', workflows: [] } })
    const slo = await createSlo({ service: service.key, sliType: 'ratio', threshold: null, comparator: null, target: 0.99 })
    // Two hours at 2 % errors against a 1 % budget: twice the budget spent.
    const now = new Date()
    await insertRollups(slo.id, minutes(new Date(now.getTime() - 2 * 3_600_000), now, 980, 1000))
    const rm = await createRoadmapItem({ serviceId: service.id })
    const seeds = await seedsOf(rm.id, now)
    expect(seeds.value?.value).toBe(8)
    expect(seeds.value?.reason).toMatch(new RegExp(`^SLO ${slo.key} has spent \\d+ % of its error budget → 8$`))
    expect(seeds.evidenceStrength).toEqual({ value: 1, reason: '1 kind of source (operations)' })
    await applyEvidence(pm, rm.id, { now })
    expect(await item(rm.id)).toMatchObject({ value: 8, evidenceStrength: 1, confidence: 50 })
  })
})

