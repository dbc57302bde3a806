/**
 * The OpenFeature Remote Evaluation Protocol (OFREP, open-feature/protocol service/openapi.yaml) over the
 * flag snapshot: request parsing, response bodies and status codes in the protocol's own shapes.
 *   single  200 { key, value, reason, variant, metadata }
 *           400 { key, errorCode: PARSE_ERROR | TARGETING_KEY_MISSING | INVALID_CONTEXT | GENERAL, errorDetails }
 *           404 { key, errorCode: FLAG_NOT_FOUND, errorDetails }
 *   bulk    200 { flags: [success | failure…], refreshConnections?: [{ type: "sse", url, inactivityDelaySec }] }
 *           with ETag; 304 when If-None-Match matches (refreshConnections: change-stream.ts, ADR-0008);
 *           400 { errorCode, errorDetails }
 *   errors outside evaluation (401, 403, 5xx)  { errorDetails } (generalErrorResponse)
 */
import { ApiError } from '@/lib/errors'
import { rawResponse, readBody } from '../http/route'
import { evaluateFlag, type EvaluationResult, type FlagConfig } from './evaluate'
import { countEvaluation } from './stats-counter'
import { bulkEtag, environmentOf, getSnapshot } from './snapshot'

export type OfrepErrorCode = 'PARSE_ERROR' | 'TARGETING_KEY_MISSING' | 'INVALID_CONTEXT' | 'GENERAL' | 'FLAG_NOT_FOUND'

export const OFREP_JSON = { 'Content-Type': 'application/json' }

/** generalErrorResponse, for errors raised before evaluation (authentication, authorisation, 5xx). */
export const ofrepErrorBody = (e: ApiError) => ({ errorDetails: e.message })

export type ParsedContext = { ok: true; context: Record<string, unknown> } | { ok: false; errorCode: OfrepErrorCode; errorDetails: string }

/** Reads `{ "context": {…} }`. A missing body or context is an empty context. */
export async function readOfrepContext(req: Request): Promise<ParsedContext> {
  let text: string
  try {
    // The OFREP providers send `application/json; charset=utf-8`; curl users may send no type at all.
    text = await readBody(req, { types: ['application/json', ''] })
  } catch (err) {
    if (err instanceof ApiError && err.status === 413) throw err
    return { ok: false, errorCode: 'PARSE_ERROR', errorDetails: err instanceof ApiError ? err.message : 'The request body could not be read' }
  }
  if (text.trim() === '') return { ok: true, context: {} }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return { ok: false, errorCode: 'PARSE_ERROR', errorDetails: 'The request body is not valid JSON' }
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, errorCode: 'PARSE_ERROR', errorDetails: 'The request body must be a JSON object' }
  }
  const context = (body as { context?: unknown }).context
  if (context === undefined || context === null) return { ok: true, context: {} }
  if (typeof context !== 'object' || Array.isArray(context)) {
    return { ok: false, errorCode: 'INVALID_CONTEXT', errorDetails: 'context must be a JSON object' }
  }
  const tk = (context as { targetingKey?: unknown }).targetingKey
  if (tk !== undefined && tk !== null && typeof tk !== 'string') {
    return { ok: false, errorCode: 'INVALID_CONTEXT', errorDetails: 'context.targetingKey must be a string' }
  }
  return { ok: true, context: context as Record<string, unknown> }
}

type FailureBody = { key: string; errorCode: OfrepErrorCode; errorDetails: string }

/** OFREP has no TYPE_MISMATCH code: a variant of the wrong type is a configuration error, GENERAL. */
const ofrepCode = (r: EvaluationResult & { reason: 'ERROR' }): OfrepErrorCode =>
  r.errorCode === 'TYPE_MISMATCH' || r.errorCode === 'FLAG_NOT_FOUND' ? 'GENERAL' : r.errorCode

// A flag's possible answers are few (reason × variant, or an error code) and fixed for a snapshot, so their
// JSON is serialised once per flag and reused: responses are assembled from strings, not re-serialised.
const fragments = new WeakMap<FlagConfig, Map<string, Map<string, string>>>()

function fragmentOf(flag: FlagConfig, r: EvaluationResult): string {
  let byReason = fragments.get(flag)
  if (!byReason) fragments.set(flag, (byReason = new Map()))
  let byVariant = byReason.get(r.reason)
  if (!byVariant) byReason.set(r.reason, (byVariant = new Map()))
  const sub = r.reason === 'ERROR' ? r.errorCode : r.variant
  let json = byVariant.get(sub)
  if (json === undefined) {
    json =
      r.reason === 'ERROR'
        ? JSON.stringify({ key: flag.key, errorCode: ofrepCode(r), errorDetails: r.errorDetails } satisfies FailureBody)
        : JSON.stringify({ key: flag.key, value: r.value, reason: r.reason, variant: r.variant, metadata: r.metadata })
    byVariant.set(sub, json)
  }
  return json
}

