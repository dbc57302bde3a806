/**
 * One error shape for every route handler: `{ "error": { "code", "message", "fields"? } }`, the right
 * status, never a stack trace. Errors are mapped by code (or a driver error's kind), not by message text,
 * with one exception: `isDatabaseUnavailable` also matches three messages of node-postgres ("Connection
 * terminated…" from the client, "timeout exceeded when trying to connect" from pg-pool, "Client has
 * encountered a connection error and is not queryable" from a client whose socket broke), because pg
 * throws those as plain Errors with no code or kind to match instead.
 */
import { ZodError, type z } from 'zod'
import { logger } from '@/lib/logger'

export type FieldErrors = Record<string, string[]>

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
    readonly headers?: Record<string, string>,
  ) {
    super(message)
  }
}

export const badRequest = (message: string, fields?: FieldErrors) => new ApiError(400, 'bad_request', message, fields)
export const unauthorized = (message = 'Authentication required') => new ApiError(401, 'unauthorized', message)
export const forbidden = (message = 'You do not have permission to do this') => new ApiError(403, 'forbidden', message)
export const notFound = (message = 'Not found') => new ApiError(404, 'not_found', message)
export const conflict = (message: string, fields?: FieldErrors) => new ApiError(409, 'conflict', message, fields)
export const payloadTooLarge = (limit: number) =>
  new ApiError(413, 'payload_too_large', `Request body is larger than the limit of ${limit} bytes`)
export const unsupportedMediaType = (expected = 'application/json') =>
  new ApiError(415, 'unsupported_media_type', `Content-Type must be ${expected}`)
export const unprocessable = (message: string, fields?: FieldErrors) => new ApiError(422, 'invalid', message, fields)
export const tooManyRequests = (retryAfterSeconds: number, message = 'Too many requests; try again later') =>
  new ApiError(429, 'too_many_requests', message, undefined, { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) })
export const serviceUnavailable = (message = 'The database is unavailable; try again shortly', retryAfterSeconds = 5) =>
  new ApiError(503, 'unavailable', message, undefined, { 'Retry-After': String(retryAfterSeconds) })

/** Zod issues as `{ "items.3.value": ["Expected number"] }`. */
export function zodFields(error: ZodError): FieldErrors {
  const fields: FieldErrors = {}
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_'
    ;(fields[key] ??= []).push(issue.message)
  }
  return fields
}

export function invalid(error: ZodError, message = 'The request is invalid'): ApiError {
  const fields = zodFields(error)
  const first = Object.entries(fields)[0]
  return unprocessable(first ? `${message}: ${first[0]} — ${first[1][0]}` : message, fields)
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, message?: string): z.infer<S> {
  const result = schema.safeParse(value)
  if (!result.success) throw invalid(result.error, message)
  return result.data
}

/** Socket and Prisma codes that mean the database could not be reached or dropped the connection. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ENOENT', // Unix socket missing: the embedded database is not being served
  'ETIMEDOUT',
  'EPIPE',
  'P1001', // Prisma: can't reach database server
  'P1002',
  'P1017', // Prisma: server closed the connection
  'P2024', // Prisma: timed out fetching a connection from the pool
  // Driver adapter kinds (no code of their own)
  'DatabaseNotReachable',
  'SocketTimeout',
  'ConnectionClosed',
  'TooManyConnections',
])

/**
 * PostgreSQL SQLSTATEs of an unavailable server, by class: 08 connection exceptions, 53 insufficient
 * resources (53100 disk full, 53200 out of memory, 53300 too many connections), 57P01 admin shutdown
 * ("terminating connection due to administrator command"), 57P02 crash shutdown, 57P03 cannot connect now
 * ("the database system is starting up / shutting down / in recovery mode").
 */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|53[0-9A-Z]{3}|57P0[123])$/

/** node-postgres's own errors with no code (see the header): the message is all there is. */
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|encountered a connection error and is not queryable/i

function codesOf(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== 'object' || depth > 5) return []
  const e = err as { code?: unknown; cause?: unknown; originalCode?: unknown; kind?: unknown; errors?: unknown; meta?: unknown }
  const own = [e.code, e.originalCode, e.kind].filter((c): c is string => typeof c === 'string')
  const nested = Array.isArray(e.errors) ? e.errors.flatMap((x) => codesOf(x, depth + 1)) : []
  // Prisma wraps a driver error (P2039 "Database error", P2010 "Raw query failed") and keeps the driver
  // adapter's structured error, whose cause carries PostgreSQL's SQLSTATE, in meta.driverAdapterError.
  const adapter = (e.meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError
  return [...own, ...codesOf(e.cause, depth + 1), ...codesOf(adapter, depth + 1), ...nested]
}

function messagesOf(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== 'object' || depth > 5) return []
  const e = err as { message?: unknown; cause?: unknown }
  return [...(typeof e.message === 'string' ? [e.message] : []), ...messagesOf(e.cause, depth + 1)]
}

/**
 * Why the database is unavailable, as a code fit for a log line (`57P03`, `ECONNREFUSED`, `not_queryable`),
 * or null when the error is something else.
 */
export function databaseUnavailableCode(err: unknown): string | null {
  const codes = codesOf(err)
  const hit = codes.find((c) => CONNECTION_CODES.has(c) || UNAVAILABLE_SQLSTATE.test(c))
  if (hit) return hit
  return messagesOf(err).some((m) => UNAVAILABLE_MESSAGE.test(m)) ? 'connection_lost' : null
}

/** The log line's words for an unavailability code. */
export function unavailableReason(code: string): string {
  if (code === '53100') return 'the database disk is full'
  if (code === '53300' || code === 'TooManyConnections') return 'the database has no free connection'
  if (code === '57P01') return 'the database closed the connection (administrator command or shutdown)'
  if (code === '57P02' || code === '57P03') return 'the database is restarting'
  if (code.startsWith('53')) return 'the database is out of a resource'
  return 'the database cannot be reached'
}

export function isDatabaseUnavailable(err: unknown): boolean {
  return databaseUnavailableCode(err) !== null
}

export function prismaCode(err: unknown): string | undefined {
  return codesOf(err).find((c) => /^P\d{4}$/.test(c))
}

/** Maps any thrown value to an ApiError; unknown errors are logged with the request id and answered 500. */
export function toApiError(err: unknown, requestId?: string): ApiError {
  if (err instanceof ApiError) return err
  if (err instanceof ZodError) return invalid(err)
  const unavailable = databaseUnavailableCode(err)
  if (unavailable) {
    // Expected during a database restart or failover: a warning with the code, not an unhandled error.
    logger.warn({ code: unavailable, reason: unavailableReason(unavailable), requestId }, 'database unavailable; answered 503')
    return serviceUnavailable()
  }
  const code = prismaCode(err)
  if (code === 'P2002') return conflict('A record with the same unique value already exists')
  if (code === 'P2025') return notFound('The record does not exist')
  if (code === 'P2003') return conflict('The change refers to a record that does not exist')
  logger.error({ err: { name: (err as Error)?.name, code, stack: (err as Error)?.stack }, requestId }, 'unhandled error')
  return new ApiError(500, 'internal', `Something went wrong${requestId ? ` (request ${requestId})` : ''}`)
}

export function errorResponse(err: ApiError, requestId?: string): Response {
  const body = { error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } }
  return Response.json(body, {
    status: err.status,
    headers: { ...(err.headers ?? {}), ...(requestId ? { 'X-Request-Id': requestId } : {}) },
  })
}
