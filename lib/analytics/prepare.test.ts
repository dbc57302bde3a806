/**
 * Ingest's fast path against the path it replaced, on whole batches: `prepareBatch` (guide-fast.ts's
 * validation, batchContext's remembered redactions and pseudonyms, the one-shot HMAC, the COPY writer)
 * must give byte for byte the COPY body of the rows the schema, `normalizeEvent` with plain `redact` and
 * `createHmac` pseudonyms, and `eventsToCopyBinary` give, and the same refusals.
 */
import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { prepareBatch, type Rejection } from './commands'
import { eventsToCopyBinary } from './copy'
import { random } from './demo'
import { normalizeEvent, type EventRow, type EventTypeRule, type Registry } from './normalize'
import { pseudonymizer, type PseudonymKind } from './pseudonym'
import { fromGuide, GuideEvent } from './schema'

const key = Buffer.from('prepare-test-key-0123456789abcdef')
const PREFIX: Record<PseudonymKind, string> = { user: 'u_', anonymous: 'a_', session: 's_', message: 'm_', reporter: 'r_', browser: 'b_' }
const plainPseudonym = (kind: PseudonymKind, id: string) => PREFIX[kind] + createHmac('sha256', key).update(`${kind}\0${id}`).digest('base64url').slice(0, 22)
const now = new Date('2026-12-07T12:00:00.000Z')
const registry: Registry = new Map<string, EventTypeRule>([
  ['diagnosis_completed', { status: 'registered', properties: { duration: 'number', outcome: 'string', ai_used: 'boolean', note: 'string' } }],
  ['screen_viewed', { status: 'registered', properties: { screen: 'string' } }],
  ['odd_event', { status: 'quarantined', properties: { x: 'string' } }],
])

/** The path before the fast one: the schema for every item, no memory between items. */
function slowPath(items: unknown[], apiKeyId: string | null): { copy: Buffer | null; rejected: Rejection[]; rows: EventRow[] } {
  const rows: EventRow[] = []
  const rejected: Rejection[] = []
  items.forEach((item, index) => {
    const parsed = GuideEvent.safeParse(item)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      return rejected.push({ index, code: 'invalid', message: `${issue.path.length ? issue.path.join('.') : 'event'}: ${issue.message}` })
    }
    const n = normalizeEvent(fromGuide(parsed.data), { now, registry, pseudonym: plainPseudonym })
    if (!n.ok) return rejected.push({ index, code: n.code, message: n.message })
    rows.push(n.row)
  })
  return { copy: rows.length ? eventsToCopyBinary(rows, apiKeyId) : null, rejected, rows }
}

/** A batch as clinical apps send it, with PHI in free text, repeats, refusals and odd items mixed in. */
function batch(size: number, seed: number): unknown[] {
  const rnd = random(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const notes = ['ruled out for patient John Smith, MRN 12345678', 'call 555-123-4567', 'seen 03/14/2026', 'no findings', 'Jane Roe (DOB 1/2/1950)', 'ok']
  return Array.from({ length: size }, (_, i) => {
    const r = rnd()
    const at = new Date(now.getTime() - Math.floor(rnd() * 8 * 86_400_000) + 600_000).toISOString()
    const item: Record<string, unknown> = {
      userId: pick(['clin-1', 'clin-2', 'dr.smith@hospital.org', 42, 'clin-3']),
      sessionId: pick(['s-1', 's-2', 's-3', undefined]),
      event: pick(['diagnosis_completed', 'screen_viewed', 'odd_event', 'brand_new', '$page']),
      metadata: { duration: Math.floor(rnd() * 900), outcome: pick(['confirmed', 'provisional']), ai_used: rnd() < 0.5, note: pick(notes), screen: `ward-${i % 7}`, x: 'y', extra: 1 },
      timestamp: rnd() < 0.9 ? at : undefined,
      messageId: rnd() < 0.8 ? `m-${seed}-${i}` : undefined,
      site: pick(['North', ' South ', undefined]),
      department: pick(['Emergency', 'Dr Jane Roe ward', undefined]),
      role: pick(['physician', 'nurse']),
      appVersion: pick(['4.2', '4.1', undefined]),
      userAgent: pick(['Mozilla/5.0 (Windows NT 10.0) Chrome/131.0.0.0 Safari/537.36', 'okhttp/4.12.0', undefined]),
    }
    for (const k of Object.keys(item)) if (item[k] === undefined) delete item[k]
    if (r < 0.03) return { ...item, event: 'has space' }
    if (r < 0.05) return { ...item, userId: '' }
    if (r < 0.06) return 'not an event'
    if (r < 0.07) return { ...item, metadata: JSON.parse('{"__proto__":{"a":1},"note":"Jane Roe"}') as unknown }
    return item
  })
}

describe('prepareBatch (the ingest fast path)', () => {
  it.each([
    [1, 500, 'key-1'],
    [2, 2000, null],
    [3, 300, 'key-2'],
  ])('seed %i: %i items give the same COPY body and refusals as the schema and plain normalisation', (seed, size, apiKeyId) => {
    const items = batch(size, seed)
    const slow = slowPath(items, apiKeyId)
    const fast = prepareBatch(items, 'guide', { now, registry, pseudonym: pseudonymizer(key) }, apiKeyId)
    expect(fast.rejected).toEqual(slow.rejected)
    expect(fast.count).toBe(slow.rows.length)
    expect(fast.copy!.equals(slow.copy!)).toBe(true)
    // Not vacuous: refusals of every kind, PHI redacted, retries' keys present.
    expect(slow.rejected.map((r) => r.code)).toEqual(expect.arrayContaining(['invalid', 'timestamp_too_old']))
    expect(slow.rows.some((r) => r.properties.note === 'ruled out for patient [NAME], [MRN]')).toBe(true)
    expect(fast.copy!.toString('latin1')).not.toMatch(/Jane|Smith|12345678|555-123/)
    expect(fast.withMessageIds).toBe(slow.rows.some((r) => r.messageId !== null))
  })

  it('keeps the bookkeeping of the path before: registered events, quarantined count, dropped properties, months', () => {
    const items = batch(1000, 4)
    const slow = slowPath(items, null)
    const fast = prepareBatch(items, 'guide', { now, registry, pseudonym: pseudonymizer(key) }, null)
    expect(fast.quarantined).toBe(slow.rows.filter((r) => ['odd_event', 'brand_new'].includes(r.event)).length)
    expect(fast.events).toEqual([...new Set(slow.rows.map((r) => r.event).filter((e) => e === 'diagnosis_completed' || e === 'screen_viewed' || e === '$page'))])
    expect(fast.touches.map((t) => t.name).sort()).toEqual(['$page', 'brand_new', 'diagnosis_completed', 'odd_event', 'screen_viewed'])
    expect(fast.months.map((m) => m.getUTCMonth()).sort()).toEqual([10, 11])
  })
})
