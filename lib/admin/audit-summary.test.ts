import { describe, expect, it } from 'vitest'
import { formatAuditSummary, formatAuditValue } from './audit-summary'

describe('formatAuditSummary', () => {
  it('shows changes as before → after and other fields as values', () => {
    expect(formatAuditSummary({ email: 'a@x', role: { from: 'ops', to: 'admin' }, scopes: ['read', 'sli:write'] })).toEqual([
      { kind: 'value', field: 'email', value: 'a@x' },
      { kind: 'change', field: 'role', from: 'ops', to: 'admin' },
      { kind: 'value', field: 'scopes', value: 'read, sli:write' },
    ])
  })

  it('handles empty, null and non-object summaries', () => {
    expect(formatAuditSummary(null)).toEqual([])
    expect(formatAuditSummary({})).toEqual([])
    expect(formatAuditSummary(3)).toEqual([{ kind: 'value', field: 'summary', value: '3' }])
  })

  it('does not take an object with more keys than from/to for a change', () => {
    expect(formatAuditSummary({ x: { from: 1, to: 2, by: 3 } })[0]?.kind).toBe('value')
  })
})

describe('formatAuditValue', () => {
  it.each([
    [null, '—'],
    [true, 'true'],
    [[], '(none)'],
    [{ a: 1 }, '{"a":1}'],
    ['x'.repeat(100), `${'x'.repeat(79)}…`],
  ])('%j → %s', (input, expected) => {
    expect(formatAuditValue(input)).toBe(expected)
  })
})
