import { describe, expect, it } from 'vitest'
import { formatWindow, funnelParamsToSearch, parseFunnelParams, parseWindow } from './funnel-params'
import { WorkflowDefinition } from './workflow-schema'

const triage = WorkflowDefinition.parse({
  key: 'triage',
  name: 'Triage',
  steps: [{ event: 'triage_started' }, { event: 'triage_level_set', filters: { ai: true }, label: 'Level set' }],
  conversionWindowMs: 1_800_000,
  orderMode: 'strict',
  exclusions: [{ event: 'triage_abandoned', afterStep: 1, beforeStep: 2 }],
})
const now = new Date('2030-03-11T12:00:00.000Z')
const parse = (p: Record<string, string>) => parseFunnelParams(new URLSearchParams(p), [triage], { now })

describe('parseWindow / formatWindow', () => {
  it.each([
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['1h', 3_600_000],
    ['2d', 172_800_000],
    ['1.5h', 5_400_000],
    ['1500', 1500],
    ['250ms', 250],
  ])('%s → %d ms', (text, ms) => expect(parseWindow(text)).toBe(ms))
  it.each(['', 'h', '1w', '-1h', 'abc'])('%j is unreadable', (text) => expect(parseWindow(text)).toBeUndefined())
  it.each([
    [3_600_000, '1h'],
    [5_400_000, '90m'],
    [172_800_000, '2d'],
    [90_000, '90s'],
    [1500, '1500'],
  ])('%d ms → %s', (ms, text) => expect(formatWindow(ms)).toBe(text))
})

describe('parseFunnelParams', () => {
  it("takes a workflow's definition and the 7 days up to now by default", () => {
    const r = parse({ workflow: 'triage' })
    expect(r).toEqual({
      ok: true,
      query: {
        workflow: 'triage',
        steps: triage.steps,
        from: new Date('2030-03-04T12:00:00.000Z'),
        to: now,
        conversionWindowMs: 1_800_000,
        orderMode: 'strict',
        exclusions: triage.exclusions,
        breakdown: { kind: 'none' },
      },
    })
  })

  it('lets parameters override the workflow, and reads steps as names or objects', () => {
    const r = parse({ workflow: 'triage', steps: '["a",{"event":"b","filters":{"site":"north"}}]', window: '2h', order: 'any', exclusions: '[]', breakdown: 'flag:ai_diff', from: '2030-03-01T00:00:00Z', to: '2030-03-02T00:00:00Z' })
    expect(r.ok && r.query).toMatchObject({
      steps: [{ event: 'a', filters: {} }, { event: 'b', filters: { site: 'north' } }],
      conversionWindowMs: 7_200_000,
      orderMode: 'any',
      exclusions: [],
      breakdown: { kind: 'flag', experiment: 'ai_diff' },
      from: new Date('2030-03-01T00:00:00Z'),
    })
  })

  it('takes Next.js searchParams records (the first of repeated values)', () => {
    const r = parseFunnelParams({ steps: ['["a","b"]', '["c","d"]'], breakdown: 'department', window: undefined }, [], { now })
    expect(r.ok && [r.query.steps.map((s) => s.event), r.query.breakdown, r.query.conversionWindowMs]).toEqual([['a', 'b'], { kind: 'department' }, 3_600_000])
  })

  it.each([
    [{ workflow: 'nope' }, 404, 'workflow'],
    [{ steps: '["a",' }, 400, 'steps'],
    [{ steps: '["a","b"]', exclusions: '{' }, 400, 'exclusions'],
    [{ steps: '["a","b"]', window: 'soon' }, 400, 'conversionWindowMs'],
    [{}, 422, 'steps'],
    [{ steps: '["a"]' }, 422, 'steps'],
    [{ steps: '["a","b"]', window: '31d' }, 422, 'conversionWindowMs'],
    [{ steps: '["a","b"]', order: 'sideways' }, 422, 'orderMode'],
    [{ steps: '["a","b"]', breakdown: 'ward' }, 422, 'breakdown.kind'],
    [{ steps: '["a","b"]', breakdown: 'flag:' }, 422, 'breakdown.experiment'],
    [{ steps: '["a","b"]', from: 'yesterday' }, 422, 'from'],
    [{ steps: '["a","b"]', from: '2030-03-02T00:00:00Z', to: '2030-03-01T00:00:00Z' }, 422, 'from'],
    [{ steps: '["a","b"]', from: '2029-01-01T00:00:00Z' }, 422, 'to'],
    [{ steps: '["a","b"]', exclusions: '[{"event":"x","afterStep":2,"beforeStep":3}]' }, 422, 'exclusions'],
    [{ steps: '["a","b"]', exclusions: '[{"event":"x","afterStep":2,"beforeStep":1}]' }, 422, 'exclusions.0.beforeStep'],
  ])('%j → %d on %s', (params, status, field) => {
    const r = parse(params as Record<string, string>)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.status).toBe(status)
    expect(Object.keys(r.fields)).toContain(field)
    expect(r.message).not.toBe('')
  })
})

describe('funnelParamsToSearch', () => {
  it('writes a query that reads back the same', () => {
    const r = parse({ workflow: 'triage', breakdown: 'appVersion' })
    if (!r.ok) throw new Error(r.message)
    const search = funnelParamsToSearch(r.query)
    expect(parseFunnelParams(new URLSearchParams(search), [triage], { now: new Date(0) })).toEqual(r)
  })

  it("keeps a plain step a bare name, and an ordered query without exclusions from taking the workflow's", () => {
    const r = parse({ workflow: 'triage', steps: '["a","b"]', order: 'ordered', exclusions: '[]', window: '1h' })
    if (!r.ok) throw new Error(r.message)
    const search = new URLSearchParams(funnelParamsToSearch(r.query))
    expect(Object.fromEntries(search)).toEqual({
      workflow: 'triage',
      steps: '["a","b"]',
      from: '2030-03-04T12:00:00.000Z',
      to: '2030-03-11T12:00:00.000Z',
      window: '1h',
      order: 'ordered',
      exclusions: '[]',
    })
    expect(parseFunnelParams(search, [triage])).toEqual(r)
  })
})
