import { describe, expect, it } from 'vitest'
import { generateDemoWeek } from './demo'
import { pseudonymizer } from './pseudonym'

const now = new Date('2026-12-07T12:00:00Z')
const pseudonym = pseudonymizer(Buffer.from('demo-test-key-0123456789'))

describe('generateDemoWeek', () => {
  const rows = generateDemoWeek({ now, pseudonym })

  it('is the same for the same now and seed', () => {
    expect(generateDemoWeek({ now, pseudonym }).slice(0, 50)).toEqual(rows.slice(0, 50))
  })

  it('makes tens of thousands of events inside the last 7 days, none ahead of now', () => {
    expect(rows.length).toBeGreaterThan(15_000)
    expect(rows.length).toBeLessThan(80_000)
    for (const r of rows) {
      expect(r.occurredAt.getTime()).toBeLessThanOrEqual(now.getTime())
      expect(r.occurredAt.getTime()).toBeGreaterThan(now.getTime() - 7 * 86_400_000)
    }
  })

  it('drops off step by step, Paediatrics most at the AI differential', () => {
    const count = (event: string, dept?: string) => rows.filter((r) => r.event === event && (!dept || r.department === dept)).length
    const steps = ['diagnosis_started', 'ai_suggestion_viewed', 'ai_suggestion_reviewed', 'diagnosis_completed'].map((e) => count(e))
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeLessThan(steps[i - 1]!)
    const past = (d: string) => count('ai_suggestion_reviewed', d) / count('ai_suggestion_viewed', d)
    expect(past('Paediatrics')).toBeLessThan(past('Emergency'))
  })

  it('stores only pseudonyms and coarse dimensions', () => {
    expect(new Set(rows.map((r) => r.userKey)).size).toBeGreaterThan(100)
    expect(rows.every((r) => /^u_[A-Za-z0-9_-]{22}$/.test(r.userKey))).toBe(true)
    expect(JSON.stringify(rows.slice(0, 200))).not.toContain('demo-')
  })
})
