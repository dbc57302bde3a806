import { describe, expect, it } from 'vitest'
import { redact } from '../phi/redact'
import { MAX_INPUT, redactionCache } from './redaction-cache'

const SAMPLES = [
  'confirmed',
  'ruled out for patient John Smith, MRN 12345678',
  'call 555-123-4567',
  'Jane Roe (DOB 1/2/1950)',
  'orders/ward-12/panel-3',
  'Emergency',
  '',
  ' ',
  'Zürich 漢字 😀',
]

describe('redactionCache', () => {
  it('answers what redact answers, first time and every time after', () => {
    const cached = redactionCache()
    for (let round = 0; round < 3; round++) for (const s of SAMPLES) expect(cached(s)).toBe(redact(s))
    expect(cached('ruled out for patient John Smith, MRN 12345678')).toBe('ruled out for patient [NAME], [MRN]')
  })

  it('redacts each distinct string once, and keeps no text a client sent', () => {
    const calls: string[] = []
    const cached = redactionCache(1000, (s) => {
      calls.push(s)
      return redact(s)
    })
    for (let round = 0; round < 5; round++) for (const s of SAMPLES) cached(s)
    expect(calls).toEqual(SAMPLES)
    expect(cached.size).toBe(SAMPLES.length)
    // What it holds: a digest of each input and its redacted text, never an input with PHI in it.
    const held = cached.entries()
    for (const [digest] of held) expect(digest).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(new Set(held.map(([, text]) => text))).toEqual(new Set(SAMPLES.map(redact)))
    expect(JSON.stringify(held)).not.toMatch(/John|12345678|555-123|Jane/)
  })

  it('redacts long free text every time (it rarely repeats) and stays within its bound', () => {
    const calls: string[] = []
    const cached = redactionCache(100, (s) => {
      calls.push(s)
      return redact(s)
    })
    const long = `note ${'x'.repeat(MAX_INPUT)} for Jane Roe`
    expect(cached(long)).toBe(redact(long))
    expect(cached(long)).toBe(redact(long))
    expect(calls.filter((c) => c === long)).toHaveLength(2)
    for (let i = 0; i < 1000; i++) expect(cached(`ward-${i}`)).toBe(redact(`ward-${i}`))
    expect(cached.size).toBeLessThanOrEqual(100)
    // The newest are still held: asking again redacts nothing.
    const before = calls.length
    cached('ward-999')
    expect(calls.length).toBe(before)
  })
})
