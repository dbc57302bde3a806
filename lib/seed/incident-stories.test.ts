import { describe, expect, it } from 'vitest'
import { responseStats, type ResponseTimes } from '@/lib/incidents/board'
import { HISTORY_DAYS, historyStories, RECENT_STORIES, SEED_SERVICES, type Story } from './incident-stories'

const NOW = new Date('2026-12-06T21:00:00Z')
const HOUR = 3_600_000
const DAY = 24 * HOUR

/** The times seedIncidents writes for a story. */
function times(s: Story, now = NOW): ResponseTimes {
  const t = new Date(Math.floor((now.getTime() - s.hoursAgo * HOUR) / 1000) * 1000)
  return {
    triggeredAt: t,
    acknowledgedAt: s.ackAfter === undefined ? null : new Date(t.getTime() + s.ackAfter * 60_000),
    resolvedAt: s.resolveAfter === undefined ? null : new Date(t.getTime() + s.resolveAfter * 60_000),
  }
}

describe('historyStories', () => {
  const history = historyStories(NOW)

  it('is deterministic', () => {
    expect(historyStories(NOW)).toEqual(history)
  })

  it('reaches back more than three months, all before the written-out week', () => {
    const days = history.map((s) => s.hoursAgo / 24)
    expect(Math.max(...days)).toBeGreaterThan(90)
    expect(Math.max(...days)).toBeLessThan(HISTORY_DAYS)
    expect(Math.min(...days)).toBeGreaterThan(7)
    expect(Math.max(...RECENT_STORIES.map((s) => s.hoursAgo))).toBeLessThan(7 * 24)
  })

  it('has quiet weeks and busy ones', () => {
    const perWeek = new Map<number, number>()
    for (const s of history) perWeek.set(Math.floor(s.hoursAgo / (7 * 24)), (perWeek.get(Math.floor(s.hoursAgo / (7 * 24))) ?? 0) + 1)
    const counts = [...perWeek.values()]
    expect(perWeek.size).toBeGreaterThanOrEqual(14)
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(2 * Math.min(...counts))
  })

  it('tells a consistent story: resolved, acknowledged before resolution, real services, an incident at each older SLO bad period', () => {
    const services = new Set<string>(SEED_SERVICES.map((s) => s.key))
    for (const s of history) {
      expect(services.has(s.service)).toBe(true)
      expect(s.resolveAfter).toBeGreaterThan(s.ackAfter ?? 0)
      if (s.ackAfter === undefined) expect(s.autoResolved && s.by === undefined).toBe(true)
      else expect(s.by).toBeDefined()
      for (const n of s.notes ?? []) expect(n.after).toBeLessThan(s.resolveAfter!)
    }
    // system_availability's outage 47 days and 14 hours ago lasted 50 minutes.
    expect(history.find((s) => s.hoursAgo === 47 * 24 + 14)).toMatchObject({ service: 'ai-engine', resolveAfter: 50 })
    expect(new Set(history.map((s) => s.service)).size).toBe(5)
  })

  it('makes MTTA and MTTR over 7 and 30 days differ, as the board shows them', () => {
    const rows = [...RECENT_STORIES, ...history].map((s) => times(s))
    const d7 = responseStats(rows, NOW, 7)
    const d30 = responseStats(rows, NOW, 30)
    expect(d7.incidents).toBe(RECENT_STORIES.length)
    expect(d30.incidents).toBeGreaterThan(d7.incidents + 10)
    expect(d30.mttaMs).not.toBe(d7.mttaMs)
    expect(d30.mttrMs).not.toBe(d7.mttrMs)
    expect(d30.mttaMedianMs).not.toBe(d7.mttaMedianMs)
    // Responses were slower months ago: the history's oldest month responded more slowly than its latest.
    const monthOf = (fromDay: number) => responseStats(rows, new Date(NOW.getTime() - fromDay * DAY), 30)
    expect(monthOf(78).mttrMs!).toBeGreaterThan(monthOf(7).mttrMs!)
    // A day later the written-out week starts to leave the 7-day window, still with figures on both sides.
    expect(responseStats(rows, new Date(NOW.getTime() + DAY), 7).incidents).toBeLessThan(d7.incidents)
  })
})
