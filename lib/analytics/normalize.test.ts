import { describe, expect, it } from 'vitest'
import { redact } from '../phi/redact'
import { batchContext, normalizeEvent, type EventTypeRule, type NormalizeContext, type Registry } from './normalize'
import { pseudonymizer } from './pseudonym'
import { fromGuide, fromSegment, GuideEvent, SegmentMessage, type IncomingEvent } from './schema'

const now = new Date('2026-12-07T12:00:00.000Z')
const pseudonym = pseudonymizer(Buffer.from('test-analytics-key-0123456789'))
const registry: Registry = new Map<string, EventTypeRule>([
  ['diagnosis_completed', { status: 'registered', properties: { duration: 'number', outcome: 'string', ai_used: 'boolean' } }],
  ['odd_event', { status: 'quarantined', properties: { x: 'string' } }],
])
const ctx: NormalizeContext = { now, registry, pseudonym }
const guide = (e: Record<string, unknown>): IncomingEvent => fromGuide(GuideEvent.parse({ userId: 'user123', event: 'diagnosis_completed', ...e }))

function stored(e: IncomingEvent) {
  const n = normalizeEvent(e, ctx)
  if (!n.ok) throw new Error(n.message)
  return n
}

describe('normalizeEvent', () => {
  it('stores the guide example with a pseudonym, server time and the registered property', () => {
    const n = stored(guide({ sessionId: 'session456', metadata: { duration: 300 } }))
    expect(n).toEqual({
      ok: true,
      quarantined: false,
      dropped: 0,
      row: expect.objectContaining({
        occurredAt: now,
        userKey: pseudonym('user', 'user123'),
        clientSessionKey: pseudonym('session', 'session456'),
        type: 'track',
        event: 'diagnosis_completed',
        properties: { duration: 300 },
        messageId: null,
      }),
    })
    expect(JSON.stringify(n.row)).not.toContain('user123')
  })

  it('drops and counts properties the registry does not allow or whose type is wrong', () => {
    const n = stored(guide({ metadata: { duration: '300', outcome: 'confirmed', ai_used: true, patientName: 'Jane Roe', nested: { a: 1 } } }))
    expect(n.row.properties).toEqual({ outcome: 'confirmed', ai_used: true })
    expect(n.dropped).toBe(3)
  })

  it('redacts PHI in every string property it keeps', () => {
    const n = stored(guide({ metadata: { outcome: 'ruled out for patient John Smith, MRN 12345678' } }))
    expect(n.row.properties.outcome).not.toMatch(/John|Smith|12345678/)
    expect(n.row.properties.outcome).toContain('[NAME]')
  })

  it('refuses an event whose kept strings hold a NUL character (PostgreSQL stores none), naming the field', () => {
    expect(normalizeEvent(guide({ metadata: { outcome: 'a\u0000b' } }), ctx)).toEqual({ ok: false, code: 'invalid', message: 'property outcome: a NUL character (U+0000) cannot be stored' })
    expect(normalizeEvent(guide({ role: 'nurse\u0000' }), ctx)).toMatchObject({ ok: false, code: 'invalid', message: expect.stringMatching(/^role: /) })
    // Not kept, so not refused: an unregistered property, a quarantined event's properties.
    expect(normalizeEvent(guide({ metadata: { other: 'a\u0000b' } }), ctx)).toMatchObject({ ok: true, dropped: 1 })
  })

  it('quarantines unknown and quarantined events with no properties', () => {
    const unknown = stored(guide({ event: 'brand_new_event', metadata: { a: 'b', c: 1 } }))
    expect(unknown).toMatchObject({ quarantined: true, dropped: 2, row: { properties: {} } })
    expect(stored(guide({ event: 'odd_event', metadata: { x: 'y' } }))).toMatchObject({ quarantined: true, dropped: 1 })
  })

  it.each([
    ['2026-11-30T12:00:00.000Z', true, null], // exactly 7 days late
    ['2026-11-30T11:59:59.999Z', false, 'timestamp_too_old'],
    ['2026-12-07T12:05:00.000Z', true, null], // exactly 5 minutes ahead
    ['2026-12-07T12:05:00.001Z', false, 'timestamp_in_future'],
    ['2026-12-07T13:00:00+01:00', true, null], // noon UTC, written in +01:00
  ])('timestamp %s → accepted %s', (timestamp, ok, code) => {
    const n = normalizeEvent(guide({ timestamp }), ctx)
    expect(n.ok).toBe(ok)
    if (!n.ok) expect(n.code).toBe(code)
  })

  it('keeps only family and major version of the user agent, and no IP even when sent', () => {
    const m = SegmentMessage.parse({
      type: 'track',
      event: 'diagnosis_completed',
      anonymousId: 'anon-1',
      messageId: 'msg-1',
      context: { ip: '203.0.113.9', userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', department: 'Emergency', app: { version: '4.2.0' } },
      properties: { duration: 12 },
    })
    const n = stored(fromSegment(m))
    expect(n.row).toMatchObject({
      userKey: pseudonym('anonymous', 'anon-1'),
      anonymousKey: pseudonym('anonymous', 'anon-1'),
      messageId: pseudonym('message', 'msg-1'),
      uaFamily: 'Firefox',
      uaMajor: '133',
      department: 'Emergency',
      appVersion: '4.2.0',
    })
    expect(JSON.stringify(n.row)).not.toMatch(/203\.0\.113|Linux|anon-1|msg-1/)
  })

  it('stores Segment page as $page (name redacted) and identify as $identify without traits', () => {
    const page = stored(fromSegment(SegmentMessage.parse({ type: 'page', userId: 'u1', name: 'Chart of Jane Roe', properties: { url: 'https://x/patient/1' } })))
    expect(page.row).toMatchObject({ event: '$page', type: 'page', properties: { name: 'Chart of [NAME]' } })
    expect(page.dropped).toBe(1)
    const identify = stored(fromSegment(SegmentMessage.parse({ type: 'identify', userId: 'u1', traits: { email: 'jane@example.org' } })))
    expect(identify.row).toMatchObject({ event: '$identify', properties: {} })
    expect(JSON.stringify(identify.row)).not.toContain('jane')
  })

  it('batchContext: the same rows, each distinct string redacted and each user and session keyed once per batch', () => {
    const redacted: string[] = []
    const keyed: string[] = []
    const base: NormalizeContext = {
      now,
      registry,
      pseudonym: (kind, id) => (keyed.push(`${kind}:${id}`), pseudonym(kind, id)),
      redact: (text) => (redacted.push(text), redact(text)),
    }
    const events = [1, 2, 3].map((i) =>
      guide({ sessionId: 's1', messageId: `m${i}`, department: 'Emergency', metadata: { outcome: 'ruled out for patient John Smith', duration: i } }),
    )
    const batch = batchContext(base)
    expect(events.map((e) => normalizeEvent(e, batch))).toEqual(events.map((e) => normalizeEvent(e, { now, registry, pseudonym })))
    // Once per distinct string and id in the batch; message ids (unique per event) each time.
    expect(redacted).toEqual(['ruled out for patient John Smith', 'Emergency'])
    expect(keyed.sort()).toEqual(['message:m1', 'message:m2', 'message:m3', 'session:s1', 'user:user123'])
  })
})
