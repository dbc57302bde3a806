/** The demo's A/B experiment: the variant changes who goes on past the AI differential, nothing else. */
import { describe, expect, it } from 'vitest'
import { DEMO_EXPERIMENT, demoExperimentClinicians, demoExperimentVariant, generateDemoEvents } from './demo'
import { pseudonymizer } from './pseudonym'

const pseudonym = pseudonymizer(Buffer.from('demo-test-key-0123456789'))
const STEPS = ['diagnosis_started', 'ai_suggestion_viewed', 'ai_suggestion_reviewed', 'diagnosis_completed']

describe('the demo experiment', () => {
  const ids = demoExperimentClinicians(new Date('2026-12-07T12:00:00Z'))

  it('assigns the diagnosing clinicians of six departments, core staff and new starters, by a stable hash', () => {
    // Core staff of the six diagnosing departments (36 + 30 + 20 + 18 + 16 + 22) and the weeks' starters.
    expect(ids.length).toBeGreaterThan(142)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toContain('demo-emergency-1')
    expect(ids.some((id) => id.startsWith('demo-pharmacy'))).toBe(false)
    expect(ids.map(demoExperimentVariant)).toEqual(ids.map(demoExperimentVariant))
    expect(new Set(ids.map(demoExperimentVariant))).toEqual(new Set([DEMO_EXPERIMENT.control, DEMO_EXPERIMENT.treatment]))
  })

  it.each(['2026-12-07T12:00:00Z', '2027-02-14T03:00:00Z', '2027-06-30T21:00:00Z'])('on engine v2 more go on past the differential (eight weeks to %s)', (now) => {
    const clinicians = demoExperimentClinicians(new Date(now))
    const variantOf = new Map(clinicians.map((id) => [pseudonym('user', id), demoExperimentVariant(id)]))
    const rows = generateDemoEvents({ now: new Date(now), pseudonym })
    const users = (variant: string, event: string) => new Set(rows.filter((r) => r.event === event && variantOf.get(r.userKey) === variant).map((r) => r.userKey)).size
    const past = (variant: string) => users(variant, STEPS[2]!) / users(variant, STEPS[1]!)
    expect(past('on') - past('off')).toBeGreaterThan(0.04)
    for (const v of ['off', 'on']) expect(users(v, STEPS[0]!)).toBeGreaterThan(60)
  })
})
