/** sli-rollup and sli-retention on the database: matching, thresholds, probes, watermark, retention. */
import { describe, expect, it } from 'vitest'
import { db, getPool } from '@/lib/db'
import { systemActor } from '@/lib/auth/actor'
import { uid } from '@/test/factories'
import { createSlo } from '@/test/slo-factories'
import { ingestSliEvents } from './commands'
import { pruneRawEvents, pruneSliData, readWatermark, rollupSliEvents } from './rollup'
import type { SliEventItem } from './schema'

const MIN = 60_000
const minuteOf = (d: Date) => new Date(Math.floor(d.getTime() / MIN) * MIN)

async function rollupsOf(sloId: string) {
  const rows = await db.sloRollup.findMany({ where: { sloId }, orderBy: { minute: 'asc' } })
  return rows.map((r) => ({ minute: r.minute.toISOString(), good: Number(r.good), total: Number(r.total) }))
}

describe('rollupSliEvents', () => {
  it('counts threshold values by comparator and ratio items as sent, per minute, for the SLOs they match', async () => {
    const service = uid('svc')
    const lte = await createSlo({ service, sli: 'patient_response_time', threshold: 2000, comparator: 'lte' })
    const triage = await createSlo({ service, sli: 'patient_response_time', workflow: 'emergency_triage', threshold: 1000, comparator: 'lte' })
    const accuracy = await createSlo({ service, sli: 'diagnosis_accuracy', threshold: 1, comparator: 'gte' })
    const ratio = await createSlo({ service, sli: 'system_availability', sliType: 'ratio', threshold: null, comparator: null })
    const t0 = minuteOf(new Date(Date.now() - 10 * MIN))
    const at = (m: number, s = 0) => new Date(t0.getTime() + m * MIN + s * 1000).toISOString()
    const items: SliEventItem[] = [
      { sli: 'patient_response_time', service, workflow: 'emergency_triage', at: at(0, 1), value: 900 },
      { sli: 'patient_response_time', service, workflow: 'emergency_triage', at: at(0, 2), value: 1500 },
      { sli: 'patient_response_time', service, workflow: 'diagnosis', at: at(0, 3), value: 2000 },
      { sli: 'patient_response_time', service, at: at(1, 4), value: 2000.5 },
      // Pre-counted items feed a threshold SLO as they are.
      { sli: 'patient_response_time', service, at: at(1, 5), good: 8, total: 10 },
      { sli: 'diagnosis_accuracy', service, at: at(0), value: 1 },
      { sli: 'diagnosis_accuracy', service, at: at(0), value: 0 },
      { sli: 'system_availability', service, at: at(2), good: 995, total: 1000 },
      { sli: 'system_availability', service, at: at(2, 30), good: 1000, total: 1000 },
      // A value item means nothing to a ratio SLO.
      { sli: 'system_availability', service, at: at(2), value: 1 },
      // Another service: matches nothing here.
      { sli: 'patient_response_time', service: uid('other'), at: at(0), value: 100 },
    ]
    await ingestSliEvents(systemActor(), items)
    await rollupSliEvents()
    expect(await rollupsOf(lte.id)).toEqual([
      { minute: at(0), good: 3, total: 3 },
      { minute: at(1), good: 8, total: 11 },
    ])
    expect(await rollupsOf(triage.id)).toEqual([{ minute: at(0), good: 1, total: 2 }])
    expect(await rollupsOf(accuracy.id)).toEqual([{ minute: at(0), good: 1, total: 2 }])
    expect(await rollupsOf(ratio.id)).toEqual([{ minute: at(2), good: 1995, total: 2000 }])

    // Later events for the same minute add to it; a re-run adds nothing twice.
    await ingestSliEvents(systemActor(), [{ sli: 'patient_response_time', service, at: at(1, 50), value: 10 }])
    await rollupSliEvents()
    await rollupSliEvents()
    expect((await rollupsOf(lte.id))[1]).toEqual({ minute: at(1), good: 9, total: 12 })
  })

  it('advances the watermark in batches and never past what it rolled up', async () => {
    const service = uid('svc')
    const slo = await createSlo({ service })
    const at = minuteOf(new Date(Date.now() - 5 * MIN)).toISOString()
    await ingestSliEvents(systemActor(), Array.from({ length: 30 }, (_, i) => ({ sli: slo.sli, service, at, value: i * 100 })))
    await rollupSliEvents({ batchIds: 7 })
    // Other test files roll up concurrently: the watermark is at least past these events.
    const { rows } = await getPool().query<{ max: string }>(`SELECT max(id)::text AS max FROM "SliEvent" WHERE service = $1`, [service])
    expect(BigInt((await readWatermark()).event)).toBeGreaterThanOrEqual(BigInt(rows[0]!.max))
    expect(await rollupsOf(slo.id)).toEqual([{ minute: at, good: 21, total: 30 }])
  })

  it('rolls health-probe results into the availability SLOs of the probe service', async () => {
    const key = uid('svc')
    const service = await db.service.create({ data: { key, name: key, workflows: ['diagnosis'] } })
    const probe = await db.probe.create({ data: { serviceId: service.id, name: 'healthz', url: 'http://127.0.0.1:9/healthz' } })
    const availability = await createSlo({ service: key, sli: 'system_availability', sliType: 'ratio', threshold: null, comparator: null, target: 0.999 })
    const perWorkflow = await createSlo({ service: key, sli: 'system_availability', sliType: 'ratio', threshold: null, comparator: null, workflow: 'diagnosis' })
    const t0 = minuteOf(new Date(Date.now() - 3 * MIN))
    await db.probeResult.createMany({
      data: [
        { probeId: probe.id, at: new Date(t0.getTime() + 1000), up: true, latencyMs: 40 },
        { probeId: probe.id, at: new Date(t0.getTime() + 30_000), up: false, latencyMs: 5000 },
        { probeId: probe.id, at: new Date(t0.getTime() + MIN), up: true, latencyMs: 38 },
      ],
    })
    await rollupSliEvents()
    expect(await rollupsOf(availability.id)).toEqual([
      { minute: t0.toISOString(), good: 1, total: 2 },
      { minute: new Date(t0.getTime() + MIN).toISOString(), good: 1, total: 1 },
    ])
    // Probes check the service, not one workflow.
    expect(await rollupsOf(perWorkflow.id)).toEqual([])
  })
})

