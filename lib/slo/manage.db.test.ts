/**
 * SLO management on the database: create, edit, archive and apply (twice: unchanged), each audited; a
 * viewer refused; a new target recomputes history from rollups with no raw events; the owner's switches
 * (archive, page off, rollout guard off) honoured by evaluation, the dashboard and the flag guard.
 */
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { actorOfUser, systemActor } from '@/lib/auth/actor'
import { ApiError } from '@/lib/errors'
import { createUser, uid } from '@/test/factories'
import { insertRollups, minutes } from '@/test/slo-factories'
import { guardedHealth } from '@/lib/flags/rollout-health'
import { SloSpec, type SloSpecInput } from './definition'
import { applyOpenSlo, archiveSlo, createSlo, readExportableSlos, updateSlo } from './manage'
import { parseOpenSlo, type ParsedSlo } from './openslo'
import { exportOpenSlo } from './openslo-export'
import { evaluateSlos } from './evaluate'
import { getSloOverview } from './overview'

const MIN = 60_000
const actor = systemActor('slo-tester')

async function service() {
  return db.service.create({ data: { key: uid('svc'), name: uid('Service') } })
}

async function spec(overrides: Partial<SloSpecInput> = {}): Promise<SloSpec> {
  const svc = overrides.service ?? (await service()).key
  return SloSpec.parse({ key: uid('slo').replace(/-/g, '_'), name: 'Triage latency', sli: 'patient_response_time', sliType: 'threshold', threshold: 2000, comparator: 'lte', target: 0.99, minEvents: 10, ...overrides, service: svc })
}

const auditRows = (targetId: string) => db.auditLog.findMany({ where: { targetType: 'slo', targetId }, orderBy: { id: 'asc' } })

function parsed(text: string): ParsedSlo[] {
  const r = parseOpenSlo(text)
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  return r.slos
}

describe('createSlo / updateSlo / archiveSlo', () => {
  it('creates an audited SLO; refuses an unknown service (422) and a key in use (409)', async () => {
    const s = await spec()
    const slo = await createSlo(actor, s)
    expect(slo).toMatchObject({ key: s.key, target: 0.99, pageEnabled: true, ticketEnabled: true, guardsRollouts: true, archivedAt: null })
    const [row] = await auditRows(slo.id)
    expect(row).toMatchObject({ action: 'slo.create', actorLabel: 'slo-tester' })
    expect(row!.summary).toMatchObject({ key: s.key, source: 'form', target: { from: null, to: 0.99 } })

    await expect(createSlo(actor, { ...s, key: uid('x').replace(/-/g, '_'), service: 'no-such-service' })).rejects.toMatchObject({ status: 422, fields: { service: [expect.stringContaining('No service no-such-service')] } })
    await expect(createSlo(actor, s)).rejects.toMatchObject({ status: 409, fields: { key: ['Choose another key'] } })
  })

  it('refuses a viewer (403) and writes nothing', async () => {
    const viewer = actorOfUser(await createUser('viewer'))
    const s = await spec()
    await expect(createSlo(viewer, s)).rejects.toBeInstanceOf(ApiError)
    await expect(createSlo(viewer, s)).rejects.toMatchObject({ status: 403 })
    expect(await db.slo.count({ where: { key: s.key } })).toBe(0)
    const r = await applyOpenSlo(viewer, []).catch((e: ApiError) => e.status)
    expect(r).toBe(403)
  })

  it('a new target recomputes the error budget of the whole window from the rollups (no raw events), audited from → to', async () => {
    const s = await spec({ target: 0.99 })
    const slo = await createSlo(actor, s)
    const now = new Date()
    // 2 days of 100 events a minute with 1 bad: compliance 99 %.
    await insertRollups(slo.id, minutes(new Date(now.getTime() - 2 * 24 * 60 * MIN), new Date(now.getTime() - MIN), 99, 100))
    expect(await db.sliEvent.count({ where: { sli: s.sli, service: s.service } })).toBe(0)
    const before = (await getSloOverview(now, { timeZone: 'UTC' })).find((x) => x.key === s.key)!
    expect(before.budgetRemaining).toBeCloseTo(0, 6)

    const { changed } = await updateSlo(actor, { ...s, target: 0.98 })
    expect(changed).toEqual(['target'])
    const after = (await getSloOverview(now, { timeZone: 'UTC' })).find((x) => x.key === s.key)!
    expect(after.compliance).toBeCloseTo(0.99, 9)
    expect(after.budgetRemaining).toBeCloseTo(0.5, 6)
    const rows = await auditRows(slo.id)
    expect(rows.map((r) => r.action)).toEqual(['slo.create', 'slo.update'])
    expect(rows[1]!.summary).toEqual({ key: s.key, source: 'form', target: { from: 0.99, to: 0.98 } })

    // Saving the same definition again changes nothing and writes no audit row.
    expect((await updateSlo(actor, { ...s, target: 0.98 })).changed).toEqual([])
    expect(await auditRows(slo.id)).toHaveLength(2)
  })

  it('refuses to change what the rollups count (threshold, service)', async () => {
    const s = await spec()
    await createSlo(actor, s)
    const other = await service()
    await expect(updateSlo(actor, { ...s, threshold: 1500, service: other.key })).rejects.toMatchObject({
      status: 422,
      fields: { threshold: [expect.stringContaining('Fixed once the objective exists')], service: [expect.stringContaining('Fixed')] },
    })
  })

  it('archives: off the dashboard and out of evaluation (its open violation resolves), rollups kept; idempotent', async () => {
    const s = await spec()
    const slo = await createSlo(actor, s)
    const now = new Date()
    await insertRollups(slo.id, minutes(new Date(now.getTime() - 60 * MIN), now, 50, 100))
    expect((await evaluateSlos(now, { timeZone: 'UTC', keys: [s.key] })).opened).toBe(1)

    const rollups = await db.sloRollup.count({ where: { sloId: slo.id } })
    expect((await archiveSlo(actor, s.key)).changed).toBe(true)
    expect((await archiveSlo(actor, s.key)).changed).toBe(false)
    expect((await getSloOverview(now, { timeZone: 'UTC' })).some((x) => x.key === s.key)).toBe(false)
    const r = await evaluateSlos(new Date(now.getTime() + MIN), { timeZone: 'UTC', keys: [s.key] })
    expect(r).toMatchObject({ opened: 0, resolved: 1 })
    expect(await db.sloViolation.count({ where: { sloId: slo.id, resolvedAt: null } })).toBe(0)
    expect(await db.sloRollup.count({ where: { sloId: slo.id } })).toBe(rollups)
    expect((await auditRows(slo.id)).map((a) => a.action)).toEqual(['slo.create', 'slo.archive'])
  })

  it('with page and ticket alerts off, a fast burn opens no violation', async () => {
    const s = await spec({ pageEnabled: false, ticketEnabled: false })
    const slo = await createSlo(actor, s)
    const now = new Date()
    await insertRollups(slo.id, minutes(new Date(now.getTime() - 60 * MIN), now, 50, 100))
    const r = await evaluateSlos(now, { timeZone: 'UTC', keys: [s.key] })
    expect(r).toMatchObject({ firing: 0, opened: 0 })
    expect(await db.sloViolation.count({ where: { sloId: slo.id } })).toBe(0)
  })

  it('guardsRollouts off: the flag guard does not watch the SLO', async () => {
    const guarded = await createSlo(actor, await spec())
    const free = await createSlo(actor, await spec({ guardsRollouts: false }))
    const health = await guardedHealth([guarded.key, free.key], new Date(0))
    expect(health.map((h) => h.sloKey)).toEqual([guarded.key])
  })

  it('routes a new burn-rate incident to the SLO’s escalation policy', async () => {
    const policy = await db.escalationPolicy.create({ data: { name: uid('policy'), levels: [{ delayMinutes: 0, targets: [] }], severityDelays: { critical: 0, high: 0, medium: 0 } } })
    const slo = await createSlo(actor, await spec({ escalationPolicyId: policy.id }))
    const now = new Date()
    await insertRollups(slo.id, minutes(new Date(now.getTime() - 60 * MIN), now, 50, 100))
    await evaluateSlos(now, { timeZone: 'UTC', keys: [slo.key] })
    const v = await db.sloViolation.findFirstOrThrow({ where: { sloId: slo.id } })
    expect((await db.incident.findUniqueOrThrow({ where: { id: v.incidentId! } })).escalationPolicyId).toBe(policy.id)
  })
})

