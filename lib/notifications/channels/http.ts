/** One JSON POST with a timeout; the outcome is reduced to status and a short error (never the peer's body). */
import type { SendContext, SendResult } from './types'

export function describeFetchError(err: unknown, timeoutMs: number): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return `Timed out after ${timeoutMs} ms`
    const cause = (err as Error & { cause?: { code?: unknown } }).cause
    if (cause && typeof cause.code === 'string') return `Connection failed (${cause.code})`
    return 'Connection failed'
  }
  return 'Connection failed'
}

export async function postJson(url: string, body: string, headers: Record<string, string>, ctx: SendContext): Promise<SendResult> {
  try {
    const res = await ctx.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Wardroom', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(ctx.timeoutMs),
    })
    // Drain the body so the connection is reused; its content may echo input and is not kept.
    await res.arrayBuffer().catch(() => undefined)
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status }
    return { ok: false, status: res.status, error: `HTTP ${res.status}` }
  } catch (err) {
    return { ok: false, error: describeFetchError(err, ctx.timeoutMs) }
  }
}
