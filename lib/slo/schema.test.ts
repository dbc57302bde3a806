import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { batchEnvelope, canonicalSliEvents, itemShapeProblem, parseSliEventBatch, SloDefinition, sliEventBatch, timestampProblem, timestampWindow } from './schema'

const now = new Date('2026-11-25T12:00:00Z')
const parse = (body: unknown) => parseSliEventBatch(body, now)
const fullSchema = z.preprocess(batchEnvelope, sliEventBatch(now))
const full = (body: unknown) => fullSchema.safeParse(body)
const item = { sli: 'patient_response_time', service: 'ai-engine', at: '2026-11-25T11:59:00Z', value: 1830 }
const ratio = { sli: 'system_availability', service: 'ai-engine', workflow: 'emergency_triage', at: item.at, good: 995, total: 1000 }
const paths = (r: ReturnType<typeof parse>) => (r.success ? [] : r.error.issues.map((i) => i.path.join('.')))
/** What a route answers from a result: the items, or each issue's path and message in order. */
const answer = (r: ReturnType<typeof parse>) => (r.success ? { items: r.data.items } : { issues: r.error.issues.map((i) => [i.path.join('.'), i.message]) })

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

  it('refuse UTC offsets PostgreSQL cannot store (beyond ±15:59), which the ISO format allows', () => {
    expect(answer(parse([item, { ...item, at: '2026-11-26T04:00:00+16:00' }]))).toEqual({ issues: [['items.1.at', 'Use a UTC offset between -15:59 and +15:59']] })
    expect(paths(parse([{ ...item, at: '2026-11-24T20:00:00-23:59' }]))).toEqual(['items.0.at'])
    expect(parse([{ ...item, at: '2026-11-26T03:58:00+15:59' }]).success).toBe(true)
    expect(parse([{ ...item, at: '2026-11-24T20:00:00-15:59' }]).success).toBe(true)
  })

  it('take ratio items and keep the workflow', () => {
    const r = parse([ratio])
    expect(r.success && r.data.items).toEqual([ratio])
  })

  it('trim names and lower-case service keys, as the full schema does', () => {
    const r = parse([{ ...item, sli: ' patient_response_time ', service: 'AI-Engine', workflow: 'emergency_triage ' }])
    expect(r.success && r.data.items).toEqual([{ ...item, workflow: 'emergency_triage' }])
  })
})

