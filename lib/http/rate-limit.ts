/**
 * Token buckets for machine endpoints, per API key and per client address, kept in memory per server
 * instance (N instances behind a balancer admit up to N times the rate; the limits are a floodgate, not a
 * quota). Two classes: `ingest` (alerts, SLI events, experiment events, flag evaluation: high volume by
 * design) and `api` (everything else a machine calls). RATE_LIMIT_<CLASS>_PER_SECOND=0 turns a class off.
 */
import { env } from '../env'
import { metrics } from '../metrics'
import { tooManyRequests } from '@/lib/errors'

export type RateClass = 'ingest' | 'api'

export interface Bucket {
  tokens: number
  at: number
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number }

/** A set of token buckets with one rate and burst; idle buckets are forgotten once there are too many. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>()

  constructor(
    readonly perSecond: number,
    readonly burst: number,
    private readonly maxBuckets = 50_000,
  ) {}

  take(key: string, now = Date.now()): TakeResult {
    if (this.perSecond <= 0) return { ok: true }
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now }
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond)
    b.at = now
    if (!this.buckets.has(key)) {
      if (this.buckets.size >= this.maxBuckets) this.sweep(now)
      this.buckets.set(key, b)
    }
    if (b.tokens >= 1) {
      b.tokens -= 1
      return { ok: true }
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond)) }
  }

  get size(): number {
    return this.buckets.size
  }

  /** Drops buckets that have refilled (forgetting them changes nothing), then the oldest if still full. */
  private sweep(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(key)
    }
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxBuckets) break
      this.buckets.delete(key)
    }
  }
}

interface Limiters {
  ingest: TokenBuckets
  api: TokenBuckets
}

const g = globalThis as unknown as { wardroomRateLimiters?: Limiters }

function limiters(): Limiters {
  return (g.wardroomRateLimiters ??= {
    ingest: new TokenBuckets(env.RATE_LIMIT_INGEST_PER_SECOND, env.RATE_LIMIT_INGEST_BURST),
    api: new TokenBuckets(env.RATE_LIMIT_API_PER_SECOND, env.RATE_LIMIT_API_BURST),
  })
}

/** Replaces the limiters (tests). */
export function setRateLimiters(next: Partial<Limiters>): void {
  g.wardroomRateLimiters = { ...limiters(), ...next }
}

/**
 * Takes a token for `who` (an address or an API key id) in the class's buckets, or throws 429 with
 * Retry-After, counted in wardroom_rate_limited_total by route template.
 */
export function enforceRateLimit(cls: RateClass, who: { address: string } | { apiKeyId: string }, route: string): void {
  const key = 'address' in who ? `a:${who.address}` : `k:${who.apiKeyId}`
  const result = limiters()[cls].take(key)
  if (result.ok) return
  metrics.rateLimited.inc({ route })
  throw tooManyRequests(result.retryAfterSeconds, 'Too many requests; slow down and retry after the time in Retry-After')
}

/** High-volume machine routes (by template): the ingest class. Other machine routes are `api`. */
export const INGEST_ROUTES: ReadonlySet<string> = new Set([
  '/api/sli/events',
  '/api/alerts',
  '/api/alerts/alertmanager',
  '/api/alerts/events/v2',
  '/api/features/events',
  '/api/analytics/track',
  '/api/analytics/batch',
  '/api/analytics/v1/batch',
  '/api/analytics/v1/track',
  '/api/analytics/v1/identify',
  '/api/analytics/v1/page',
  '/ofrep/v1/evaluate/flags',
  '/ofrep/v1/evaluate/flags/[key]',
])
