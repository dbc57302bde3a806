import { describe, expect, it } from 'vitest'
import { auditVerifyOutcome } from './audit-verify'

describe('auditVerifyOutcome', () => {
  it('is ok with the count when the chain is intact', () => {
    expect(auditVerifyOutcome({ ok: true, checked: 12 })).toEqual({ result: { ok: true, checked: 12 } })
  })

  it('fails naming the first broken entry', () => {
    const brokenAt = { id: '42', reason: 'row content does not match its hash', kind: 'content' as const }
    const outcome = auditVerifyOutcome({ ok: false, checked: 41, brokenAt })
    expect(outcome.result).toEqual({ ok: false, checked: 41, brokenAt })
    expect(outcome.error).toBe('Audit chain is broken at entry 42 (content): row content does not match its hash')
  })

  it('names a truncation found through the checkpoints and keeps their summary', () => {
    const brokenAt = { id: '900', reason: 'checkpointed rows are missing', kind: 'truncated' as const }
    const checkpoints = { verified: 0, source: 'file+table' as const, warnings: [] }
    const outcome = auditVerifyOutcome({ ok: false, checked: 0, brokenAt, checkpoints })
    expect(outcome.result).toEqual({ ok: false, checked: 0, brokenAt, checkpoints })
    expect(outcome.error).toBe('Audit chain is broken at entry 900 (truncated): checkpointed rows are missing')
  })
})