describe('pruneSliData', () => {
  it('deletes rolled-up raw events past retention and rollups older than 13 months', async () => {
    const service = uid('svc')
    const slo = await createSlo({ service })
    const now = new Date()
    const old = new Date(now.getTime() - 9 * 86_400_000).toISOString()
    const fresh = new Date(now.getTime() - 86_400_000).toISOString()
    await ingestSliEvents(systemActor(), [
        { sli: slo.sli, service, at: old, value: 11 },
        { sli: slo.sli, service, at: fresh, value: 12 },
      ])
    await rollupSliEvents()
    await db.sloRollup.createMany({
      data: [
        { sloId: slo.id, minute: new Date(now.getTime() - 400 * 86_400_000), good: 1, total: 1 },
        { sloId: slo.id, minute: new Date(now.getTime() - 300 * 86_400_000), good: 1, total: 1 },
      ],
    })
    const r = await pruneSliData(now, 7)
    expect(r.events).toBeGreaterThanOrEqual(1)
    expect(r.rollups).toBeGreaterThanOrEqual(1)
    const { rows } = await getPool().query<{ value: number }>(`SELECT value FROM "SliEvent" WHERE service = $1 ORDER BY id`, [service])
    expect(rows.map((x) => x.value)).toEqual([12])
    const left = await db.sloRollup.findMany({ where: { sloId: slo.id, minute: { lt: new Date(now.getTime() - 200 * 86_400_000) } } })
    expect(left).toHaveLength(1)
  })

  it('deletes only events the rollup has reached, whatever their age', async () => {
    const service = uid('svc')
    // Older than any other test's events, so that this prune touches nobody else's rows.
    const old = new Date(Date.now() - 380 * 86_400_000).toISOString()
    await ingestSliEvents(systemActor(), [{ sli: 'patient_response_time', service, at: old, value: 1 }])
    const { rows } = await getPool().query<{ id: string }>(`SELECT id::text FROM "SliEvent" WHERE service = $1`, [service])
    const id = BigInt(rows[0]!.id)
    const before = new Date(Date.now() - 379 * 86_400_000)
    expect(await pruneRawEvents(before, (id - 1n).toString())).toBe(0)
    expect(await pruneRawEvents(before, id.toString())).toBe(1)
  })
})
