import { describe, expect, it } from 'vitest'
import { WORKFLOWS } from './catalogue'
import { parseFunnelParams } from './funnel-params'
import { insightFunnelLinks } from './insight-links'
import { WorkflowDefinition } from './workflow-schema'

const workflows = WORKFLOWS.map((w) => WorkflowDefinition.parse(w))
const medication = workflows.find((w) => w.key === 'medication_review')!
const insight = {
  department: 'Paediatrics',
  periodFrom: new Date('2026-12-03T00:00:00Z'),
  periodTo: new Date('2026-12-10T00:00:00Z'),
  previousFrom: new Date('2026-11-26T00:00:00Z'),
  previousTo: new Date('2026-12-03T00:00:00Z'),
}

describe('insightFunnelLinks', () => {
  it('opens the workflow’s funnel over the insight’s week, by department, which the funnel page reads back', () => {
    const { current, previous } = insightFunnelLinks(insight, medication)
    expect(current.startsWith('/analytics/funnels?')).toBe(true)
    const back = parseFunnelParams(new URLSearchParams(current.split('?')[1]), workflows)
    expect(back).toMatchObject({
      ok: true,
      query: { workflow: 'medication_review', from: insight.periodFrom, to: insight.periodTo, conversionWindowMs: 7_200_000, breakdown: { kind: 'department' } },
    })
    if (back.ok) expect(back.query.steps).toEqual(medication.steps)
    const before = parseFunnelParams(new URLSearchParams(previous.split('?')[1]), workflows)
    expect(before).toMatchObject({ ok: true, query: { from: insight.previousFrom, to: insight.previousTo } })
  })

  it('has no breakdown for the whole hospital', () => {
    const back = parseFunnelParams(new URLSearchParams(insightFunnelLinks({ ...insight, department: '' }, medication).current.split('?')[1]), workflows)
    expect(back).toMatchObject({ ok: true, query: { breakdown: { kind: 'none' } } })
  })
})
