import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ApiError, errorResponse, isDatabaseUnavailable, toApiError, zodFields } from '@/lib/errors'

describe('error mapping', () => {
  it('names each invalid field by its path', () => {
    const schema = z.object({ items: z.array(z.object({ value: z.number() })) })
    const r = schema.safeParse({ items: [{ value: 1 }, { value: 'x' }] })
    expect(r.success).toBe(false)
    if (!r.success) expect(Object.keys(zodFields(r.error))).toEqual(['items.1.value'])
  })

  it.each([
    [Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), true],
    [Object.assign(new Error('x'), { cause: { code: '57P01' } }), true],
    [Object.assign(new Error('x'), { code: 'P1001' }), true],
    [new Error('Connection terminated unexpectedly'), true],
    [Object.assign(new Error('dup'), { code: 'P2002' }), false],
    [new Error('boom'), false],
  ])('recognises database outages (%#)', (err, expected) => {
    expect(isDatabaseUnavailable(err)).toBe(expected)
  })

  it('maps errors by code to statuses', () => {
    expect(toApiError(Object.assign(new Error(''), { code: 'P2002' })).status).toBe(409)
    expect(toApiError(Object.assign(new Error(''), { code: 'P2025' })).status).toBe(404)
    const outage = toApiError(Object.assign(new Error(''), { code: 'ECONNREFUSED' }))
    expect(outage.status).toBe(503)
    expect(outage.headers?.['Retry-After']).toBe('5')
    const unknown = toApiError(new Error('secret internals'), 'req-1')
    expect(unknown.status).toBe(500)
    expect(unknown.message).not.toContain('secret internals')
  })

  it('answers in one JSON shape', async () => {
    const res = errorResponse(new ApiError(422, 'invalid', 'Bad', { a: ['x'] }), 'rid')
    expect(res.status).toBe(422)
    expect(res.headers.get('x-request-id')).toBe('rid')
    expect(await res.json()).toEqual({ error: { code: 'invalid', message: 'Bad', fields: { a: ['x'] } } })
  })
})