const STATUS: Record<OfrepErrorCode, number> = {
  PARSE_ERROR: 400,
  TARGETING_KEY_MISSING: 400,
  INVALID_CONTEXT: 400,
  FLAG_NOT_FOUND: 404,
  // A flag whose stored configuration cannot be served is the server's fault.
  GENERAL: 500,
}

/** One flag: the status and body OFREP prescribes. */
export async function evaluateSingle(environment: string, key: string, parsed: ParsedContext): Promise<Response> {
  if (!parsed.ok) return Response.json({ key, errorCode: parsed.errorCode, errorDetails: parsed.errorDetails }, { status: 400 })
  const env = environmentOf(await getSnapshot(), environment)
  const flag = env.flags.get(key)
  if (!flag) {
    const broken = env.broken.get(key)
    if (broken) return Response.json({ key, errorCode: 'GENERAL', errorDetails: broken }, { status: 500 })
    return Response.json({ key, errorCode: 'FLAG_NOT_FOUND', errorDetails: `Flag "${key}" was not found in ${environment}` }, { status: 404 })
  }
  const result = evaluateFlag(flag, parsed.context)
  if (result.variant !== null) countEvaluation(environment, key, result.variant)
  const status = result.reason === 'ERROR' ? STATUS[ofrepCode(result)] : 200
  return rawResponse(fragmentOf(flag, result), { status, headers: OFREP_JSON })
}

/** `If-None-Match` holds the ETag (a list, weak tags and `*` allowed). */
export function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '')
    return tag === '*' || tag === etag
  })
}

interface CachedBulk {
  body: string
  served: { key: string; variant: string }[]
}
// Polling clients send the same context again and again: keep the last bodies by ETag (which changes with
// the snapshot version, so nothing stale is ever served).
const BULK_CACHE_MAX = 2000
const g = globalThis as unknown as { wardroomBulkCache?: Map<string, CachedBulk> }
const bulkCache = (g.wardroomBulkCache ??= new Map())

function evaluateAll(flags: ReturnType<typeof environmentOf>, context: Record<string, unknown>): CachedBulk {
  const parts: string[] = []
  const served: CachedBulk['served'] = []
  for (const flag of flags.list) {
    const r = evaluateFlag(flag, context)
    if (r.variant !== null) served.push({ key: flag.key, variant: r.variant })
    parts.push(fragmentOf(flag, r))
  }
  for (const [key, details] of flags.broken) parts.push(JSON.stringify({ key, errorCode: 'GENERAL', errorDetails: details } satisfies FailureBody))
  return { body: `{"flags":[${parts.join(',')}]}`, served }
}

/**
 * All flags of the environment, with ETag / If-None-Match. `refresh` is the key's `"refreshConnections":[…]`
 * fragment (stable per key, so the ETag need not cover it).
 */
export async function evaluateBulk(environment: string, parsed: ParsedContext, ifNoneMatch: string | null, refresh: string | null = null): Promise<Response> {
  if (!parsed.ok) return Response.json({ errorCode: parsed.errorCode, errorDetails: parsed.errorDetails }, { status: 400 })
  const snapshot = await getSnapshot()
  const etag = bulkEtag(environment, snapshot, parsed.context)
  if (etagMatches(ifNoneMatch, etag)) return rawResponse(null, { status: 304, headers: { ETag: etag } })
  let hit = bulkCache.get(etag)
  if (!hit) {
    hit = evaluateAll(environmentOf(snapshot, environment), parsed.context)
    if (bulkCache.size >= BULK_CACHE_MAX) bulkCache.delete(bulkCache.keys().next().value as string)
    bulkCache.set(etag, hit)
  }
  const now = Date.now()
  for (const s of hit.served) countEvaluation(environment, s.key, s.variant, now)
  const body = refresh === null ? hit.body : `${hit.body.slice(0, -1)},${refresh}}`
  return rawResponse(body, { status: 200, headers: { ...OFREP_JSON, ETag: etag } })
}

/** GET /ofrep/v1/configuration. */
export function ofrepConfiguration() {
  return {
    name: 'Wardroom',
    capabilities: {
      cacheInvalidation: { polling: { enabled: true, minPollingIntervalMs: 1000 } },
      flagEvaluation: { supportedTypes: ['boolean', 'string', 'int', 'float', 'object'] },
    },
  }
}
