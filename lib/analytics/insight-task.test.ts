import { describe, expect, it } from 'vitest'
import { improvementTaskOf, type InsightForTask } from './insight-task'
import type { WorkflowDefinition } from './workflow-schema'

const insight: InsightForTask = {
  id: '7d3c0a52-1111-4222-8333-944445555666',
  workflowKey: 'emergency_triage',
  step: 2,
  stepLabel: 'AI triage score viewed',
  department: '',
  periodFrom: new Date('2026-12-03T00:00:00Z'),
  periodTo: new Date('2026-12-10T00:00:00Z'),
  previousFrom: new Date('2026-11-26T00:00:00Z'),
  previousTo: new Date('2026-12-03T00:00:00Z'),
  previousBase: 400,
  previousLost: 40,
  currentBase: 400,
  currentLost: 72,
  pValue: 0.0004,
}
const workflow = {
  key: 'emergency_triage',
  name: 'Emergency triage',
  conversionWindowMs: 1_800_000,
  orderMode: 'ordered',
  exclusions: [],
  steps: [{ event: 'triage_started', filters: {} }, { event: 'ai_triage_score_viewed', filters: {}, label: 'AI triage score viewed' }],
} as unknown as WorkflowDefinition

describe('improvementTaskOf', () => {
  it('says what rose, where, by how much and how sure, and links to the funnel of that week', () => {
    const t = improvementTaskOf(insight, workflow, 11)
    expect(t).toMatchObject({ key: `insight:${insight.id}`, workflow: 'emergency_triage', step: 2, title: 'Emergency triage: more people stop at step 2 (AI triage score viewed) in the whole hospital' })
    expect(t).not.toHaveProperty('department')
    // 40 / 400 = 10.0 %, 72 / 400 = 18.0 %; the period's end is exclusive.
    expect(t.description).toContain('rose from 10.0 % in the week before to 18.0 % in the week the insight covers, in the whole hospital')
    expect(t.description).toContain('72 of 400 people')
    expect(t.description).toContain('p < 0.001')
    expect(t.link.startsWith('/analytics/funnels?workflow=emergency_triage&')).toBe(true)
    expect(new URLSearchParams(t.link.split('?')[1]).get('breakdown')).toBeNull()
  })

  it('breaks the funnel down by department for a department, and withholds counts under k', () => {
    const t = improvementTaskOf({ ...insight, department: 'Paediatrics', previousLost: 4, currentLost: 9, currentBase: 60, previousBase: 60, pValue: 0.0213 }, workflow, 11)
    expect(t.department).toBe('Paediatrics')
    expect(new URLSearchParams(t.link.split('?')[1]).get('breakdown')).toBe('department')
    expect(t.description).toContain('rose from withheld (fewer than k people) in the week before to withheld (fewer than k people)')
    expect(t.description).toContain('Fewer than 11 of 60 people')
    expect(t.description).toContain('p = 0.021')
  })

  it('points at the insights list when the workflow is gone', () => {
    const t = improvementTaskOf(insight, null, 11)
    expect(t.title.startsWith('emergency_triage:')).toBe(true)
    expect(t.link).toBe('/analytics/insights?status=task_created')
  })
})
