/** The analytics demo: registry, workflows and eight hospital weeks with their sessions and rollups, idempotently; workflows editable by PMs only. */
import { describe, expect, it } from 'vitest'
import { actorOfUser } from '@/lib/auth/actor'
import { db, getPool } from '@/lib/db'
import { sqlOfPrisma } from '@/lib/tx'
import { computeFunnel } from '@/lib/analytics/funnel'
import { getWorkflow, saveWorkflow } from '@/lib/analytics/workflows'
import { WorkflowDefinition } from '@/lib/analytics/workflow-schema'
import { createUser, uid } from '@/test/factories'
import { seedAnalytics } from './analytics'
import { systemActor } from '@/lib/auth/actor'
import { countWithEngine, runInsightAnalysis } from '@/lib/analytics/insights'

describe('seedAnalytics', () => {
  it('registers the events and workflows and writes eight weeks once, rolled up, whose last week\'s funnels narrow step by step', async () => {
    const logs: string[] = []
    const now = new Date()
    const started = performance.now()
    await seedAnalytics((m) => logs.push(m), now)
    const seconds = (performance.now() - started) / 1000
    expect(logs[0]).toMatch(/^analytics: 12 event types, 3 workflows, \d+ demo events, \d+ sessions, \d+ days rolled up$/)
    expect(seconds, logs[0]).toBeLessThan(30)
    const events = Number(/(\d+) demo events/.exec(logs[0]!)![1])
    expect(events).toBeGreaterThan(100_000)
    expect(await db.analyticsSession.count()).toBeGreaterThan(10_000)
    expect(Number(/(\d+) days rolled up/.exec(logs[0]!)![1])).toBeGreaterThanOrEqual(56)

    // The rollups hold every demo day, and agree with the raw events.
    const rolled = await getPool().query<{ day: string; events: number; raw: number }>(
      `SELECT s.day::text, s.events, (SELECT count(*)::int FROM "AnalyticsEvent" e WHERE e.event = s.event
         AND e."occurredAt" >= s.day::timestamp AT TIME ZONE 'UTC' AND e."occurredAt" < (s.day + 1)::timestamp AT TIME ZONE 'UTC') AS raw
       FROM "AnalyticsDailySeries" s WHERE s.event = 'diagnosis_started' AND s.dimension = '' AND s.day > $1::date ORDER BY 1`,
      [new Date(now.getTime() - 56 * 86_400_000).toISOString().slice(0, 10)],
    )
    expect(rolled.rows.length).toBeGreaterThanOrEqual(55)
    for (const r of rolled.rows) expect(r.events, r.day).toBe(r.raw)

    for (const key of ['diagnosis_workflow', 'emergency_triage', 'medication_review']) {
      const w = (await getWorkflow(key))!
      const f = await computeFunnel(sqlOfPrisma(db), { steps: w.steps, from: new Date(now.getTime() - 7 * 86_400_000), to: now, conversionWindowMs: w.conversionWindowMs })
      // The Emergency department's 36 people triage; the others diagnose and review medication.
      expect(f.started, key).toBeGreaterThanOrEqual(30)
      for (let i = 1; i < f.steps.length; i++) expect(f.steps[i]!.users, key).toBeLessThanOrEqual(f.steps[i - 1]!.users)
      expect(f.completed, key).toBeLessThan(f.started)
      expect(f.completed / f.started, key).toBeGreaterThan(0.3)
      expect(f.medianMs, key).toBeGreaterThan(0)
    }

    // The last week's slow AI panel in the Emergency department: the insights job finds it at the review step.
    const seen: string[] = []
    await runInsightAnalysis(systemActor('analytics-insights'), { now, count: countWithEngine, k: 11, workflows: ['diagnosis_workflow'] })
    const insights = await db.analyticsInsight.findMany({ where: { workflowKey: 'diagnosis_workflow', periodTo: { gt: new Date(now.getTime() - 2 * 86_400_000) } } })
    for (const i of insights) seen.push(`${i.department || 'hospital'} step ${i.step} ${i.priority} ${i.previousLost}/${i.previousBase} → ${i.currentLost}/${i.currentBase}`)
    expect(seen, seen.join('; ')).toContainEqual(expect.stringMatching(/^Emergency step 3 high /))
    expect(insights.every((i) => i.step === 3), seen.join('; ')).toBe(true)

    await seedAnalytics((m) => logs.push(m), now)
    expect(logs[1]).toBe('analytics: 0 event types, 0 workflows (demo events already there)')
  }, 120_000)
})

describe('saveWorkflow', () => {
  const definition = (key: string) =>
    WorkflowDefinition.parse({ key, name: 'Sepsis bundle', steps: [{ event: 'sepsis_alert_shown' }, { event: 'lactate_ordered', filters: { stat: true } }] })

  it('lets a PM create and edit a workflow, audited', async () => {
    const pm = actorOfUser(await createUser('pm'))
    const key = `sepsis_${uid('w').slice(2).replace(/-/g, '_')}`
    expect(await saveWorkflow(pm, definition(key))).toEqual({ created: true })
    expect(await saveWorkflow(pm, { ...definition(key), conversionWindowMs: 7_200_000 })).toEqual({ created: false })
    expect(await getWorkflow(key)).toMatchObject({ conversionWindowMs: 7_200_000, steps: [{ event: 'sepsis_alert_shown', filters: {} }, { event: 'lactate_ordered', filters: { stat: true } }] })
    expect(await db.auditLog.count({ where: { action: 'analytics.workflow.update', targetId: key } })).toBe(2)
  })

  it('refuses a clinician (403) and a one-step workflow', async () => {
    const clinician = actorOfUser(await createUser('clinician'))
    await expect(saveWorkflow(clinician, definition('sepsis_x'))).rejects.toMatchObject({ status: 403 })
    expect(WorkflowDefinition.safeParse({ key: 'one_step', name: 'x', steps: [{ event: 'a' }] }).success).toBe(false)
  })
})
