/** The matrix's demo and its write path: evidence on a cell (versioned, redacted, audited) and the roadmap link a high threat records. */
import { beforeAll, describe, expect, it } from 'vitest'
import { actorOfUser, type Actor } from '@/lib/auth/actor'
import { db } from '@/lib/db'
import { seedCompetitors } from '@/lib/seed/competitors'
import { createUser, uid } from '@/test/factories'
import { recordCellEvidence, updateThreatSettings } from './commands'
import { getThreatSettings } from './settings'
import { DEFAULT_THREAT_SETTINGS } from './scoring'
import { readMatrix } from './matrix'

let pm: Actor
let viewer: Actor
let usId: string
beforeAll(async () => {
  pm = actorOfUser(await createUser('pm'))
  viewer = actorOfUser(await createUser('viewer'))
  await seedCompetitors()
  usId = (await db.competitor.findUniqueOrThrow({ where: { key: 'our_platform' } })).id
})

const refusal = (p: Promise<unknown>) => p.then(() => ({ status: 0, fields: {} }) as { status: number; fields: Record<string, unknown> }, (e: { status: number; fields?: Record<string, unknown> }) => ({ status: e.status, fields: e.fields ?? {} }))

async function scenario() {
  const key = uid('cap').replace(/-/g, '_')
  const capability = await db.capability.create({ data: { key, name: `Test capability ${key}`, group: 'clinical_decision_support', weight: 5 } })
  const rival = await db.competitor.create({ data: { key: uid('rival').replace(/-/g, '_'), name: `Rival ${key}`, marketOverlap: 100 } })
  return { capability, rival }
}

const evidence = (competitorId: string, capabilityId: string, extra: Record<string, unknown> = {}) => ({
  competitorId,
  capabilityId,
  status: 'full',
  confidence: 'high',
  sourceUrl: 'https://vendor.example/release-notes',
  sourceTitle: 'Release notes',
  observedAt: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
  version: 0,
  ...extra,
})

describe('seedCompetitors', () => {
  it('writes the four seed competitors and our platform once, with threats computed and explained', async () => {
    const logs: string[] = []
    await seedCompetitors((m) => logs.push(m))
    expect(logs).toEqual(['competitors: demo already there'])
    const m = await readMatrix()
    const keys = m.products.map((p) => p.key)
    for (const k of ['our_platform', 'epic_systems', 'cerner', 'allscripts', 'meditech']) expect(keys).toContain(k)
    expect(m.products[0]!.isUs).toBe(true)
    const epic = m.products.find((p) => p.key === 'epic_systems')!
    expect(epic.threat!.level).toBe('high')
    expect(epic.threat!.explanation).toMatch(/^Epic Systems leads us on \d+ of \d+ capabilities/)
    const ambient = m.capabilities.find((c) => c.key === 'ambient_documentation')!
    expect(m.cell(epic.id, ambient.id)).toMatchObject({ status: 'full', stale: false })
    expect(m.cell(epic.id, ambient.id).threat!.level).toBe('high')
    // The high threat on ambient documentation asks the roadmap for an item, naming Epic and Oracle Health.
    const link = await db.competitorThreatLink.findUniqueOrThrow({ where: { capabilityId: ambient.id } })
    const cerner = m.products.find((p) => p.key === 'cerner')!
    expect(link.competitorIds).toEqual(expect.arrayContaining([epic.id, cerner.id]))
    expect(link.evidenceIds.length).toBe(link.competitorIds.length)
    // Its roadmap item comes from the roadmap-threats job (or the roadmap demo), which may have run already
    // on a shared database: when the link names one, it exists.
    if (link.roadmapItemId) expect(await db.roadmapItem.count({ where: { id: link.roadmapItemId } })).toBe(1)
    expect(m.gaps[0]!.threat.score).toBeGreaterThanOrEqual(m.gaps.at(-1)!.threat.score)
  })
})

