/**
 * PHI-safe by construction: an incoming event becomes the row that is stored, or a reason to refuse it.
 * Pure (the pseudonymiser and the registry are handed in), so every rule has a worked example in
 * normalize.test.ts:
 * - ids become keyed pseudonyms (pseudonym.ts); no IP address is ever read; the user agent becomes family
 *   and major version (user-agent.ts);
 * - properties are kept only where the event schema registry allows them, with the registered type;
 *   others are dropped and counted. Unknown or quarantined events are stored without properties
 *   (quarantine) until someone registers them;
 * - every string kept (properties and the coarse dimensions) goes through the PHI redactor;
 * - event time: up to 7 days late is fine, more than 5 minutes ahead is refused;
 * - a kept string with a NUL character (U+0000) is refused: PostgreSQL's text and jsonb cannot hold one,
 *   and storing the rest of the batch beats failing all of it.
 * This is the guide's `anonymizationLevel: 'high'`, the only level Wardroom offers: lower levels would
 * store what a hospital must not keep.
 */
import { redact } from '../phi/redact'
import type { PseudonymKind } from './pseudonym'
import type { IncomingEvent } from './schema'
import { reduceUserAgent, type ReducedUserAgent } from './user-agent'

export const ANONYMIZATION_LEVEL = 'high' as const
export const LATE_LIMIT_MS = 7 * 24 * 60 * 60 * 1000
export const FUTURE_LIMIT_MS = 5 * 60 * 1000
/** Longest string property kept (after redaction). */
const MAX_STRING = 256

export type PropertyType = 'string' | 'number' | 'boolean'
export interface EventTypeRule {
  status: 'registered' | 'quarantined'
  properties: Readonly<Record<string, PropertyType>>
}
export type Registry = ReadonlyMap<string, EventTypeRule>

/** Events every source may send without registering them. Segment's identify traits are never kept. */
export const BUILTIN_EVENT_TYPES: Readonly<Record<string, EventTypeRule>> = {
  $page: { status: 'registered', properties: { name: 'string', category: 'string' } },
  $identify: { status: 'registered', properties: {} },
}

export interface EventRow {
  occurredAt: Date
  userKey: string
  anonymousKey: string | null
  clientSessionKey: string | null
  type: IncomingEvent['type']
  event: string
  properties: Record<string, string | number | boolean>
  messageId: string | null
  site: string | null
  department: string | null
  role: string | null
  appVersion: string | null
  uaFamily: string | null
  uaMajor: string | null
}

export type Normalized =
  | { ok: true; row: EventRow; dropped: number; quarantined: boolean }
  | { ok: false; code: 'timestamp_too_old' | 'timestamp_in_future' | 'invalid'; message: string }

export interface NormalizeContext {
  now: Date
  registry: Registry
  pseudonym: (kind: PseudonymKind, id: string) => string
  /** lib/phi's `redact` unless given (`batchContext` gives a memo of it). */
  redact?: (text: string) => string
  /** `reduceUserAgent` unless given (`batchContext` gives a memo of it). */
  userAgent?: (ua: string | null) => ReducedUserAgent | null
}

/** `fn` remembered per distinct argument, for as long as the returned function lives. */
function memo<T>(fn: (s: string) => T): (s: string) => T {
  const seen = new Map<string, T>()
  return (s) => {
    let v = seen.get(s)
    if (v === undefined && !seen.has(s)) {
      v = fn(s)
      seen.set(s, v)
    }
    return v as T
  }
}

/**
 * The context for one batch: the redactor, the user-agent reduction and the pseudonyms of users,
 * anonymous ids and sessions remembered per distinct string. Each is a pure function of its argument, so
 * the rows are the ones `base` gives (normalize.test.ts compares them); a batch repeats its clinicians,
 * their sessions, user agents and property values (models, decisions, departments) many times, and each
 * is redacted and keyed once instead of each time. Message ids are unique per event and not remembered (nor the kinds analytics does not use).
 * What is remembered lives as long as the batch: nothing of it outlasts the request.
 */
