import { describe, expect, it } from 'vitest'
import { explainJobError, type JobErrorKind } from './explain-error'
import { errorMessage } from './format'

describe('explainJobError', () => {
  it.each<[string, JobErrorKind, RegExp]>([
    // Stored by errorMessage with the code: mapped by the code.
    ['PrismaClientKnownRequestError (P2028): Transaction already closed: A commit cannot be executed on an expired transaction.', 'database-busy', /too busy.*next run usually succeeds/],
    ['PrismaClientKnownRequestError (P1001): Can’t reach the server', 'database-unreachable', /could not reach the database/],
    ['PrismaClientKnownRequestError (P2024): Timed out fetching a new connection from the connection pool.', 'database-unreachable', /free connections/],
    ['Error (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:5432', 'database-unreachable', /could not reach the database/],
    ['Error (57P01): terminating connection due to administrator command', 'database-unreachable', /could not reach the database/],
    ['Error (53100): could not extend file', 'database-full', /disk is full/],
    ['PrismaClientKnownRequestError (P2034): Transaction failed due to a write conflict or a deadlock. Please retry your transaction', 'conflict', /rolled back; nothing was lost/],
    ['PrismaClientKnownRequestError (P2002): Unique constraint failed on the fields: (`id`)', 'duplicate', /already exists/],
    // Older rows, stored without a code: Prisma's and node-postgres's fixed wording.
    ['PrismaClientKnownRequestError: Transaction API error: Transaction already closed: A commit cannot be executed on an expired transaction.', 'database-busy', /too busy/],
    ['PrismaClientKnownRequestError: Unable to start a transaction in the given time.', 'database-busy', /too busy/],
    ['Unique constraint failed on the fields: (`job`)', 'duplicate', /already exists/],
    ['Connection terminated unexpectedly', 'database-unreachable', /could not reach the database/],
    ['PrismaClientKnownRequestError: Transaction failed due to a write conflict or a deadlock. Please retry your transaction', 'conflict', /collided/],
    // Wardroom's own failures.
    ['lease lost: the lease expired before it was renewed and another run took the job over', 'lease-lost', /CPU and memory/],
    ['Audit chain is broken at entry 1042 (hash): the stored hash does not match', 'audit-broken', /possible tampering/],
    ['TypeError: fetch failed', 'outside-service', /outside Wardroom did not answer/],
    ['SecretKeyMissingError: Channel secrets cannot be stored or read: set WARDROOM_SECRET (or NEXTAUTH_SECRET) to at least 16 characters and restart Wardroom.', 'configuration', /missing a setting/],
    // Anything else: still a sentence, never the raw text.
    ['TypeError: Cannot read properties of undefined (reading "id")', 'unknown', /does not recognise/],
    ['', 'unknown', /does not recognise/],
  ])('%s → %s', (error, kind, sentence) => {
    const explained = explainJobError(error)
    expect(explained.kind).toBe(kind)
    expect(explained.sentence).toMatch(sentence)
    expect(explained.sentence).not.toMatch(/Prisma|P\d{4}|ECONN|undefined/)
  })

  it('says how long the run was allowed to take', () => {
    expect(explainJobError('timeout: the run exceeded 300 s')).toEqual({
      kind: 'timeout',
      sentence:
        'The run took longer than its 300-second limit and was stopped. If this repeats, the job has more to do than fits in one run: check the database’s load and how much work is waiting.',
    })
  })

  it('counts the SLOs that could not be evaluated', () => {
    expect(explainJobError('1 SLO(s) could not be evaluated').sentence).toMatch(/^One service level objective could not be evaluated; the others were\./)
    expect(explainJobError('3 SLO(s) could not be evaluated').sentence).toMatch(/^3 service level objectives could not be evaluated/)
  })

  it('maps what errorMessage stores for a Prisma error by its code, whatever the message says', () => {
    const err = Object.assign(new Error('something new in Prisma 8'), { name: 'PrismaClientKnownRequestError', code: 'P2028' })
    expect(explainJobError(errorMessage(err)).kind).toBe('database-busy')
  })

  it('treats null and undefined as an unknown error', () => {
    expect(explainJobError(null).kind).toBe('unknown')
    expect(explainJobError(undefined).kind).toBe('unknown')
  })
})
