import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import pg from 'pg'
import { Prisma } from '@/lib/generated/prisma/client'
import { ApiError, databaseUnavailableCode, errorResponse, isDatabaseUnavailable, toApiError, unavailableReason, zodFields } from '@/lib/errors'

/** A PostgreSQL error exactly as node-postgres builds it from the server's ErrorResponse. */
function pgError(code: string, message: string): pg.DatabaseError {
  const e = new pg.DatabaseError(message, message.length, 'error')
  e.code = code
  e.severity = 'FATAL'
  return e
}

/**
 * What Prisma 7 throws when the pg driver adapter reports it (seen on a real server stopped under load):
 * P2039 for model queries, P2010 for raw ones, PostgreSQL's code only in the message text and in the
 * adapter's structured error under meta.driverAdapterError.
 */
function prismaWrapped(prismaCode: 'P2039' | 'P2010', sqlstate: string, message: string): Error {
  const adapterError = Object.assign(new Error(message), {
    name: 'DriverAdapterError',
    cause: { kind: 'postgres', code: sqlstate, originalCode: sqlstate, originalMessage: message, severity: 'FATAL', message },
  })
  return new Prisma.PrismaClientKnownRequestError(`Database error. Code: \`${sqlstate}\`. Message: \`${message}\``, {
    code: prismaCode,
    clientVersion: Prisma.prismaVersion.client,
    meta: { driverAdapterError: adapterError },
  })
}

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

  it.each([
    // [error, the code the log line names]
    [prismaWrapped('P2039', '57P03', 'the database system is shutting down'), '57P03'],
    [prismaWrapped('P2039', '57P03', 'the database system is starting up'), '57P03'],
    [prismaWrapped('P2010', '57P01', 'terminating connection due to administrator command'), '57P01'],
    [prismaWrapped('P2039', '57P02', 'terminating connection because of crash of another server process'), '57P02'],
    [prismaWrapped('P2039', '53300', 'sorry, too many clients already'), '53300'],
    [prismaWrapped('P2039', '53100', 'could not extend file: No space left on device'), '53100'],
    [prismaWrapped('P2039', '08006', 'connection failure'), '08006'],
    [pgError('57P01', 'terminating connection due to administrator command'), '57P01'],
    [Object.assign(new Error('wrapped'), { cause: pgError('57P03', 'the database system is in recovery mode') }), '57P03'],
    [new Error('Client has encountered a connection error and is not queryable'), 'connection_lost'],
    [Object.assign(new Error('connect ENOENT /data/run/.s.PGSQL.5432'), { code: 'ENOENT' }), 'ENOENT'],
  ])('classifies a driver error by its SQLSTATE, wherever Prisma put it (%#)', (err, code) => {
    expect(databaseUnavailableCode(err)).toBe(code)
    const mapped = toApiError(err)
    expect(mapped.status).toBe(503)
    expect(mapped.headers?.['Retry-After']).toBeDefined()
  })

  it('says in words why the database is unavailable', () => {
    expect(['53100', '53300', '57P01', '57P03', '53200', 'ECONNREFUSED'].map((c) => unavailableReason(c))).toEqual([
      'the database disk is full',
      'the database has no free connection',
      'the database closed the connection (administrator command or shutdown)',
      'the database is restarting',
      'the database is out of a resource',
      'the database cannot be reached',
    ])
  })

  it.each([
    prismaWrapped('P2039', '42P01', 'relation "x" does not exist'),
    prismaWrapped('P2010', '22P02', 'invalid input syntax for type uuid'),
    pgError('40001', 'could not serialize access due to concurrent update'),
  ])('leaves other database errors alone (%#)', (err) => {
    expect(databaseUnavailableCode(err)).toBeNull()
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
