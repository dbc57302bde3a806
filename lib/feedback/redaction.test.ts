import { describe, expect, it } from 'vitest'
import { dedupTextOf, Redactor } from './redaction'

describe('Redactor: every free-text field redacted, counts per kind over all of them', () => {
  it('redacts the description and counts the kinds removed', () => {
    const r = new Redactor()
    const text = r.text('Sepsis score wrong for John Miller MRN 48213377, call 555-201-3344')
    expect(text).not.toMatch(/Miller|48213377|555-201-3344/)
    expect(text).toContain('[MRN]')
    expect(r.counts).toMatchObject({ mrn: 1, phone: 1 })
    expect(r.counts.name).toBeGreaterThanOrEqual(1)
  })

  it('adds up counts over several fields, coarse values cut and blank ones null', () => {
    const r = new Redactor()
    r.text('reach me at jane.doe@hospital.example')
    expect(r.coarse('ICU, ask jane.doe@hospital.example')).toBe('ICU, ask [EMAIL]')
    expect(r.coarse('  ')).toBeNull()
    expect(r.coarse(undefined)).toBeNull()
    expect(r.coarse('x'.repeat(200), 10)).toBe('x'.repeat(10))
    expect(r.counts).toEqual({ email: 2 })
    expect(r.total).toBe(2)
  })

  it('keeps flag keys and redacts variants', () => {
    const r = new Redactor()
    expect(r.variants({ 'sepsis-v2': 'on', 'note-ai': '48213377001' })).toEqual({ 'sepsis-v2': 'on', 'note-ai': '[NUMBER]' })
    expect(r.counts).toEqual({ number: 1 })
  })

  it('leaves text without identifiers alone and counts nothing', () => {
    const r = new Redactor()
    expect(r.text('Slow response time')).toBe('Slow response time')
    expect(r.counts).toEqual({})
  })
})

describe('dedupTextOf', () => {
  it.each([
    ['Score wrong for [NAME] [MRN], again', 'score wrong for , again'],
    ['  Slow\n\nSCREEN  ', 'slow screen'],
    ['[NAME] [NAME_2]', ''],
  ])('%j → %j', (input, out) => {
    expect(dedupTextOf(input)).toBe(out)
  })
})
