import { describe, expect, it } from 'vitest'
import { capabilityThreat, competitorThreat, coverageOf, DEFAULT_THREAT_SETTINGS, freshness, isStale, isUpgrade, levelOf, weightedCoverage } from './scoring'

const now = new Date('2026-12-07T00:00:00Z')
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000)

describe('coverage and freshness', () => {
  it('scores full 1, partial ½, none 0 and unknown ½', () => {
    expect(['full', 'partial', 'none', 'unknown'].map((s) => coverageOf(s as never))).toEqual([1, 0.5, 0, 0.5])
  })

  it('weights coverage by importance and counts unknowns', () => {
    // (5 × 1 + 3 × 0.5 + 2 × 0) ÷ 10 = 0.65; the missing third cell is unknown (½).
    const caps = [
      { id: 'a', weight: 5 },
      { id: 'b', weight: 3 },
      { id: 'c', weight: 2 },
    ]
    expect(weightedCoverage(caps, new Map([['a', 'full'], ['b', 'partial'], ['c', 'none']] as const))).toEqual({ coverage: 0.65, unknown: 0 })
    expect(weightedCoverage(caps, new Map([['a', 'full'], ['b', 'partial']] as const))).toEqual({ coverage: 0.75, unknown: 1 })
  })

  it('halves freshness every half-life; stale past one half-life', () => {
    expect(freshness(now, now, 180)).toBe(1)
    expect(freshness(daysAgo(180), now, 180)).toBeCloseTo(0.5)
    expect(freshness(daysAgo(360), now, 180)).toBeCloseTo(0.25)
    expect(freshness(null, now, 180)).toBe(0)
    expect(isStale(daysAgo(179), now, 180)).toBe(false)
    expect(isStale(daysAgo(181), now, 180)).toBe(true)
  })

  it('knows an upgrade', () => {
    expect(isUpgrade('none', 'partial')).toBe(true)
    expect(isUpgrade('partial', 'full')).toBe(true)
    expect(isUpgrade('full', 'partial')).toBe(false)
    expect(isUpgrade('unknown', 'full')).toBe(false)
    expect(isUpgrade(null, 'full')).toBe(false)
  })
})

describe('capabilityThreat', () => {
  const base = { competitor: 'Epic', capability: 'ambient documentation', weight: 5, theirs: 'full', ours: 'partial', overlapPercent: 90, upgradedAt: null } as const

  it('multiplies lead, importance, overlap and momentum, and says so', () => {
    // lead 0.5 × 5/5 × (0.6 + 0.4 × 0.9 = 0.96) = 0.48 → medium (≥ 0.25, below 0.5).
    const t = capabilityThreat(base, now)
    expect(t.score).toBeCloseTo(0.48)
    expect(t.level).toBe('medium')
    expect(t.explanation).toBe('Epic: full ambient documentation, we: partial — lead 0.50 × importance 5/5 × market overlap 90 % (×0.96) = 0.48 → medium (≥ 0.25)')
  })

  it('raises it for a recent upgrade: ×1.5 → 0.72, high', () => {
    const t = capabilityThreat({ ...base, upgradedAt: daysAgo(60) }, now)
    expect(t.score).toBeCloseTo(0.72)
    expect(t.level).toBe('high')
    expect(t.explanation).toContain('× recent upgrade (×1.50) = 0.72 → high (≥ 0.50)')
    // An upgrade older than the window is no momentum.
    expect(capabilityThreat({ ...base, upgradedAt: daysAgo(400) }, now).momentum).toBe(0)
  })

  it('is low with no lead, and capped at 1', () => {
    expect(capabilityThreat({ ...base, theirs: 'partial', ours: 'full' }, now)).toMatchObject({ score: 0, level: 'low', explanation: 'Epic does not lead us on ambient documentation (they: partial, we: full) → low' })
    // Unknown is no evidence: no lead, whatever we have.
    expect(capabilityThreat({ ...base, theirs: 'unknown', ours: 'none' }, now)).toMatchObject({ score: 0, level: 'low', explanation: 'What Epic has of ambient documentation is unknown: no threat counted until there is evidence → low' })
    // 1 × 1 × 1 × 1.5 = 1.5 → 1.
    expect(capabilityThreat({ ...base, ours: 'none', overlapPercent: 100, upgradedAt: daysAgo(1) }, now).score).toBe(1)
  })

  it('follows configured thresholds', () => {
    const s = { ...DEFAULT_THREAT_SETTINGS, capability: { high: 0.4, medium: 0.2 } }
    expect(capabilityThreat(base, now, s).level).toBe('high')
    expect(levelOf(0.1, s.capability)).toBe('low')
  })
})

describe('competitorThreat', () => {
  it('weights the leads by importance, then overlap and momentum', () => {
    // Leads: 5 × 0.5 + 4 × 1 + 1 × 0 = 6.5 over weights 10 → 0.65; × (0.6 + 0.4 × 0.5 = 0.8) × (1 + 0.5 × 2/3) = 0.6933.
    const t = competitorThreat({
      competitor: 'Oracle Health',
      overlapPercent: 50,
      recentUpgrades: 2,
      capabilities: [
        { weight: 5, theirs: 'full', ours: 'partial' },
        { weight: 4, theirs: 'full', ours: 'none' },
        { weight: 1, theirs: 'none', ours: 'full' },
      ],
    })
    expect(t.weightedLead).toBeCloseTo(0.65)
    expect(t.score).toBeCloseTo(0.6933, 3)
    expect(t).toMatchObject({ leads: 2, level: 'high' })
    expect(t.explanation).toBe('Oracle Health leads us on 2 of 3 capabilities (importance-weighted lead 0.65) × market overlap 50 % (×0.80) × momentum 2 recent upgrades (×1.33) = 0.69 → high (≥ 0.20)')
  })

  it('is low when they lead nowhere', () => {
    const t = competitorThreat({ competitor: 'X', overlapPercent: 100, recentUpgrades: 0, capabilities: [{ weight: 3, theirs: 'partial', ours: 'full' }] })
    expect(t).toMatchObject({ score: 0, level: 'low', leads: 0 })
  })
})
