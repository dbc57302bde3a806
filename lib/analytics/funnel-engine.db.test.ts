/**
 * The funnel engine against answers worked out by hand: each case has its own event names (the database is
 * shared), users with events at minutes after T0, and what a person counts from the events — users per
 * step, the median minutes from the previous step, and the time-to-convert median, 90th percentile and
 * histogram. Percentiles are continuous (percentile_cont): p90 of [4, 8, 10] is 8 + 0.8 × 2 = 9.6.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { sqlOfPrisma } from '@/lib/tx'
import { insertEvents, partitions, T0, type Ev, type Name } from '@/test/funnel-events'
import { computeFunnelBreakdown, type EngineQuery } from './funnel-engine'
import type { OrderMode } from './workflow-schema'

const MIN = 60_000

interface Case {
  name: string
  mode: OrderMode
  users: Record<string, Ev[]>
  steps?: Step[]
  exclusions?: { step: Name; afterStep: number; beforeStep: number }[]
  windowMin: number
  users_: number[]
  /** Median minutes from the previous step, steps 2..n. */
  medianMin: (number | null)[]
  ttc: { medianMin: number | null; p90Min: number | null; buckets: number[] }
}

type Step = { step: Name; filters?: Record<string, string | number | boolean> }
const ABC: Step[] = [{ step: 'A' }, { step: 'B' }, { step: 'C' }]
/** One set of users for the ordered and strict cases: B must carry ok=true. */
const STRICT_USERS: Record<string, Ev[]> = {
  u1: [['A', 0], ['B', 5, { ok: true }], ['C', 10]],
  u2: [['A', 0], ['C', 3], ['B', 5, { ok: true }], ['C', 10]], // strict: C comes between A and B
  u3: [['A', 0], ['A', 2], ['B', 4, { ok: true }], ['C', 6]], // strict: the chain from A at 2
  u4: [['A', 0], ['B', 3, { ok: false }], ['B', 5, { ok: true }], ['C', 8]], // B without ok is no funnel event
  u5: [['A', 0], ['B', 5, { ok: true }], ['A', 7], ['C', 9]], // strict: A at 7 stops the chain at B
}

const cases: Case[] = [
  {
    name: 'ordered: out-of-order and missing-start users',
    mode: 'ordered',
    users: {
      u1: [['A', 0], ['B', 5], ['C', 10]],
      u2: [['A', 0], ['B', 5]],
      u3: [['A', 0]],
      u4: [['B', 0], ['C', 5]], // never starts
      u5: [['A', 0], ['C', 5], ['B', 10]], // C before B: step 2 in 10 min
    },
    windowMin: 60,
    users_: [4, 3, 1],
    medianMin: [5, 5], // step 2: 5, 5, 10; step 3: 5
    // Window 60 min: buckets [0,1) [1,5) [5,15) [15,30) [30,60] minutes; u1 took 10.
    ttc: { medianMin: 10, p90Min: 10, buckets: [0, 0, 1, 0, 0] },
  },
  {
    name: 'ordered: other events between steps do not matter, the latest of tied chains counts',
    mode: 'ordered',
    users: STRICT_USERS,
    steps: [{ step: 'A' }, { step: 'B', filters: { ok: true } }, { step: 'C' }],
    windowMin: 60,
    users_: [5, 5, 5],
    // step 2: 5, 5, 2 (u3's chain from 2), 5, 5; step 3: 5, 5, 2, 3, 4
    medianMin: [5, 4],
    // 10, 10, 4, 8, 9 → median 9; p90 at rank 3.6 of [4, 8, 9, 10, 10] = 10
    ttc: { medianMin: 9, p90Min: 10, buckets: [0, 1, 4, 0, 0] },
  },
  {
    name: 'strict: no other funnel event between two steps',
    mode: 'strict',
    users: STRICT_USERS,
    steps: [{ step: 'A' }, { step: 'B', filters: { ok: true } }, { step: 'C' }],
    windowMin: 60,
    users_: [5, 4, 3], // u1 3, u2 1, u3 3, u4 3, u5 2
    medianMin: [5, 3], // step 2: 5, 2, 5, 5; step 3: 5, 2, 3
    ttc: { medianMin: 8, p90Min: 9.6, buckets: [0, 1, 2, 0, 0] }, // 10, 4, 8
  },
  {
    name: 'any order, within a 30 min window',
    mode: 'any',
    users: {
      u1: [['C', 0], ['B', 5], ['A', 10]],
      u2: [['B', 0], ['A', 40], ['C', 45]], // A is past B's window: the chain from A reaches 2
      u3: [['A', 0], ['A', 5]], // the same step twice is one step
      // The chains from B at 0 (B, C, A) and from C at 2 (C, B, A) both end with A at 4: the later counts.
      u4: [['B', 0], ['C', 2], ['B', 3], ['A', 4]],
    },
    windowMin: 30,
    users_: [4, 3, 2],
    medianMin: [5, 3], // 2nd step: 5, 5, 1; 3rd: 5, 1
    ttc: { medianMin: 6, p90Min: 9.2, buckets: [0, 1, 1, 0] }, // 10, 2
  },
  {
    name: 'exclusions: X between steps 1 and 2, Y between steps 2 and 3',
    mode: 'ordered',
    users: {
      u1: [['A', 0], ['X', 1], ['B', 2], ['C', 3]], // capped at 1
      u2: [['A', 0], ['X', 1], ['A', 2], ['B', 3], ['C', 4]], // a new chain from 2 completes
      u3: [['A', 0], ['B', 1], ['Y', 2], ['C', 3]], // capped at 2
      u4: [['A', 0], ['B', 1], ['C', 2], ['X', 3]], // X after the end
      u5: [['A', 0], ['B', 1], ['X', 2], ['C', 3]], // X after step 2: not between 1 and 2
      u6: [['A', 0], ['B', 1], ['Y', 100]], // Y after the window
    },
    exclusions: [
      { step: 'X', afterStep: 1, beforeStep: 2 },
      { step: 'Y', afterStep: 2, beforeStep: 3 },
    ],
    windowMin: 60,
    users_: [6, 5, 3],
    medianMin: [1, 1],
    ttc: { medianMin: 2, p90Min: 2.8, buckets: [0, 3, 0, 0, 0] }, // 2, 2, 3
  },
]

