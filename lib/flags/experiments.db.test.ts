import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { uid } from '@/test/factories'
import { getExperimentDetail, listExperiments } from './experiments'

const T0 = new Date('2026-03-01T10:00:00Z')
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)

async function experimentWith(opts: { defaultServe: unknown; rules?: unknown; guardrails?: string[] }) {
  const flag = await db.flag.create({
    data: {
      key: uid('exp-flag'),
      name: 'Triage model',
      type: 'string',
      variants: [
        { key: 'control', value: 'v1' },
        { key: 'treatment', value: 'v2' },
      ],
      tags: [],
      guardedSloKeys: [],
      environments: {
        create: { environment: 'production', enabled: true, offVariant: 'control', defaultServe: opts.defaultServe as object, rules: (opts.rules ?? []) as object },
      },
    },
  })
  return db.experiment.create({
    data: {
      key: uid('exp'),
      name: 'Triage v2',
      flagId: flag.id,
      status: 'running',
      primaryMetric: { type: 'event', event: 'triage_accepted' },
      guardrailSloKeys: opts.guardrails ?? [],
      controlVariant: 'control',
      startedAt: T0,
    },
  })
}

type Ev = [kind: 'exposure' | 'conversion', variant: string, subject: string, minute: number]
async function record(experimentId: string, events: Ev[]) {
  await db.experimentEvent.createMany({ data: events.map(([kind, variant, subject, m]) => ({ experimentId, kind, variant, subject, at: at(m) })) })
}

describe('getExperimentDetail', () => {
  it('counts distinct exposed subjects and their later conversions per assigned variant', async () => {
    const exp = await experimentWith({ defaultServe: { split: [{ variant: 'control', weight: 50 }, { variant: 'treatment', weight: 50 }] } })
    await record(exp.id, [
      ['exposure', 'control', 's1', 0],
      ['exposure', 'control', 's2', 0],
      ['exposure', 'control', 's3', 0],
      ['exposure', 'treatment', 's4', 0],
      ['exposure', 'treatment', 's5', 0],
      ['conversion', 'control', 's1', 5],
      // Converted before exposure: not caused by it.
      ['conversion', 'control', 's2', -5],
      // The conversion names another variant: it counts for the assigned one (treatment).
      ['conversion', 'control', 's4', 1],
      ['conversion', 'treatment', 's5', 2],
      // Converted without ever being exposed: not counted.
      ['conversion', 'treatment', 's9', 2],
    ])
    const d = await getExperimentDetail(exp.key, at(60))
    expect(d).not.toBeNull()
    const byVariant = Object.fromEntries(d!.results.variants.map((v) => [v.variant, [v.exposures, v.conversions, v.weight]]))
    expect(byVariant).toEqual({ control: [3, 1, 50], treatment: [2, 2, 50] })
    expect(d!.results.variants[0]!.isControl).toBe(true)
    expect(d!.exposures).toBe(5)
    expect(d!.conversions).toBe(3)
    expect(d!.weightsSource).toBe('the default rule of production')
    expect(d!.results.srm).not.toBeNull()
    expect(d!.metric).toEqual({ type: 'event', event: 'triage_accepted' })
  })

  it('flags a sample-ratio mismatch against the configured weights', async () => {
    const exp = await experimentWith({ defaultServe: { split: [{ variant: 'control', weight: 90 }, { variant: 'treatment', weight: 10 }] } })
    const events: Ev[] = []
    for (let i = 0; i < 100; i++) events.push(['exposure', i < 50 ? 'control' : 'treatment', `s${i}`, 0])
    await record(exp.id, events)
    const d = await getExperimentDetail(exp.key, at(60))
    expect(d!.results.srm?.mismatch).toBe(true)
    expect(d!.results.verdict.tone).toBe('breached')
  })

  it('reads weights from a rule when the default serves one variant, and says when there are none', async () => {
    const fromRule = await experimentWith({
      defaultServe: { variant: 'control' },
      rules: [{ id: 'r1', conditions: [{ attribute: 'department', operator: 'in', values: ['ed'] }], serve: { split: [{ variant: 'control', weight: 1 }, { variant: 'treatment', weight: 1 }] } }],
    })
    expect((await getExperimentDetail(fromRule.key))!.weightsSource).toBe('targeting rule 1 of production')

    const none = await experimentWith({ defaultServe: { variant: 'control' } })
    await record(none.id, [['exposure', 'treatment', 'a', 0]])
    const d = await getExperimentDetail(none.key)
    expect(d!.weightsSource).toBeNull()
    expect(d!.results.srm).toBeNull()
    expect(d!.results.variants.map((v) => [v.variant, v.weight])).toEqual([
      ['control', null],
      ['treatment', null],
    ])
  })

  it('reports guardrail SLOs honestly: unknown keys have no figures; known ones count violations since the start', async () => {
    const sloKey = uid('slo')
    const slo = await db.slo.create({ data: { key: sloKey, name: 'Triage latency', sli: 'patient_response_time', sliType: 'threshold', service: 'triage', target: 0.99 } })
    await db.sloViolation.createMany({
      data: [
        { sloId: slo.id, service: 'triage', rule: 'page_1h', severity: 'page', openedAt: at(-60), resolvedAt: at(-30), workings: {} },
        { sloId: slo.id, service: 'triage', rule: 'page_1h', severity: 'page', openedAt: at(10), workings: {} },
      ],
    })
    const missing = uid('missing-slo')
    const exp = await experimentWith({ defaultServe: { variant: 'control' }, guardrails: [sloKey, missing] })
    const d = await getExperimentDetail(exp.key, at(60))
    expect(d!.guardrails).toEqual([
      { key: sloKey, name: 'Triage latency', status: expect.toSatisfy((s: unknown) => s === null || typeof s === 'string'), violationsSinceStart: 1, openViolations: 1 },
      { key: missing, name: null, status: null, violationsSinceStart: null, openViolations: null },
    ])
  })

  it('is null for an unknown key', async () => {
    expect(await getExperimentDetail(uid('nope'))).toBeNull()
  })
})

describe('listExperiments', () => {
  it('lists experiments with their totals', async () => {
    const exp = await experimentWith({ defaultServe: { variant: 'control' } })
    await record(exp.id, [
      ['exposure', 'control', 'a', 0],
      ['exposure', 'treatment', 'b', 0],
      ['conversion', 'treatment', 'b', 1],
    ])
    const item = (await listExperiments()).find((e) => e.key === exp.key)
    expect(item).toMatchObject({ name: 'Triage v2', flagName: 'Triage model', status: 'running', exposures: 2, conversions: 1, environment: 'production' })
  })
})
