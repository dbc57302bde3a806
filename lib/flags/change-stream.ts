/**
 * Flag changes pushed to OFREP providers, as OpenFeature's ADR-0008 ("SSE for bulk evaluation changes")
 * proposes: the bulk evaluation answers with `refreshConnections: [{ type: "sse", url, inactivityDelaySec }]`,
 * and the URL (GET /ofrep/v1/events) streams notification-only events
 *   id: <environment version>
 *   event: message
 *   data: {"type":"refetchEvaluation","etag":"<environment version>","lastModified":<unix seconds>}
 * whenever the flags of the key's environment change (a kill switch included), after which the provider
 * re-fetches the bulk evaluation. Browsers' EventSource cannot send an Authorization header, so the URL
 * carries a stream token: the API key's id and an HMAC of it under a key derived from the server's secret.
 * It grants nothing but this stream, and stops working when the key is revoked or expires (checked on
 * every connection).
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto'
import type { ApiKeyPrincipal } from '../auth/api-keys'
import { db } from '../db'
import { env } from '../env'
import { environmentOf, getSnapshot, onEnvironmentChange } from './snapshot'

/** A provider closes the stream after this long in the background (tab hidden) and re-fetches on return. */
export const SSE_INACTIVITY_DELAY_SEC = 120
/** A comment line this often keeps proxies from closing an idle stream. */
export const SSE_HEARTBEAT_MS = 15_000
/** How long a browser waits before reconnecting a dropped stream. */
const SSE_RETRY_MS = 2000

function tokenKey(): Buffer | null {
  // Read when used (as the analytics pseudonym key is), so a test can set it.
  const secret = [process.env.WARDROOM_SECRET, process.env.NEXTAUTH_SECRET].find((s) => s !== undefined && s.length >= 16)
  return secret ? Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'wardroom ofrep change stream v1', 32)) : null
}

const mac = (key: Buffer, keyId: string) => createHmac('sha256', key).update(keyId).digest('base64url').slice(0, 32)

/** The stream token of an API key, or null when the server has no secret to sign with. */
export function streamToken(keyId: string): string | null {
  const key = tokenKey()
  return key ? `${keyId}.${mac(key, keyId)}` : null
}

/** The API key a stream token stands for, if the token is genuine and the key still valid with flags:evaluate. */
export async function verifyStreamToken(token: string, now = Date.now()): Promise<ApiKeyPrincipal | null> {
  const key = tokenKey()
  const dot = token.lastIndexOf('.')
  if (!key || dot <= 0 || token.length > 200) return null
  const keyId = token.slice(0, dot)
  const given = Buffer.from(token.slice(dot + 1))
  const expected = Buffer.from(mac(key, keyId))
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  if (!/^[0-9a-f-]{36}$/i.test(keyId)) return null
  const row = await db.apiKey.findUnique({ where: { id: keyId } })
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now)) return null
  const scopes = row.scopes as ApiKeyPrincipal['scopes']
  if (!scopes.includes('flags:evaluate')) return null
  return { id: row.id, name: row.name, prefix: row.prefix, scopes, environment: row.environment }
}

/** The origin providers reach this server at: NEXTAUTH_URL when set (behind a proxy), else the request's. */
export function publicOrigin(req: Request): string {
  if (env.NEXTAUTH_URL) return new URL(env.NEXTAUTH_URL).origin
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host')
  const proto = req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim()
  if (host) return `${proto === 'https' || proto === 'http' ? proto : new URL(req.url).protocol.slice(0, -1)}://${host}`
  return new URL(req.url).origin
}

// One fragment per key and origin: the bulk response is assembled from strings (ofrep.ts).
const fragments = new Map<string, string>()

/** `"refreshConnections":[…]` for the bulk response, or null when no token can be signed. */
export function refreshConnectionsFragment(origin: string, keyId: string): string | null {
  const cacheKey = `${origin}\0${keyId}`
  const hit = fragments.get(cacheKey)
  if (hit !== undefined) return hit
  const token = streamToken(keyId)
  if (!token) return null
  const url = `${origin}/ofrep/v1/events?token=${encodeURIComponent(token)}`
  const fragment = `"refreshConnections":${JSON.stringify([{ type: 'sse', url, inactivityDelaySec: SSE_INACTIVITY_DELAY_SEC }])}`
  if (fragments.size > 10_000) fragments.clear()
  fragments.set(cacheKey, fragment)
  return fragment
}

/** One refetchEvaluation event (ADR-0008's format). */
export function refetchEvent(version: string, changedAtMs: number): string {
  const data = JSON.stringify({ type: 'refetchEvaluation', etag: version, lastModified: Math.floor(changedAtMs / 1000) })
  return `id: ${version}\nevent: message\ndata: ${data}\n\n`
}

/**
 * The event stream of one environment. A reconnecting client that names a Last-Event-ID other than the
 * current version missed a change and gets an event at once; then one event per change, a heartbeat
 * comment every 15 s, until the client goes away.
 */
export async function openChangeStream(environment: string, lastEventId: string | null, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const current = environmentOf(await getSnapshot(), environment).version
  const encoder = new TextEncoder()
  let stop = () => {}
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text))
        } catch {
          stop()
        }
      }
      send(`retry: ${SSE_RETRY_MS}\n: wardroom flag changes for ${environment}\n\n`)
      if (lastEventId !== null && lastEventId !== current) send(refetchEvent(current, Date.now()))
      const unsubscribe = onEnvironmentChange((name, version) => {
        if (name === environment) send(refetchEvent(version, Date.now()))
      })
      const heartbeat = setInterval(() => send(': keep-alive\n\n'), SSE_HEARTBEAT_MS)
      heartbeat.unref?.()
      stop = () => {
        unsubscribe()
        clearInterval(heartbeat)
        try {
          controller.close()
        } catch {
          // already closed
        }
      }
      if (signal.aborted) stop()
      else signal.addEventListener('abort', () => stop(), { once: true })
    },
    cancel() {
      stop()
    },
  })
}