beforeAll(partitions)

const ENGINES = ['auto', 'chains'] as const

describe('computeFunnelBreakdown: order modes and exclusions', () => {
  it.each(cases.flatMap((c) => ENGINES.map((engine) => [`${c.name} (${engine})`, c, engine] as const)))('%s', async (_name, c, engine) => {
    const { name } = await insertEvents(c.users)
    const query: EngineQuery = {
      steps: (c.steps ?? ABC).map((s) => ({ event: name(s.step), filters: s.filters ?? {} })),
      from: T0,
      to: new Date(T0.getTime() + 24 * 60 * MIN),
      conversionWindowMs: c.windowMin * MIN,
      orderMode: c.mode,
      exclusions: (c.exclusions ?? []).map((x) => ({ event: name(x.step), filters: {}, afterStep: x.afterStep, beforeStep: x.beforeStep })),
      engine,
    }
    const { overall, groups } = await computeFunnelBreakdown(sqlOfPrisma(db), query)
    expect(groups).toEqual([])
    expect(overall.key).toBe('all')
    expect(overall.steps.map((s) => s.users)).toEqual(c.users_)
    expect(overall.started).toBe(c.users_[0])
    expect(overall.completed).toBe(c.users_.at(-1))
    expect(overall.steps.map((s) => s.medianFromPreviousMs)).toEqual([null, ...c.medianMin.map((m) => (m === null ? null : m * MIN))])
    const ttc = overall.timeToConvert
    expect(ttc.medianMs).toBe(c.ttc.medianMin === null ? null : c.ttc.medianMin * MIN)
    expect(ttc.p90Ms).toBe(c.ttc.p90Min === null ? null : Math.round(c.ttc.p90Min * MIN))
    expect(ttc.buckets.map((b) => b.users)).toEqual(c.ttc.buckets)
    expect(ttc.buckets.map((b) => [b.fromMs / MIN, b.toMs / MIN])).toEqual(
      c.windowMin === 60
        ? [[0, 1], [1, 5], [5, 15], [15, 30], [30, 60]]
        : [[0, 1], [1, 5], [5, 15], [15, 30]],
    )
  })

  it('counts nobody when no event matches', async () => {
    const { name } = await insertEvents({})
    const { overall } = await computeFunnelBreakdown(sqlOfPrisma(db), { steps: ABC.map((s) => ({ event: name(s.step), filters: {} })), from: T0, to: new Date(T0.getTime() + 60 * MIN), conversionWindowMs: 60 * MIN })
    expect(overall.steps.map((s) => s.users)).toEqual([0, 0, 0])
    expect(overall.timeToConvert).toMatchObject({ medianMs: null, p90Ms: null, buckets: [{ users: 0 }, { users: 0 }, { users: 0 }, { users: 0 }, { users: 0 }] })
  })
})

describe('the window-function engine counts as the chains aggregate', () => {
  // 300 users with random sequences of A, B, C (B with or without ok=true) over an hour, among them
  // repeats, ties in time and the same event as two steps: every figure must agree, mode by mode.
  it.each([
    ['ordered', 'A B C'],
    ['strict', 'A B C'],
    ['ordered', 'A A B'],
    ['strict', 'A B B C'],
  ] as const)('%s, steps %s', async (mode, stepNames) => {
    let seed = 7
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const users: Record<string, Ev[]> = {}
    for (let u = 0; u < 300; u++) {
      users[`r${u}`] = Array.from({ length: 2 + Math.floor(rnd() * 14) }, (): Ev => {
        const e = (['A', 'B', 'C'] as const)[Math.floor(rnd() * 3)]!
        return [e, Math.floor(rnd() * 60), e === 'B' ? { ok: rnd() < 0.8 } : {}]
      })
    }
    const { name } = await insertEvents(users)
    const steps = stepNames.split(' ').map((s) => ({ event: name(s), filters: s === 'B' ? { ok: true } : ({} as Record<string, boolean>) }))
    const query: EngineQuery = { steps, from: T0, to: new Date(T0.getTime() + 50 * MIN), conversionWindowMs: 20 * MIN, orderMode: mode, breakdown: { kind: 'none' } }
    const [windows, chains] = [await computeFunnelBreakdown(sqlOfPrisma(db), query), await computeFunnelBreakdown(sqlOfPrisma(db), { ...query, engine: 'chains' })]
    expect(windows.overall.started).toBeGreaterThan(100)
    expect(windows.overall.completed).toBeGreaterThan(5)
    expect(windows).toEqual(chains)
  })
})