describe('recordCellEvidence', () => {
  it('updates the cell from its evidence, redacts the note, audits, and answers a stale form with 409', async () => {
    const { capability, rival } = await scenario()
    const r = await recordCellEvidence(pm, evidence(rival.id, capability.id, { note: 'Demo by Dr John Smith, call 555-123-4567' }))
    expect(r).toMatchObject({ applied: true, status: 'full', version: 1 })
    const row = await db.competitorEvidence.findUniqueOrThrow({ where: { id: r.evidenceId } })
    expect(row).toMatchObject({ status: 'full', previous: 'unknown', kind: 'cell', sourceTitle: 'Release notes' })
    expect(row.note).not.toContain('555-123-4567')
    expect(row.note).not.toContain('John Smith')
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'competitor.cell.evidence', targetId: `${rival.key}:${capability.key}` } })
    expect(audit.summary).toMatchObject({ from: 'unknown', to: 'full', applied: true })

    const stale = await refusal(recordCellEvidence(pm, evidence(rival.id, capability.id, { status: 'partial' })))
    expect(stale.status).toBe(409)
    expect(stale.fields).toHaveProperty('version')
  })

  it('keeps the newer status when older evidence arrives (history only)', async () => {
    const { capability, rival } = await scenario()
    await recordCellEvidence(pm, evidence(rival.id, capability.id))
    const older = await recordCellEvidence(pm, evidence(rival.id, capability.id, { status: 'none', observedAt: '2024-01-10', version: 1 }))
    expect(older).toMatchObject({ applied: false, status: 'full', version: 2 })
    expect(await db.capabilityCell.findUniqueOrThrow({ where: { competitorId_capabilityId: { competitorId: rival.id, capabilityId: capability.id } } })).toMatchObject({ status: 'full', version: 2 })
  })

  it('records the roadmap link when the capability’s threat becomes high', async () => {
    const { capability, rival } = await scenario()
    // We have none of it; they get it fully, recently, in our whole market: 1 × 1 × 1 × 1.5 → high.
    await recordCellEvidence(pm, evidence(usId, capability.id, { status: 'none', sourceUrl: undefined, sourceTitle: 'Our roadmap review' }))
    const up = await recordCellEvidence(pm, evidence(rival.id, capability.id, { status: 'partial', observedAt: '2026-01-01' }))
    expect(up.threatLink).toMatchObject({ created: true })
    const full = await recordCellEvidence(pm, evidence(rival.id, capability.id, { version: 1 }))
    expect(full.threatLink).toMatchObject({ id: up.threatLink!.id, created: false })
    const link = await db.competitorThreatLink.findUniqueOrThrow({ where: { capabilityId: capability.id } })
    expect(link).toMatchObject({ level: 'high', competitorIds: [rival.id], evidenceIds: [full.evidenceId] })
    expect(link.explanation).toContain(`Rival ${capability.key}: full Test capability`)
    expect(await db.auditLog.count({ where: { targetId: capability.key, action: { startsWith: 'competitor.threat_link.' } } })).toBe(2)
  })

  it('refuses a viewer, unknown ids, evidence without a source, and a date in the future', async () => {
    const { capability, rival } = await scenario()
    expect((await refusal(recordCellEvidence(viewer, evidence(rival.id, capability.id)))).status).toBe(403)
    expect((await refusal(recordCellEvidence(pm, evidence('00000000-0000-4000-8000-000000000000', capability.id)))).status).toBe(404)
    expect((await refusal(recordCellEvidence(pm, evidence(rival.id, capability.id, { sourceUrl: undefined, sourceTitle: undefined })))).fields).toHaveProperty('sourceUrl')
    expect((await refusal(recordCellEvidence(pm, evidence(rival.id, capability.id, { sourceUrl: 'javascript:alert(1)' })))).fields).toHaveProperty('sourceUrl')
    expect((await refusal(recordCellEvidence(pm, evidence(rival.id, capability.id, { observedAt: '2099-01-01' })))).fields).toHaveProperty('observedAt')
  })
})

describe('updateThreatSettings', () => {
  it('saves valid thresholds with an audit of before and after, refuses medium above high and a viewer', async () => {
    // Other test files read the same settings meanwhile: change nothing that moves a threat level.
    const next = { ...DEFAULT_THREAT_SETTINGS, halfLifeDays: 181 }
    try {
      await updateThreatSettings(pm, next)
      expect(await getThreatSettings()).toEqual(next)
      const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'competitor.threat_settings.update' }, orderBy: { id: 'desc' } })
      expect(audit.summary).toMatchObject({ after: next })
      expect((await refusal(updateThreatSettings(pm, { ...next, capability: { high: 0.3, medium: 0.4 } }))).fields).toHaveProperty(['capability.medium'])
      expect((await refusal(updateThreatSettings(viewer, next))).status).toBe(403)
    } finally {
      await updateThreatSettings(pm, DEFAULT_THREAT_SETTINGS)
    }
  })
})
