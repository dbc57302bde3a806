/** The feedback demo: a week of reports through the real commands, duplicates merged, a safety concern with its incident, idempotent. */
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { seedFeedback } from './feedback'
import { seedFoundation } from './foundation'

process.env.WARDROOM_ANALYTICS_KEY ??= 'feedback-test-key-0123456789abcdef'

describe('seedFeedback', () => {
  it('writes the week once: triaged, merged, rated, with the safety concern’s incident and the improvement tasks', async () => {
    await seedFoundation(() => {})
    const logs: string[] = []
    await seedFeedback((m) => logs.push(m))
    const demo = await db.feedbackItem.findMany({ where: { idempotencyKey: { startsWith: 'demo-' } }, include: { incident: true } })
    expect(demo.length).toBe(32)
    const byKey = new Map(demo.map((d) => [d.idempotencyKey, d]))
    // The three sepsis-panel reports: one parent, two merged duplicates from two more departments.
    const parent = byKey.get('demo-fb-01')!
    expect(parent.duplicateCount).toBe(2)
    expect(parent.affectedDepartments).toEqual(['Cardiology', 'Emergency', 'ICU'])
    expect(byKey.get('demo-fb-02')!.parentId).toBe(parent.id)
    // The clinician's safety concern: critical, its incident open, assigned to the safety officer.
    const concern = byKey.get('demo-fb-10')!
    expect(concern).toMatchObject({ safetyConcern: true, priority: 'critical', status: 'in_progress' })
    expect(concern.incident?.severity).toBe('critical')
    // Closed items carry their note; improvement tasks link back to their funnel.
    expect(byKey.get('demo-fb-12')).toMatchObject({ status: 'wont_do' })
    expect(byKey.get('demo-fb-12')!.closingNote).toContain('user guide')
    expect(byKey.get('demo-task-medication-review-3')).toMatchObject({ type: 'optimization', source: 'user_analytics', workflowStep: 3 })
    expect(byKey.get('demo-task-medication-review-3')!.link).toMatch(/^\/analytics\/funnels\?/)
    expect(demo.filter((d) => d.rating !== null).length).toBe(30)

    await seedFeedback((m) => logs.push(m))
    expect(logs.at(-1)).toBe('feedback: 0 demo items')
    expect(await db.feedbackItem.count({ where: { idempotencyKey: { startsWith: 'demo-' } } })).toBe(32)
  })
})
