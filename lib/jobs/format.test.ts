import { describe, expect, it } from 'vitest'
import { displayStatus, errorMessage, formatResult, MAX_ERROR_LENGTH, toResultJson } from './format'
import { JobFailure } from './types'

describe('errorMessage', () => {
  it('keeps the message of an Error without its stack', () => {
    const err = new Error('connection refused')
    expect(errorMessage(err)).toBe('connection refused')
    expect(errorMessage(err)).not.toContain('at ')
  })

  it('names non-generic error classes, but not JobFailure', () => {
    expect(errorMessage(new TypeError('x is not a function'))).toBe('TypeError: x is not a function')
    expect(errorMessage(new JobFailure('chain broken', {}))).toBe('chain broken')
  })

  it('keeps the first line of a multi-line message', () => {
    expect(errorMessage(new Error('first line\nsecond line'))).toBe('first line')
  })

  it('keeps the reason (last line) of a Prisma invocation error, not the code excerpt', () => {
    const err = new Error('\nInvalid `db.jobRun.create()` invocation in\n/app/lib/x.ts:3:1\n\n→ 3 db.jobRun.create(\nUnique constraint failed on the fields: (`id`)')
    expect(errorMessage(err)).toBe('Unique constraint failed on the fields: (`id`)')
  })

  it('truncates long messages', () => {
    const text = errorMessage(new Error('x'.repeat(2000)))
    expect(text).toHaveLength(MAX_ERROR_LENGTH)
    expect(text.endsWith('…')).toBe(true)
  })

  it('names the code of a Prisma error, so the admin page can map it to words', () => {
    const err = Object.assign(new Error('Transaction already closed: the timeout for this transaction was 5000 ms'), {
      name: 'PrismaClientKnownRequestError',
      code: 'P2028',
    })
    expect(errorMessage(err)).toBe('PrismaClientKnownRequestError (P2028): Transaction already closed: the timeout for this transaction was 5000 ms')
  })

  it('names a system or PostgreSQL code, also from the cause', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
    expect(errorMessage(refused)).toBe('Error (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:5432')
    const wrapped = new Error('query failed', { cause: Object.assign(new Error('terminating connection'), { code: '57P01' }) })
    expect(errorMessage(wrapped)).toBe('Error (57P01): query failed')
    // Codes that are not a system or SQLSTATE code are left out.
    expect(errorMessage(Object.assign(new Error('bad'), { code: 'not_a_code' }))).toBe('bad')
  })

  it('handles thrown non-errors', () => {
    expect(errorMessage('plain string')).toBe('plain string')
    expect(errorMessage({ weird: true })).toBe('Unknown error')
    expect(errorMessage(new Error(''))).toBe('Unknown error')
  })
})

describe('toResultJson', () => {
  it('turns bigints into numbers (or strings when too large) and dates into ISO strings', () => {
    const at = new Date('2026-01-02T03:04:05.000Z')
    expect(toResultJson({ n: 3n, huge: 2n ** 70n, at, nested: { list: [1n] }, gone: undefined })).toEqual({
      n: 3,
      huge: (2n ** 70n).toString(),
      at: '2026-01-02T03:04:05.000Z',
      nested: { list: [1] },
    })
  })
})

describe('formatResult', () => {
  it.each([
    [{ loginAttempts: 3, jobRuns: 0 }, 'login attempts 3 · job runs 0'],
    [{ ok: true, checked: 12 }, 'ok yes · checked 12'],
    [{ brokenAt: { id: '7' } }, 'broken at (id 7)'],
    // The sli-rollup's bookkeeping, once shown as raw JSON.
    [{ events: 1234, watermark: { event: '140', probe: '0' } }, 'events 1,234 · watermark (event 140, probe 0)'],
    [{ sent: [], channels: ['email', 'slack'], ids: ['a', 'b', 'c', 'd'] }, 'sent none · channels email, slack · ids 4 items'],
    [{ checkpoints: { warnings: ['x'], nested: { deep: 1 } } }, 'checkpoints (warnings 1 items, nested …)'],
    [{ missing: null }, 'missing —'],
    [null, ''],
    [undefined, ''],
    [42, '42'],
  ])('%j → %s', (result, text) => {
    expect(formatResult(result)).toBe(text)
  })

  it('truncates long summaries', () => {
    expect(formatResult({ a: 'x'.repeat(500) }, 20)).toHaveLength(20)
  })
})

describe('displayStatus', () => {
  const now = new Date('2026-01-01T12:00:00Z')
  const ago = (s: number) => new Date(now.getTime() - s * 1000)
  it('shows a run still marked running past its timeout and one more lease as interrupted', () => {
    expect(displayStatus({ status: 'running', startedAt: ago(361) }, 300 + 60, now)).toBe('interrupted')
    expect(displayStatus({ status: 'running', startedAt: ago(200) }, 300 + 60, now)).toBe('running')
    expect(displayStatus({ status: 'ok', startedAt: ago(10_000) }, 300 + 60, now)).toBe('ok')
  })
})
