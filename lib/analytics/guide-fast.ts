/**
 * The validation fast path of the guide's events: a hand-written check of one item, for the items clients
 * actually send, at a small fraction of `GuideEvent`'s cost (zod builds an issue list and a copy of each
 * object; on a 10,000-event batch that was most of the validation time).
 *
 * Exact by construction: every check is `GuideEvent`'s own (the same regular expressions, imported from
 * schema.ts, the same length limits counted in UTF-16 units as zod counts them, trim before the limits of
 * the coarse dimensions), and anything it is unsure of — a refused item, a `__proto__` property (which
 * zod's record drops), a non-plain object — answers null, and the caller runs `GuideEvent`, which accepts
 * or refuses and names the field. So whatever this accepts, `fromGuide(GuideEvent.parse(item))` accepts
 * with an equal result: guide-fast.test.ts checks that on a table of edge cases and on generated items.
 */
import { EVENT_NAME, TIMESTAMP_PATTERN, type IncomingEvent } from './schema'

const MAX_ID = 256
const MAX_MESSAGE_ID = 128
const MAX_COARSE = 64
const MAX_PROPERTY_NAME = 64
const MAX_USER_AGENT = 1024

type Plain = Record<string, unknown>

/** A plain object, as JSON.parse makes them (zod's object and record accept these). */
function isPlain(v: unknown): v is Plain {
  if (typeof v !== 'object' || v === null) return false
  const proto = Object.getPrototypeOf(v) as unknown
  return proto === Object.prototype || proto === null
}

/** `Id`: a string of 1–256 units, or a finite number as its String(). Undefined when neither. */
function idOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v.length >= 1 && v.length <= MAX_ID ? v : undefined
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  return undefined
}

/** `Coarse` (trim, then 1–64 units): the trimmed string, null when absent, undefined when refused. */
function coarseOf(v: unknown): string | null | undefined {
  if (v === undefined) return null
  if (typeof v !== 'string') return undefined
  const t = v.trim()
  return t.length >= 1 && t.length <= MAX_COARSE ? t : undefined
}

/** `Properties`: names of at most 64 units, any values; none named `__proto__` (zod's record drops it). */
function isProperties(v: unknown): v is Plain {
  if (!isPlain(v)) return false
  for (const name of Object.keys(v)) if (name.length > MAX_PROPERTY_NAME || name === '__proto__') return false
  return true
}

/** The item as `fromGuide(GuideEvent.parse(item))` would give it, or null: then ask `GuideEvent`. */
export function guideEventFast(item: unknown): IncomingEvent | null {
  if (!isPlain(item)) return null
  const userId = idOf(item.userId)
  if (userId === undefined) return null
  const sessionId = item.sessionId === undefined ? null : idOf(item.sessionId)
  if (sessionId === undefined) return null
  const { event, metadata, timestamp, messageId, userAgent } = item
  if (typeof event !== 'string' || !EVENT_NAME.test(event)) return null
  if (metadata !== undefined && !isProperties(metadata)) return null
  if (timestamp !== undefined && (typeof timestamp !== 'string' || !TIMESTAMP_PATTERN.test(timestamp))) return null
  if (messageId !== undefined && (typeof messageId !== 'string' || messageId.length < 1 || messageId.length > MAX_MESSAGE_ID)) return null
  if (userAgent !== undefined && (typeof userAgent !== 'string' || userAgent.length > MAX_USER_AGENT)) return null
  const site = coarseOf(item.site)
  const department = coarseOf(item.department)
  const role = coarseOf(item.role)
  const appVersion = coarseOf(item.appVersion)
  if (site === undefined || department === undefined || role === undefined || appVersion === undefined) return null
  return {
    type: 'track',
    event,
    userId,
    anonymousId: null,
    sessionId,
    properties: metadata ?? {},
    timestamp: timestamp ?? null,
    messageId: messageId ?? null,
    site,
    department,
    role,
    appVersion,
    userAgent: userAgent ?? null,
  }
}
