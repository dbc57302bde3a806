import { describe, expect, it } from 'vitest'
import type { WorkflowDefinition } from '@/lib/analytics/workflow-schema'
import { FIXTURE_QUERY } from '@/test/funnel-fixtures'
import { builderSearch } from './funnel-builder-state'
import { draftOfInvalidUrl, readFunnelUrl } from './funnel-url'

const NOW = new Date('2030-03-11T12:00:00.000Z')
const DAY = 86_400_000
const workflow: WorkflowDefinition = { key: 'diagnosis_workflow', name: 'AI-assisted diagnosis', steps: FIXTURE_QUERY.steps, conversionWindowMs: 3_600_000, orderMode: 'ordered', exclusions: [] }

describe('readFunnelUrl', () => {
  it('shows the first workflow over the last 7 days when the URL names no funnel', () => {
    const r = readFunnelUrl({}, [workflow], NOW)
    expect(r.kind === 'ok' && [r.query.workflow, r.query.from, r.query.to, r.days, r.fromUrl]).toEqual(['diagnosis_workflow', new Date(NOW.getTime() - 7 * DAY), NOW, 7, false])
  })

  it('has nothing to show without a workflow or steps', () => {
    expect(readFunnelUrl({}, [], NOW)).toEqual({ kind: 'none' })
  })

  it('turns days into a range ending now, and keeps exact dates as they are', () => {
    const r = readFunnelUrl({ workflow: 'diagnosis_workflow', days: '30' }, [workflow], NOW)
    expect(r.kind === 'ok' && [r.query.from, r.days]).toEqual([new Date(NOW.getTime() - 30 * DAY), 30])
    const exact = readFunnelUrl({ workflow: 'diagnosis_workflow', from: '2030-03-01T00:00:00Z', to: '2030-03-02T00:00:00Z' }, [workflow], NOW)
    expect(exact.kind === 'ok' && [exact.query.to.toISOString(), exact.days]).toEqual(['2030-03-02T00:00:00.000Z', null])
  })

  it('reads back what the builder writes, preset or dates', () => {
    const q = { ...FIXTURE_QUERY, breakdown: { kind: 'site' as const }, orderMode: 'strict' as const }
    const preset = readFunnelUrl(Object.fromEntries(new URLSearchParams(builderSearch(q, 14))), [workflow], NOW)
    expect(preset.kind === 'ok' && [preset.days, preset.query.breakdown, preset.query.orderMode, preset.query.steps]).toEqual([14, { kind: 'site' }, 'strict', q.steps])
    const dated = readFunnelUrl(Object.fromEntries(new URLSearchParams(builderSearch(q, 'custom'))), [workflow], NOW)
    expect(dated.kind === 'ok' && dated.query.from).toEqual(q.from)
  })

  it('names what is wrong with a hand-edited link under the builder’s fields', () => {
    expect(readFunnelUrl({ workflow: 'nope' }, [workflow], NOW)).toEqual({ kind: 'invalid', message: 'There is no workflow "nope"', errors: { workflow: ['There is no workflow "nope"'] } })
    const r = readFunnelUrl({ workflow: 'diagnosis_workflow', window: '90d' }, [workflow], NOW)
    expect(r.kind === 'invalid' && Object.keys(r.errors)).toEqual(['window'])
  })
})

describe('draftOfInvalidUrl', () => {
  it('keeps what it can read of a bad link, so each problem stands beside its value', () => {
    const search = { workflow: 'diagnosis_workflow', window: '90d', breakdown: 'ward', order: 'strict', from: '2030-03-01T00:00:00Z', to: '2030-03-03T00:00:00Z' }
    const d = draftOfInvalidUrl(search, [workflow], NOW, 'UTC')
    expect(d).toMatchObject({ workflow: 'diagnosis_workflow', window: '90', windowUnit: 'days', breakdown: 'none', orderMode: 'strict', range: 'custom', from: '2030-03-01', to: '2030-03-02' })
    const r = readFunnelUrl(search, [workflow], NOW)
    expect(r.kind === 'invalid' && r.errors).toEqual({ window: ['The conversion window is 1 second to 30 days'], breakdown: ['Break down by role, department, site, app version or a flag variant'] })
  })

  it('reads steps given as names or objects, and a flag breakdown', () => {
    const d = draftOfInvalidUrl({ steps: '["a",{"event":"b","label":"B","filters":{"ai":true}}]', breakdown: 'flag:dx', days: '30' }, [workflow], NOW, 'UTC')
    expect(d.steps).toEqual([
      { event: 'a', label: '', filters: '' },
      { event: 'b', label: 'B', filters: 'ai=true' },
    ])
    expect([d.breakdown, d.experiment, d.range]).toEqual(['flag', 'dx', 30])
  })
})
