import { describe, expect, it } from 'vitest'
import { auditVerifyOutcome } from './audit-verify'

describe('auditVerifyOutcome', () => {
  it('is ok with the count when the chain is intact', () => {
    expect(auditVerifyOutcome({ ok: true, checked: 12 })).toEqual({ result: { ok: true, checked: 12 } })
  })

  it('fails naming the first broken entry', () => {
    const brokenAt = { id: '42', reason: 'row content does not match its hash' }
    const outcome = auditVerifyOutcome({ ok: false, checked: 41, brokenAt })
    expect(outcome.result).toEqual({ ok: false, checked: 41, brokenAt })
    expect(outcome.error).toBe('Audit chain is broken at entry 42: row content does not match its hash')
  })
})
