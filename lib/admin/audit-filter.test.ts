import { describe, expect, it } from 'vitest'
import { auditHref, hasAuditFilter, parseAuditSearchParams, parseDay } from './audit-filter'

describe('parseDay', () => {
  it.each([
    ['2026-03-01', '2026-03-01T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2026-02-30', undefined],
    ['2026-3-1', undefined],
    ['yesterday', undefined],
  ])('%s → %s', (input, expected) => {
    expect(parseDay(input)?.toISOString()).toBe(expected)
  })
})

describe('parseAuditSearchParams', () => {
  it('turns URL values into a query, with `to` including its whole day', () => {
    const { query, invalid } = parseAuditSearchParams({
      actor: ' alice@x ',
      action: 'user.create',
      targetType: 'user',
      targetId: 'abc',
      from: '2026-03-01',
      to: '2026-03-02',
      cursor: '1234',
    })
    expect(invalid).toEqual([])
    expect(query).toEqual({
      limit: 50,
      actor: 'alice@x',
      action: 'user.create',
      targetType: 'user',
      targetId: 'abc',
      from: new Date('2026-03-01T00:00:00Z'),
      to: new Date('2026-03-03T00:00:00Z'),
      cursor: '1234',
    })
  })

  it('drops malformed values and names them', () => {
    const { query, invalid, values } = parseAuditSearchParams({
      action: "x' OR 1=1",
      from: '2026-03-05',
      to: '2026-03-01',
      cursor: '-1',
      actor: 'a'.repeat(201),
    })
    expect(query).toEqual({ limit: 50, from: new Date('2026-03-05T00:00:00Z') })
    expect(invalid.sort()).toEqual(['action', 'actor', 'cursor', 'to'])
    // The form shows what was typed, so it can be corrected.
    expect(values.to).toBe('2026-03-01')
  })

  it('takes the first of repeated parameters', () => {
    expect(parseAuditSearchParams({ action: ['a.b', 'c.d'] }).query.action).toBe('a.b')
  })

  it('refuses a cursor beyond a bigint', () => {
    expect(parseAuditSearchParams({ cursor: '99999999999999999999' }).invalid).toEqual(['cursor'])
  })
})

describe('auditHref', () => {
  const empty = { actor: '', action: '', targetType: '', targetId: '', from: '', to: '' }
  it('keeps only the set values and the cursor', () => {
    expect(auditHref(empty)).toBe('/admin/audit')
    expect(auditHref({ ...empty, action: 'user.create', actor: 'a b' }, '42')).toBe('/admin/audit?actor=a+b&action=user.create&cursor=42')
    expect(hasAuditFilter(empty)).toBe(false)
    expect(hasAuditFilter({ ...empty, from: '2026-01-01' })).toBe(true)
  })
})
