import { describe, expect, it } from 'vitest'
import { random } from './demo'
import { guideEventFast } from './guide-fast'
import { fromGuide, GuideEvent } from './schema'

/** What the fast path must agree with: the schema's answer, as ingest used it before the fast path. */
const slow = (item: unknown) => {
  const parsed = GuideEvent.safeParse(item)
  return parsed.success ? fromGuide(parsed.data) : null
}

/** Whatever the fast path accepts, the schema accepts with an equal event; a null sends the item to the schema. */
function agrees(item: unknown): 'fast' | 'schema' {
  const fast = guideEventFast(item)
  if (fast === null) return 'schema'
  expect(slow(item), JSON.stringify(item)).toEqual(fast)
  return 'fast'
}

const base = { userId: 'clin-42', event: 'diagnosis_completed' }

describe('guideEventFast', () => {
  it('takes the events clients send, with the same result as the schema', () => {
    const full = {
      userId: 'clin-emergency-12',
      sessionId: 'shift-12-4051',
      event: 'ai_suggestion_reviewed',
      metadata: { ai_model: 'dx-assist-2.3', duration: 312, decision: 'accepted', client_build: 'b17' },
      timestamp: '2026-12-07T11:59:00.000Z',
      messageId: 'run-1',
      site: 'North',
      department: 'Emergency',
      role: 'physician',
      appVersion: '4.2',
      userAgent: 'Mozilla/5.0 Chrome/131.0.0.0',
      extra: 'ignored, as the schema strips it',
    }
    expect(agrees(full)).toBe('fast')
    expect(agrees(base)).toBe('fast')
    expect(guideEventFast({ ...full, site: '  North ' })?.site).toBe('North')
  })

  it.each([
    ['a numeric userId (as String)', 'fast', { ...base, userId: 12345 }],
    ['userId -0', 'fast', { ...base, userId: -0 }],
    ['a numeric sessionId', 'fast', { ...base, sessionId: 7 }],
    ['a 256-unit userId', 'fast', { ...base, userId: 'u'.repeat(256) }],
    ['a 128-unit messageId', 'fast', { ...base, messageId: 'm'.repeat(128) }],
    ['a 64-unit property name', 'fast', { ...base, metadata: { ['p'.repeat(64)]: 1 } }],
    ['a padded dimension of 64 units inside', 'fast', { ...base, department: ` ${'d'.repeat(64)} ` }],
    ['a timestamp with an offset and a long fraction', 'fast', { ...base, timestamp: '2026-12-07T13:00:00.123456789+01:00' }],
    ['29 February of a leap year', 'fast', { ...base, timestamp: '2028-02-29T00:00:00Z' }],
    ['a 1024-unit user agent', 'fast', { ...base, userAgent: 'a'.repeat(1024) }],
    ['an empty user agent', 'fast', { ...base, userAgent: '' }],
    ['metadata with nested values', 'fast', { ...base, metadata: { a: { b: [1, 2] }, c: null } }],
    ['metadata without a prototype', 'fast', { ...base, metadata: Object.assign(Object.create(null) as object, { a: 1 }) }],
    ['an empty userId', 'schema', { ...base, userId: '' }],
    ['a 257-unit userId', 'schema', { ...base, userId: 'u'.repeat(257) }],
    ['a userId of NaN', 'schema', { ...base, userId: Number.NaN }],
    ['a userId of Infinity', 'schema', { ...base, userId: Number.POSITIVE_INFINITY }],
    ['no userId', 'schema', { event: 'e' }],
    ['a null sessionId', 'schema', { ...base, sessionId: null }],
    ['an event name with a space', 'schema', { ...base, event: 'has space' }],
    ['an event name of 81 characters', 'schema', { ...base, event: `e${'x'.repeat(80)}` }],
    ['an event name starting with a digit', 'schema', { ...base, event: '1st' }],
    ['metadata as an array', 'schema', { ...base, metadata: [1] }],
    ['a 65-unit property name', 'schema', { ...base, metadata: { ['p'.repeat(65)]: 1 } }],
    ['a __proto__ property (the schema drops it)', 'schema', { ...base, metadata: JSON.parse('{"__proto__":{"x":1},"a":1}') as unknown }],
    ['a timestamp without a zone', 'schema', { ...base, timestamp: '2026-12-07T12:00:00' }],
    ['30 February', 'schema', { ...base, timestamp: '2026-02-30T12:00:00Z' }],
    ['a timestamp as a number', 'schema', { ...base, timestamp: 1_765_108_800_000 }],
    ['an empty messageId', 'schema', { ...base, messageId: '' }],
    ['a 129-unit messageId', 'schema', { ...base, messageId: 'm'.repeat(129) }],
    ['a blank dimension', 'schema', { ...base, role: '   ' }],
    ['a 65-unit dimension', 'schema', { ...base, site: 's'.repeat(65) }],
    ['a numeric dimension', 'schema', { ...base, appVersion: 4.2 }],
    ['a 1025-unit user agent', 'schema', { ...base, userAgent: 'a'.repeat(1025) }],
    ['an array item', 'schema', [base]],
    ['a string item', 'schema', 'event'],
    ['null', 'schema', null],
  ])('%s → %s', (_name, path, item) => {
    expect(agrees(item)).toBe(path)
  })

  it('agrees with the schema on 2,000 generated items, near every limit', () => {
    const rnd = random(11)
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
    // n UTF-16 units (an emoji may be cut in half: a lone surrogate, which the schema counts as one unit).
    const text = (n: number) => Array.from({ length: n }, () => pick(['a', 'Z', '9', ' ', '-', 'é', '漢', '😀', '\t'])).join('').slice(0, n)
    const maybe = (v: () => unknown) => (rnd() < 0.5 ? undefined : v())
    /** Mostly a value the schema takes (limits included), sometimes one it refuses; each made afresh. */
    const mostly = (good: (() => unknown)[], bad: (() => unknown)[]) => () => (rnd() < 0.93 ? pick(good) : pick(bad))()
    const is = (v: unknown) => () => v
    const ids = mostly([() => text(1), () => text(256), is('clin-1'), is(42), is(-1.5), is(-0)], [() => text(257), is(''), is(Number.NaN), is(null), is(true), is({ a: 1 })])
    const dims = mostly([() => text(1), () => text(64), () => `  ${text(62)}  `, () => `${text(64)}\n`], [() => text(65), is('  '), is(''), is(7), is(null)])
    const times = mostly(
      [is('2026-12-07T12:00:00Z'), is('2026-12-07T12:00:00.5-03:30'), is('2028-02-29T23:59:59.999999+14:00')],
      [is('2026-12-07T24:00:00Z'), is('2026-12-07 12:00:00Z'), is('2026-13-01T00:00:00Z'), is('2026-12-07T12:00:00+1:00'), is('2027-02-29T00:00:00Z'), is(0)],
    )
    const metadata = mostly([() => ({}), () => ({ [text(64)]: text(3) }), () => ({ a: 1, b: 'x', c: true, d: null, e: [1] })], [() => ({ [text(65)]: 1 }), () => [], is('x'), is(null)])
    const events = mostly([is('diagnosis_completed'), is('$page'), is('a'), is(`e${'x'.repeat(79)}`), is('a.b:c-d')], [is(`e${'x'.repeat(80)}`), is('a b'), is(''), is('9a'), is(7)])
    let fast = 0
    for (let i = 0; i < 2000; i++) {
      const item: Record<string, unknown> = {
        userId: rnd() < 0.98 ? ids() : undefined,
        sessionId: maybe(ids),
        event: events(),
        metadata: maybe(metadata),
        timestamp: maybe(times),
        messageId: maybe(mostly([() => text(1), () => text(128)], [() => text(129), is(''), is(5)])),
        site: maybe(dims),
        department: maybe(dims),
        role: maybe(dims),
        appVersion: maybe(dims),
        userAgent: maybe(mostly([() => text(10), () => text(1024), is('')], [() => text(1025), is(3)])),
      }
      for (const k of Object.keys(item)) if (item[k] === undefined) delete item[k]
      if (agrees(item) === 'fast') fast++
    }
    // Not vacuous: both paths were taken many times.
    expect(fast).toBeGreaterThan(400)
    expect(fast).toBeLessThan(1600)
  }, 30_000)
})