describe('canonicalSliEvents (the fast path)', () => {
  it('takes batches in the form clients send: either envelope, value and ratio items', () => {
    expect(canonicalSliEvents([item, ratio], now)).toEqual([item, ratio])
    expect(canonicalSliEvents({ events: [item] }, now)).toEqual([item])
    expect(canonicalSliEvents([{ ...item, at: '2026-11-25T13:04:59.999999+01:00', value: -0.5 }], now)).not.toBeNull()
    expect(canonicalSliEvents([{ ...ratio, good: 0, total: 2_147_483_647 }], now)).not.toBeNull()
  })

  it.each([
    ['a padded name', { ...item, sli: ' patient_response_time' }],
    ['an upper-case service key', { ...item, service: 'AI-engine' }],
    ['a name of 65 characters', { ...item, sli: 'a'.repeat(65) }],
    ['an empty workflow', { ...item, workflow: '' }],
    ['a value and counts', { ...item, good: 1, total: 1 }],
    ['no value and no counts', { ...item, value: undefined }],
    ['good without total', { ...ratio, total: undefined }],
    ['total without good', { ...ratio, good: undefined }],
    ['good above total', { ...ratio, good: 1001 }],
    ['a fractional count', { ...ratio, good: 1.5 }],
    ['a negative count', { ...ratio, good: -1 }],
    ['a count above PostgreSQL integer', { ...ratio, good: 1, total: 2_147_483_648 }],
    ['a timestamp without offset', { ...item, at: '2026-11-25T11:59:00' }],
    ['a timestamp 5 minutes and 1 ms ahead', { ...item, at: '2026-11-25T12:05:00.001Z' }],
    ['a timestamp older than 395 days', { ...item, at: '2025-10-25T11:59:59Z' }],
    ['an offset of 16 hours', { ...item, at: '2026-11-26T04:00:00+16:00' }],
    ['an unknown field', { ...item, patientId: 'x' }],
  ])('leaves %s to the full schema', (_name, bad) => {
    expect(canonicalSliEvents([item, bad], now)).toBeNull()
  })

  it('leaves empty and oversized batches, and bodies without items, to the full schema', () => {
    expect(canonicalSliEvents([], now)).toBeNull()
    expect(canonicalSliEvents(Array.from({ length: 10_001 }, () => item), now)).toBeNull()
    expect(canonicalSliEvents({ data: [item] }, now)).toBeNull()
    expect(canonicalSliEvents('x', now)).toBeNull()
  })
})

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('parseSliEventBatch', () => {
  // Each field drawn from values the two paths treat alike or not: canonical, lenient, refused, absent.
  const CHOICES: Record<string, unknown[]> = {
    sli: ['patient_response_time', 'a', 'a'.repeat(64), 'a'.repeat(65), ' padded ', 'Upper', '', 'tab\there', 7, undefined],
    service: ['ai-engine', '0svc', 'AI-Engine', ' svc ', '-x', '', 's'.repeat(65), null, undefined],
    workflow: ['emergency_triage', ' triage', 'Triage', '', undefined, undefined, undefined],
    at: ['2026-11-25T11:59:00Z', '2026-11-25T11:59:00.123456+01:00', '2026-11-25T12:05:00Z', '2026-11-25T12:05:00.001Z', '2025-10-26T12:00:00Z', '2025-10-26T11:59:59.999Z', '2026-11-26T04:00:00+16:00', '2026-11-25T03:59:00-08:00', '2026-02-29T00:00:00Z', '2026-11-25', 'yesterday', 5],
    value: [1830, -0.5, 0, 1e300, '1', null, undefined, undefined, undefined],
    good: [0, 995, 1000, 1001, 1.5, -1, 2_147_483_648, undefined, undefined, undefined],
    total: [1000, 0, 2_147_483_647, 2_147_483_648, 3.5, '1000', undefined, undefined, undefined],
    extra: [undefined, undefined, undefined, undefined, undefined, undefined, undefined, 'x'],
  }

  it('answers as the full schema does, item for item and issue for issue (1,000 random batches)', () => {
    const next = random(17)
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!
    // A well-formed item with none, one or two fields replaced (undefined: left out), so that each case
    // meets the others well-formed, and batches of several items are often accepted.
    const makeItem = () => {
      const out: Record<string, unknown> = { ...pick([item, ratio, { ...ratio, workflow: undefined }, { ...item, at: '2026-11-25T06:59:00-05:00' }]) }
      for (let k = Math.floor(next() * 3); k > 0; k--) {
        const [field, xs] = pick(Object.entries(CHOICES))
        const v = pick(xs)
        if (v === undefined) delete out[field]
        else out[field] = v
      }
      return out
    }
    let accepted = 0
    for (let n = 0; n < 1000; n++) {
      const items = Array.from({ length: 1 + Math.floor(next() * 4) }, makeItem)
      const body = pick<unknown>([items, { items }, { events: items }])
      const r = parse(body)
      if (r.success) accepted++
      expect(answer(r), JSON.stringify(body)).toEqual(answer(full(body)))
    }
    expect(accepted).toBeGreaterThan(100)
  })
})

describe('itemShapeProblem', () => {
  it.each([
    [{ value: 1 }, null],
    [{ good: 0, total: 0 }, null],
    [{ good: 3, total: 3 }, null],
    [{ value: 1, good: 1, total: 1 }, { field: 'value', message: 'Send either value, or good and total, not both' }],
    [{ value: 1, total: 1 }, { field: 'value', message: 'Send either value, or good and total, not both' }],
    [{}, { field: 'value', message: 'Send a value, or good and total' }],
    [{ good: 3 }, { field: 'total', message: 'total is required with good' }],
    [{ total: 3 }, { field: 'good', message: 'good is required with total' }],
    [{ good: 5, total: 3 }, { field: 'good', message: 'good cannot exceed total' }],
  ])('%j → %j', (input, expected) => {
    expect(itemShapeProblem(input)).toEqual(expected)
  })
})

describe('timestampProblem', () => {
  const window = timestampWindow(now)
  it.each([
    ['2026-11-25T12:00:00Z', null],
    ['2026-11-25T12:05:00Z', null],
    ['2026-11-25T13:05:00+01:00', null],
    ['2025-10-26T12:00:00Z', null],
    ['2026-11-25T12:05:00.001Z', 'More than 5 minutes in the future'],
    ['2026-11-25T12:00:00-00:06', 'More than 5 minutes in the future'],
    ['2025-10-26T11:59:59.999Z', 'Older than 395 days (rollup retention)'],
    ['2026-11-26T03:59:00+15:59', null],
    ['2026-11-26T04:00:00+16:00', 'Use a UTC offset between -15:59 and +15:59'],
    ['2026-11-24T12:01:00-23:59', 'Use a UTC offset between -15:59 and +15:59'],
  ])('%s → %s', (at, expected) => {
    expect(timestampProblem(at, window)).toBe(expected)
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