export function batchContext(base: NormalizeContext): NormalizeContext {
  const ids = { user: memo((id) => base.pseudonym('user', id)), anonymous: memo((id) => base.pseudonym('anonymous', id)), session: memo((id) => base.pseudonym('session', id)) }
  const reduce = base.userAgent ?? reduceUserAgent
  const reduceOnce = memo((ua) => reduce(ua))
  return {
    ...base,
    pseudonym: (kind, id) => (kind === 'user' || kind === 'anonymous' || kind === 'session' ? ids[kind](id) : base.pseudonym(kind, id)),
    redact: memo(base.redact ?? redact),
    userAgent: (ua) => (ua === null ? null : reduceOnce(ua)),
  }
}

export function ruleOf(registry: Registry, event: string): EventTypeRule | undefined {
  return BUILTIN_EVENT_TYPES[event] ?? registry.get(event)
}

const hasNul = (s: string | null) => s !== null && s.includes('\0')
const nul = (field: string): Normalized => ({ ok: false, code: 'invalid', message: `${field}: a NUL character (U+0000) cannot be stored` })

/** A coarse dimension, redacted and cut to 64 characters. */
const coarse = (redactText: (text: string) => string, s: string | null) => (s === null ? null : redactText(s).slice(0, 64))

export function normalizeEvent(e: IncomingEvent, ctx: NormalizeContext): Normalized {
  const redactText = ctx.redact ?? redact
  const at = e.timestamp === null ? ctx.now.getTime() : Date.parse(e.timestamp)
  if (!Number.isFinite(at)) return { ok: false, code: 'invalid', message: 'timestamp is not a valid time' }
  if (at < ctx.now.getTime() - LATE_LIMIT_MS) return { ok: false, code: 'timestamp_too_old', message: 'Events more than 7 days old are not accepted' }
  if (at > ctx.now.getTime() + FUTURE_LIMIT_MS) return { ok: false, code: 'timestamp_in_future', message: 'timestamp is more than 5 minutes in the future' }

  const rule = ruleOf(ctx.registry, e.event)
  const quarantined = rule?.status !== 'registered'
  const allowed = quarantined ? {} : rule.properties
  const properties: Record<string, string | number | boolean> = {}
  let dropped = 0
  const names = Object.keys(e.properties)
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!
    const value = e.properties[name]
    const type = allowed[name]
    if (type === 'string' && typeof value === 'string') {
      const kept = redactText(value).slice(0, MAX_STRING)
      // A registered name: no client text in the message.
      if (kept.includes('\0')) return nul(`property ${name}`)
      properties[name] = kept
    } else if (type === 'number' && typeof value === 'number' && Number.isFinite(value)) properties[name] = value
    else if (type === 'boolean' && typeof value === 'boolean') properties[name] = value
    else dropped++
  }

  const site = coarse(redactText, e.site)
  const department = coarse(redactText, e.department)
  const role = coarse(redactText, e.role)
  const appVersion = coarse(redactText, e.appVersion)
  const withNul = hasNul(site) ? 'site' : hasNul(department) ? 'department' : hasNul(role) ? 'role' : hasNul(appVersion) ? 'appVersion' : null
  if (withNul) return nul(withNul)

  const userKey = e.userId !== null ? ctx.pseudonym('user', e.userId) : ctx.pseudonym('anonymous', e.anonymousId!)
  const ua = (ctx.userAgent ?? reduceUserAgent)(e.userAgent)
  return {
    ok: true,
    quarantined,
    dropped,
    row: {
      occurredAt: new Date(at),
      userKey,
      anonymousKey: e.anonymousId !== null ? ctx.pseudonym('anonymous', e.anonymousId) : null,
      clientSessionKey: e.sessionId !== null ? ctx.pseudonym('session', e.sessionId) : null,
      type: e.type,
      event: e.event,
      properties,
      messageId: e.messageId !== null ? ctx.pseudonym('message', e.messageId) : null,
      site,
      department,
      role,
      appVersion,
      uaFamily: ua?.family ?? null,
      uaMajor: ua?.major ?? null,
    },
  }
}
