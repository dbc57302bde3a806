/**
 * What the analytics ingest accepts, in two dialects that map onto one event (`IncomingEvent`):
 * - the operations guide's API: `{"userId","sessionId"?,"event","metadata"?,"timestamp"?}` (track, batch);
 * - Segment's HTTP Tracking API: track, identify and page messages (v1/*), as analytics-node and
 *   RudderStack's SDKs send them.
 * Validation here is about shape only; what may be stored (registry, redaction, time window) is decided by
 * normalize.ts, which rejects single items of a batch instead of the whole batch.
 */
import { z } from 'zod'

export const MAX_BATCH = 10_000
/** 10,000 events of about 500 bytes each, with room to spare; larger bodies answer 413. */
export const ANALYTICS_BODY_LIMIT_BYTES = 8 * 1024 * 1024

export const EVENT_NAME = /^[A-Za-z$][A-Za-z0-9_.:-]{0,79}$/
export const EventName = z.string().regex(EVENT_NAME, 'Event names are 1–80 letters, digits, _ . : - (starting with a letter)')
/** Ids are pseudonymised before storage; any string up to 256 characters (Segment also allows numbers). */
const Id = z.union([z.string().min(1).max(256), z.number().finite().transform(String)])
/** A coarse dimension (site, department, role, app version): short, and redacted like any string. */
const Coarse = z.string().trim().min(1).max(64)
const Timestamp = z.iso.datetime({ offset: true, message: 'An ISO 8601 timestamp with a time zone (Z or ±HH:MM)' })
/** The pattern `Timestamp` checks, zod's own (guide-fast.ts tests strings with it). */
export const TIMESTAMP_PATTERN: RegExp = Timestamp._zod.def.pattern!
const Properties = z.record(z.string().max(64), z.unknown())

/** The guide's event. `messageId` (optional) de-duplicates retries as in Segment's API. */
export const GuideEvent = z.object({
  userId: Id,
  sessionId: Id.optional(),
  event: EventName,
  metadata: Properties.optional(),
  timestamp: Timestamp.optional(),
  messageId: z.string().min(1).max(128).optional(),
  site: Coarse.optional(),
  department: Coarse.optional(),
  role: Coarse.optional(),
  appVersion: Coarse.optional(),
  userAgent: z.string().max(1024).optional(),
})
export type GuideEvent = z.infer<typeof GuideEvent>

/** The guide's batch: `{"events":[…]}` or a bare array; items are checked one by one (normalize.ts). */
export const GuideBatch = z.union([z.array(z.unknown()), z.object({ events: z.array(z.unknown()) })]).transform((b) => (Array.isArray(b) ? b : b.events))

const SegmentContext = z
  .object({
    userAgent: z.string().max(1024).optional(),
    app: z.object({ version: z.union([z.string(), z.number()]).optional() }).loose().optional(),
    // Wardroom's own context keys for the coarse dimensions (Segment has none for them).
    site: Coarse.optional(),
    department: Coarse.optional(),
    role: Coarse.optional(),
  })
  .loose()

/** One Segment message. `traits` are accepted and never stored (they are where names and e-mails live). */
export const SegmentMessage = z
  .object({
    type: z.enum(['track', 'identify', 'page']),
    userId: Id.nullish(),
    anonymousId: Id.nullish(),
    event: EventName.optional(),
    name: z.string().max(256).nullish(),
    category: z.string().max(256).nullish(),
    properties: Properties.nullish(),
    traits: Properties.nullish(),
    context: SegmentContext.nullish(),
    timestamp: Timestamp.optional(),
    messageId: z.string().min(1).max(128).optional(),
  })
  .loose()
  .refine((m) => m.userId != null || m.anonymousId != null, { message: 'userId or anonymousId is required', path: ['userId'] })
  .refine((m) => m.type !== 'track' || m.event !== undefined, { message: 'A track call needs an event', path: ['event'] })
export type SegmentMessage = z.infer<typeof SegmentMessage>

export const SegmentBatch = z.object({ batch: z.array(z.unknown()) }).loose()

/** The one event both dialects become, before pseudonymisation and the registry. */
export interface IncomingEvent {
  type: 'track' | 'identify' | 'page'
  event: string
  userId: string | null
  anonymousId: string | null
  sessionId: string | null
  properties: Record<string, unknown>
  timestamp: string | null
  messageId: string | null
  site: string | null
  department: string | null
  role: string | null
  appVersion: string | null
  userAgent: string | null
}

export function fromGuide(e: GuideEvent): IncomingEvent {
  return {
    type: 'track',
    event: e.event,
    userId: e.userId,
    anonymousId: null,
    sessionId: e.sessionId ?? null,
    properties: e.metadata ?? {},
    timestamp: e.timestamp ?? null,
    messageId: e.messageId ?? null,
    site: e.site ?? null,
    department: e.department ?? null,
    role: e.role ?? null,
    appVersion: e.appVersion ?? null,
    userAgent: e.userAgent ?? null,
  }
}

/** Segment's page and identify calls are stored as the built-in events `$page` and `$identify`. */
export function fromSegment(m: SegmentMessage): IncomingEvent {
  const ctx = m.context ?? {}
  const version = ctx.app?.version
  const properties: Record<string, unknown> =
    m.type === 'page' ? { ...(m.properties ?? {}), ...(m.name != null ? { name: m.name } : {}), ...(m.category != null ? { category: m.category } : {}) } : m.type === 'track' ? (m.properties ?? {}) : {}
  return {
    type: m.type,
    event: m.type === 'track' ? m.event! : m.type === 'page' ? '$page' : '$identify',
    userId: m.userId ?? null,
    anonymousId: m.anonymousId ?? null,
    sessionId: null,
    properties,
    timestamp: m.timestamp ?? null,
    messageId: m.messageId ?? null,
    site: ctx.site ?? null,
    department: ctx.department ?? null,
    role: ctx.role ?? null,
    appVersion: version === undefined ? null : String(version).slice(0, 64),
    userAgent: ctx.userAgent ?? null,
  }
}