describe('applyOpenSlo', () => {
  it('creates, then reports unchanged with no audit row; a changed target updates; export → apply is unchanged', async () => {
    const svc = await service()
    const key = uid('triage').replace(/-/g, '_')
    const file = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${key.replace(/_/g, '-')}
  displayName: Triage answers
  annotations:
    wardroom.local/key: ${key}
spec:
  service: ${svc.key}
  indicator:
    metadata: { name: triage }
    spec:
      ratioMetric:
        good: { metricSource: { type: Wardroom, spec: { sli: triage_requests } } }
        total: { metricSource: { type: Wardroom, spec: { sli: triage_requests } } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.995 }]
`
    const first = await applyOpenSlo(actor, parsed(file))
    expect(first).toEqual({ ok: true, outcomes: [{ key, action: 'created', changed: [] }] })
    const slo = await db.slo.findUniqueOrThrow({ where: { key } })
    expect(slo).toMatchObject({ sliType: 'ratio', windowDays: 28, target: 0.995, pageEnabled: false, ticketEnabled: false })
    expect(await auditRows(slo.id)).toHaveLength(1)

    expect(await applyOpenSlo(actor, parsed(file))).toEqual({ ok: true, outcomes: [{ key, action: 'unchanged', changed: [] }] })
    expect(await auditRows(slo.id)).toHaveLength(1)

    expect(await applyOpenSlo(actor, parsed(file.replace('0.995', '0.99')))).toEqual({ ok: true, outcomes: [{ key, action: 'updated', changed: ['target'] }] })
    const rows = await auditRows(slo.id)
    expect(rows.map((r) => [r.action, (r.summary as { source: string }).source])).toEqual([['slo.create', 'openslo'], ['slo.update', 'openslo']])

    const exported = exportOpenSlo(await readExportableSlos(db, [key]))
    expect(await applyOpenSlo(actor, parsed(exported))).toEqual({ ok: true, outcomes: [{ key, action: 'unchanged', changed: [] }] })
    expect(await auditRows(slo.id)).toHaveLength(2)
  })

  it('refuses the whole file with lines: a fixed field changed, an unknown service', async () => {
    const s = await spec()
    await createSlo(actor, s)
    const good = exportOpenSlo(await readExportableSlos(db, [s.key]))
    const stranger = exportOpenSlo([{ ...s, key: 'brand-new', service: 'nowhere', escalationPolicyName: null }])
    const bad = `${good.replace('value: 2000', 'value: 1000')}---\n${stranger}`
    const r = await applyOpenSlo(actor, parsed(bad))
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors.map((e) => e.message)).toEqual([expect.stringContaining('threshold: Fixed once the objective exists'), 'No service nowhere in the catalogue; add it there first'])
    expect(r.errors.every((e) => typeof e.line === 'number')).toBe(true)
    expect(await db.slo.count({ where: { key: 'brand-new' } })).toBe(0)
  })
})
