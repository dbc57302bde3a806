/**
 * Drop-offs against a hand-built case: twelve people start and stop at step 1, three stop at step 2, one
 * completes; the most recent of the twelve has sessions before, across, inside and after their chain.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { db, getPool } from '@/lib/db'
import { sqlOfPrisma } from '@/lib/tx'
import { rejects } from '@/test/flag-factories'
import { insertEvents, partitions, T0, type Ev } from '@/test/funnel-events'
import type { EngineQuery } from './funnel-engine'
import { findDropOffs, shortPseudonym } from './funnel-dropoffs'

const MIN = 60_000
const at = (m: number) => new Date(T0.getTime() + m * MIN).toISOString()

let query: EngineQuery
let key: (u: string) => string

beforeAll(async () => {
  await partitions()
  const users: Record<string, Ev[]> = {}
  for (let i = 1; i <= 12; i++) users[`l${i}`] = [['A', 10 * i]]
  users.l12 = [['X', 61], ['X', 116], ['A', 120], ['X', 124], ['X', 155], ['X', 205]]
  for (let i = 1; i <= 3; i++) users[`r${i}`] = [['A', i], ['B', i + 5]]
  users.c1 = [['A', 0], ['B', 1], ['C', 2]]
  const made = await insertEvents(users)
  key = made.key
  query = { steps: ['A', 'B', 'C'].map((s) => ({ event: made.name(s), filters: {} })), from: T0, to: new Date(T0.getTime() + 24 * 60 * MIN), conversionWindowMs: 60 * MIN }
  const sessions: [string, number, number, number][] = [
    ['l12', 60, 70, 1], // ended before the chain began
    ['l12', 115, 125, 3], // across its start
    ['l12', 150, 170, 1], // inside its window (120 to 180)
    ['l12', 200, 210, 1], // after it
  ]
  await getPool().query(
    `INSERT INTO "AnalyticsSession" ("userKey", "startedAt", "endedAt", "eventCount") SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::int[])`,
    [sessions.map((s) => key(s[0])), sessions.map((s) => at(s[1])), sessions.map((s) => at(s[2])), sessions.map((s) => s[3])],
  )
})

describe('findDropOffs', () => {
  it('lists the people lost at step 2, most recent first, with the sessions that overlap their chain', async () => {
    const list = await findDropOffs(sqlOfPrisma(db), query, 2, {}, 11)
    expect(list.step).toBe(2)
    expect(list.lost).toBe(12)
    expect(list.people.map((p) => p.startedAt)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((i) => at(10 * i)))
    expect(list.people[0]).toEqual({
      person: shortPseudonym(key('l12')),
      reachedStep: 1,
      startedAt: at(120),
      sessions: [
        { startedAt: at(115), endedAt: at(125), eventCount: 3, events: [query.steps[0]!.event.replace(/_A$/, '_X'), query.steps[0]!.event, query.steps[0]!.event.replace(/_A$/, '_X')] },
        { startedAt: at(150), endedAt: at(170), eventCount: 1, events: [query.steps[0]!.event.replace(/_A$/, '_X')] },
      ],
    })
    expect(list.people[1]!.sessions).toEqual([])
    expect(list.people[0]!.person).toMatch(/^u_\S{6}…$/)
  })

  it('keeps to the limit', async () => {
    const list = await findDropOffs(sqlOfPrisma(db), query, 2, { limit: 3 }, 11)
    expect([list.lost, list.people.map((p) => p.startedAt)]).toEqual([12, [at(120), at(110), at(100)]])
  })

  it('names nobody when fewer than k were lost, and says how many only from k up', async () => {
    expect(await findDropOffs(sqlOfPrisma(db), query, 2, {}, 13)).toEqual({ step: 2, lost: null, people: [] })
    expect(await findDropOffs(sqlOfPrisma(db), query, 3, {}, 11)).toEqual({ step: 3, lost: null, people: [] })
    const three = await findDropOffs(sqlOfPrisma(db), query, 3, {}, 3)
    expect([three.lost, three.people.map((p) => [p.reachedStep, p.startedAt])]).toEqual([3, [[2, at(3)], [2, at(2)], [2, at(1)]]])
  })

  it('answers zero lost with an empty list', async () => {
    const none = await findDropOffs(sqlOfPrisma(db), { ...query, to: new Date(T0.getTime() + MIN) }, 3, {}, 11)
    expect(none).toEqual({ step: 3, lost: 0, people: [] })
  })

  it.each([1, 4, 2.5])('refuses step %d (422)', async (step) => {
    const err = await rejects(findDropOffs(sqlOfPrisma(db), query, step, {}, 11))
    expect([err.status, Object.keys(err.fields ?? {})]).toEqual([422, ['step']])
  })
})
