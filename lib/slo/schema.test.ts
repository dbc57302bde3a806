import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { batchEnvelope, SloDefinition, sliEventBatch } from './schema'

const now = new Date('2026-11-25T12:00:00Z')
const parse = (body: unknown) => z.preprocess(batchEnvelope, sliEventBatch(now)).safeParse(body)
const item = { sli: 'patient_response_time', service: 'ai-engine', at: '2026-11-25T11:59:00Z', value: 1830 }
const paths = (r: ReturnType<typeof parse>) => (r.success ? [] : r.error.issues.map((i) => i.path.join('.')))

describe('SLI event batches', () => {
  it.each([
    ['a bare array', [item]],
    ['{"items": [...]}', { items: [item] }],
    ['{"events": [...]}', { events: [item] }],
  ])('accept %s', (_name, body) => {
    const r = parse(body)
    expect(r.success && r.data.items).toEqual([item])
  })

  it('name the item and field whatever the envelope', () => {
    expect(paths(parse([item, { ...item, value: 'x' }]))).toEqual(['items.1.value'])
    expect(paths(parse({ events: [item, item, { ...item, at: 'yesterday' }] }))).toEqual(['items.2.at'])
  })

  it('refuse timestamps more than 5 minutes ahead, and accept up to 5', () => {
    expect(paths(parse([{ ...item, at: '2026-11-25T12:05:01Z' }]))).toEqual(['items.0.at'])
    expect(parse([{ ...item, at: '2026-11-25T12:05:00Z' }]).success).toBe(true)
    expect(parse([{ ...item, at: '2026-11-25T13:04:00+01:00' }]).success).toBe(true)
  })

  it('take ratio items and keep the workflow', () => {
    const r = parse([{ sli: 'system_availability', service: 'ai-engine', workflow: 'emergency_triage', at: item.at, good: 995, total: 1000 }])
    expect(r.success).toBe(true)
  })
})

describe('SloDefinition', () => {
  it('fills the defaults and needs a threshold and comparator for threshold SLIs', () => {
    const d = SloDefinition.parse({ key: 'x', name: 'X', sli: 'system_availability', sliType: 'ratio', service: 'ai-engine', target: 0.999 })
    expect(d).toMatchObject({ windowKind: 'rolling', windowDays: 30, budgeting: 'occurrences', timesliceMinutes: 5, workflow: '', minEvents: 100 })
    const bad = SloDefinition.safeParse({ key: 'y', name: 'Y', sli: 'patient_response_time', sliType: 'threshold', service: 'ai-engine', target: 0.99 })
    expect(bad.success).toBe(false)
  })
})
