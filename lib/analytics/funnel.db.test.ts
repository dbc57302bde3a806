/**
 * Funnels against answers worked out by hand. Each case has its own event names (the database is shared),
 * users with events at minutes after T0, the steps, the window, and the users per step and median
 * time-to-convert a person counts from the events.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { getPool } from '@/lib/db'
import { sqlOfPrisma } from '@/lib/tx'
import { db } from '@/lib/db'
import { uid } from '@/test/factories'
import { computeFunnel } from './funnel'

const MIN = 60_000
const T0 = new Date(Math.floor((Date.now() - 3 * 86_400_000) / 86_400_000) * 86_400_000)

type Ev = [step: 'A' | 'B' | 'C', minute: number, properties?: Record<string, unknown>]
interface Case {
  name: string
  users: Record<string, Ev[]>
  steps: { step: 'A' | 'B' | 'C'; filters?: Record<string, string | number | boolean> }[]
  windowMin: number
  rangeMin?: number
  expected: number[]
  medianMin: number | null
}

const cases: Case[] = [
  {
    name: 'ordered steps; out-of-order and missing-start users',
    users: {
      u1: [['A', 0], ['B', 5], ['C', 10]], // completes in 10 min
      u2: [['A', 0], ['B', 5]], // stops after step 2
      u3: [['A', 0]], // stops after step 1
      u4: [['B', 0], ['C', 5]], // never starts
      u5: [['A', 0], ['C', 5], ['B', 10]], // C before B: reaches step 2 only
    },
    steps: [{ step: 'A' }, { step: 'B' }, { step: 'C' }],
    windowMin: 60,
    expected: [4, 3, 1],
    medianMin: 10,
  },
  {
    name: 'conversion window of 30 minutes, and a later restart that makes it',
    users: {
      u1: [['A', 0], ['B', 20], ['C', 40]], // C is 40 min after A: step 2
      u2: [['A', 0], ['B', 10], ['C', 25]], // 25 min
      u3: [['A', 0], ['A', 50], ['B', 60], ['C', 70]], // the chain from 50 completes in 20 min
    },
    steps: [{ step: 'A' }, { step: 'B' }, { step: 'C' }],
    windowMin: 30,
    expected: [3, 3, 2],
    medianMin: 22.5,
  },
  {
    name: 'property filters on a step',
    users: {
      u1: [['A', 0, { ai: false }], ['B', 5], ['C', 10]], // step 1 does not match
      u2: [['A', 0, { ai: true }], ['B', 5], ['C', 10]], // 10 min
      u3: [['A', 0, { ai: true, site: 'north' }], ['B', 5]], // extra properties are fine
    },
    steps: [{ step: 'A', filters: { ai: true } }, { step: 'B' }, { step: 'C' }],
    windowMin: 60,
    expected: [2, 2, 1],
    medianMin: 10,
  },
  {
    name: 'the same event as two steps: one event advances one step',
    users: { u1: [['A', 0]], u2: [['A', 0], ['A', 3]] },
    steps: [{ step: 'A' }, { step: 'A' }],
    windowMin: 60,
    expected: [2, 1],
    medianMin: 3,
  },
  {
    name: 'range of one hour: step 1 inside it, later steps up to the window after it',
    users: {
      u1: [['A', -1], ['B', 2], ['C', 3]], // started before the range
      u2: [['A', 59], ['B', 70]], // B after the range, inside the window
      u3: [['A', 61], ['B', 62]], // started after the range
    },
    steps: [{ step: 'A' }, { step: 'B' }, { step: 'C' }],
    windowMin: 30,
    rangeMin: 60,
    expected: [1, 1, 0],
    medianMin: null,
  },
]

beforeAll(async () => {
  for (const back of [4, 3, 2]) await getPool().query('SELECT analytics_create_partition($1::date)', [new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10)])
})

describe('computeFunnel (one pass in SQL)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const prefix = uid('f').replace(/-/g, '_')
    const name = (s: string) => `${prefix}_${s}`
    const rows = Object.entries(c.users).flatMap(([u, events]) =>
      events.map(([s, m, props]) => [`u_${prefix}_${u}`, name(s), new Date(T0.getTime() + m * MIN).toISOString(), JSON.stringify(props ?? {})]),
    )
    await getPool().query(
      `INSERT INTO "AnalyticsEvent" ("userKey", event, "occurredAt", properties, type)
       SELECT u, e, t, p, 'track' FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::jsonb[]) AS x(u, e, t, p)`,
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
    )
    const result = await computeFunnel(sqlOfPrisma(db), {
      steps: c.steps.map((s) => ({ event: name(s.step), filters: s.filters ?? {} })),
      from: T0,
      to: new Date(T0.getTime() + (c.rangeMin ?? 24 * 60) * MIN),
      conversionWindowMs: c.windowMin * MIN,
    })
    expect(result.steps.map((s) => s.users)).toEqual(c.expected)
    expect(result.medianMs).toBe(c.medianMin === null ? null : c.medianMin * MIN)
    expect(result.steps.map((s) => s.dropOff)).toEqual(c.expected.map((n, i) => (i === 0 ? 0 : c.expected[i - 1]! - n)))
    expect(result.started).toBe(c.expected[0])
  })
})
