import { describe, expect, it } from 'vitest'
import { DEMO_DAYS, generateDemoEvents, ROLLOUT_DAYS_AGO } from './demo'
import { pseudonymizer } from './pseudonym'

const now = new Date('2026-12-07T12:00:00Z')
const DAY = 86_400_000
const pseudonym = pseudonymizer(Buffer.from('demo-test-key-0123456789'))

describe('generateDemoEvents', () => {
  const rows = generateDemoEvents({ now, pseudonym })
  const daysAgo = (r: { occurredAt: Date }) => (now.getTime() - r.occurredAt.getTime()) / DAY
  const lastWeek = rows.filter((r) => daysAgo(r) < 7)
  const usersOf = (list: typeof rows) => new Set(list.map((r) => r.userKey))

  it('is the same for the same now and seed', () => {
    expect(generateDemoEvents({ now, pseudonym }).slice(0, 50)).toEqual(rows.slice(0, 50))
  })

  it('covers eight weeks, none ahead of now, the last week as busy as the one-week demo was', () => {
    expect(DEMO_DAYS).toBe(56)
    // In time order: the first and last rows bound them all.
    expect(rows.every((r, i) => i === 0 || r.occurredAt >= rows[i - 1]!.occurredAt)).toBe(true)
    expect(rows.at(-1)!.occurredAt.getTime()).toBeLessThanOrEqual(now.getTime())
    expect(daysAgo(rows[0]!)).toBeLessThan(DEMO_DAYS)
    expect(daysAgo(rows[0]!)).toBeGreaterThan(DEMO_DAYS - 1)
    expect(lastWeek.length).toBeGreaterThan(15_000)
    expect(lastWeek.length).toBeLessThan(80_000)
    expect(rows.length).toBeLessThan(250_000)
  })

  it('drops off step by step in the last week, Paediatrics most at the AI differential the week before', () => {
    const weekBefore = rows.filter((r) => daysAgo(r) >= 8 && daysAgo(r) < 15)
    const count = (list: typeof rows, event: string, dept?: string) => list.filter((r) => r.event === event && (!dept || r.department === dept)).length
    const steps = ['diagnosis_started', 'ai_suggestion_viewed', 'ai_suggestion_reviewed', 'diagnosis_completed'].map((e) => count(lastWeek, e))
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeLessThan(steps[i - 1]!)
    const past = (list: typeof rows, d: string) => count(list, 'ai_suggestion_reviewed', d) / count(list, 'ai_suggestion_viewed', d)
    expect(past(weekBefore, 'Paediatrics')).toBeLessThan(past(weekBefore, 'Emergency'))
    // The slow panel of the last whole week: Emergency reviews far fewer of the suggestions it sees, but still
    // completes its diagnoses; other departments carry on as before.
    const lastWhole = rows.filter((r) => daysAgo(r) >= 1 && daysAgo(r) < 7)
    expect(past(lastWhole, 'Emergency')).toBeLessThan(past(weekBefore, 'Emergency') - 0.2)
    expect(Math.abs(past(lastWhole, 'Cardiology') - past(weekBefore, 'Cardiology'))).toBeLessThan(0.1)
    const completes = (list: typeof rows) => count(list, 'diagnosis_completed', 'Emergency') / count(list, 'diagnosis_started', 'Emergency')
    expect(Math.abs(completes(lastWhole) - completes(weekBefore))).toBeLessThan(0.1)
  })

  it('has new starters every week, enough for a retention cohort, and people who leave', () => {
    const first = new Map<string, number>()
    const last = new Map<string, number>()
    for (const r of rows) {
      if (!first.has(r.userKey)) first.set(r.userKey, daysAgo(r))
      last.set(r.userKey, daysAgo(r))
    }
    // Weeks 2 to 8 (week 1 is everyone's first sight): each brings well over k = 11 people never seen
    // before, so that a cohort's later weeks, smaller, can still be shown.
    for (let week = 1; week < 8; week++) {
      const starters = [...first.values()].filter((d) => d < DEMO_DAYS - 7 * week && d >= DEMO_DAYS - 7 * (week + 1)).length
      expect(starters, `week ${week + 1}`).toBeGreaterThanOrEqual(16)
    }
    const gone = [...last.values()].filter((d) => d > 14).length
    expect(gone).toBeGreaterThan(10)
    expect(usersOf(lastWeek).size).toBeGreaterThan(usersOf(rows.filter((r) => daysAgo(r) >= DEMO_DAYS - 7)).size)
  })

  it('loses part of each cohort of new starters over the weeks', () => {
    // Starters of days 49–42 before now, still seen in days 21–14 before now (four weeks on).
    const cohort = usersOf(rows.filter((r) => daysAgo(r) >= 42 && daysAgo(r) < 49))
    const before = usersOf(rows.filter((r) => daysAgo(r) >= 49))
    const starters = [...cohort].filter((u) => !before.has(u))
    const later = usersOf(rows.filter((r) => daysAgo(r) >= 14 && daysAgo(r) < 21))
    const kept = starters.filter((u) => later.has(u)).length / starters.length
    expect(kept).toBeGreaterThan(0.4)
    expect(kept).toBeLessThan(0.9)
  })

  it('shows the AI differential spreading after its rollout', () => {
    const share = (from: number, to: number) => {
      const window = rows.filter((r) => daysAgo(r) >= from && daysAgo(r) < to)
      return usersOf(window.filter((r) => r.event === 'ai_suggestion_reviewed')).size / usersOf(window.filter((r) => r.event === 'diagnosis_started')).size
    }
    const before = share(ROLLOUT_DAYS_AGO, ROLLOUT_DAYS_AGO + 14)
    const after = share(ROLLOUT_DAYS_AGO - 14, ROLLOUT_DAYS_AGO)
    expect(before).toBeLessThan(0.45)
    expect(after).toBeGreaterThan(before + 0.25)
    expect(lastWeek.filter((r) => r.event === 'ai_suggestion_viewed').every((r) => typeof r.properties.ai_model === 'string')).toBe(true)
  })

  it('spreads app releases over days, and staffs weekends thinner', () => {
    const v42 = lastWeek.filter((r) => r.appVersion === '4.2').length / lastWeek.length
    expect(v42).toBeGreaterThan(0.6)
    expect(v42).toBeLessThan(0.98)
    expect(rows.filter((r) => daysAgo(r) > 50).every((r) => r.appVersion === '4.0')).toBe(true)
    const perDay = (weekend: boolean) => {
      const days = new Map<string, Set<string>>()
      for (const r of rows) {
        if ([0, 6].includes(r.occurredAt.getUTCDay()) !== weekend || daysAgo(r) < 1 || daysAgo(r) > DEMO_DAYS - 1) continue
        const d = r.occurredAt.toISOString().slice(0, 10)
        days.set(d, (days.get(d) ?? new Set()).add(r.userKey))
      }
      return [...days.values()].reduce((s, u) => s + u.size, 0) / days.size
    }
    expect(perDay(true)).toBeLessThan(perDay(false) * 0.8)
  })

  it('stores only pseudonyms and coarse dimensions', () => {
    expect(usersOf(rows).size).toBeGreaterThan(200)
    expect(rows.every((r) => /^u_[A-Za-z0-9_-]{22}$/.test(r.userKey) && r.messageId === null)).toBe(true)
    expect(JSON.stringify(rows.slice(0, 200))).not.toContain('demo-')
  })
})
