/**
 * Breakdowns against answers worked out by hand: a dimension is read off the user's first step-1 event in
 * the range (not the event that started the counted chain), and a flag breakdown joins the user's
 * pseudonym with the experiment's first exposure.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { sqlOfPrisma } from '@/lib/tx'
import { flagKey, makeFlag, rejects } from '@/test/flag-factories'
import { insertEvents, partitions, T0, type Ev } from '@/test/funnel-events'
import { BREAKDOWN_DIMENSIONS } from './funnel-query'
import { computeFunnelBreakdown } from './funnel-engine'

const MIN = 60_000
const range = { from: T0, to: new Date(T0.getTime() + 60 * MIN), conversionWindowMs: 60 * MIN }
const summary = (s: { key: string; steps: { users: number; medianFromPreviousMs: number | null }[] }) => [s.key, s.steps.map((x) => x.users), s.steps[1]!.medianFromPreviousMs]

beforeAll(partitions)

describe('computeFunnelBreakdown: breakdown by a dimension of the first step-1 event in the range', () => {
  it.each(BREAKDOWN_DIMENSIONS.map((d) => [d] as const))('%s', async (dim) => {
    const on = (v: string) => ({ [dim]: v })
    const users: Record<string, Ev[]> = {
      u1: [['A', 0, {}, on('icu')], ['B', 1]],
      u2: [['A', 0], ['B', 1]], // no value: '(none)'
      u3: [['A', 0, {}, on('er')], ['A', 5, {}, on('icu')], ['B', 6]], // counted chain from 5, group of the first: er
      u4: [['B', 0, {}, on('icu')], ['A', 1, {}, on('er')]], // B is no step-1 event
      u5: [['A', -10, {}, on('icu')], ['A', 5, {}, on('er')], ['B', 6]], // the A before the range does not count
      u6: [['A', 70, {}, on('icu')], ['B', 71]], // starts after the range
    }
    const { name } = await insertEvents(users)
    for (const engine of ['auto', 'chains'] as const) {
      const result = await computeFunnelBreakdown(sqlOfPrisma(db), { ...range, steps: [{ event: name('A'), filters: {} }, { event: name('B'), filters: {} }], breakdown: { kind: dim }, engine })
      expect(summary(result.overall), engine).toEqual(['all', [5, 4], MIN])
      expect(result.groups.map(summary), engine).toEqual([
        ['er', [3, 2], MIN],
        ['(none)', [1, 1], MIN],
        ['icu', [1, 1], MIN],
      ])
    }
  })
})

describe('computeFunnelBreakdown: breakdown by an experiment variant', () => {
  it('groups users by their first exposure, others as (not exposed)', async () => {
    const { name, key } = await insertEvents({
      u1: [['A', 0], ['B', 1]],
      u2: [['A', 0], ['B', 2]],
      u3: [['A', 0]],
      u4: [['A', 0], ['B', 3]],
      u5: [['A', 0]],
    })
    const flag = await makeFlag()
    const experiment = async () => db.experiment.create({ data: { key: flagKey('exp'), name: 'AI differential', flagId: flag.id, primaryMetric: { type: 'event', event: 'x' }, controlVariant: 'off', status: 'running' } })
    const [exp, other] = [await experiment(), await experiment()]
    const at = (m: number) => new Date(T0.getTime() + m * MIN)
    await db.experimentEvent.createMany({
      data: [
        { experimentId: exp.id, kind: 'exposure', variant: 'on', subject: 's1', analyticsKey: key('u1'), at: at(-5) },
        { experimentId: exp.id, kind: 'exposure', variant: 'on', subject: 's2', analyticsKey: key('u2'), at: at(-5) },
        { experimentId: exp.id, kind: 'exposure', variant: 'off', subject: 's3', analyticsKey: key('u3'), at: at(-5) },
        { experimentId: exp.id, kind: 'conversion', variant: 'on', subject: 's4', analyticsKey: key('u4'), at: at(-5) }, // not an exposure
        { experimentId: other.id, kind: 'exposure', variant: 'on', subject: 's4', analyticsKey: key('u4'), at: at(-5) }, // another experiment
        { experimentId: exp.id, kind: 'exposure', variant: 'off', subject: 's5a', analyticsKey: key('u5'), at: at(-60) }, // the first exposure counts
        { experimentId: exp.id, kind: 'exposure', variant: 'on', subject: 's5b', analyticsKey: key('u5'), at: at(-1) },
      ],
    })
    const steps = [{ event: name('A'), filters: {} }, { event: name('B'), filters: {} }]
    for (const engine of ['auto', 'chains'] as const) {
      const result = await computeFunnelBreakdown(sqlOfPrisma(db), { ...range, steps, breakdown: { kind: 'flag', experiment: exp.key }, engine })
      expect(summary(result.overall), engine).toEqual(['all', [5, 3], 2 * MIN])
      expect(result.groups.map(summary), engine).toEqual([
        ['off', [2, 0], null],
        ['on', [2, 2], 1.5 * MIN],
        ['(not exposed)', [1, 1], 3 * MIN],
      ])
    }

    const unknown = await rejects(computeFunnelBreakdown(sqlOfPrisma(db), { ...range, steps, breakdown: { kind: 'flag', experiment: flagKey('missing') } }))
    expect(unknown.status).toBe(422)
    expect(unknown.fields).toEqual({ breakdown: ['Unknown experiment'] })
  })
})
