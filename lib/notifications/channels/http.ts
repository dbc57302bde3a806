/**
 * One JSON POST through the outbound guard (lib/http/outbound: address policy, no redirects, timeouts, capped
 * body); the outcome is reduced to status and a short error class (never the peer's body or address).
 */
import { OutboundError, outboundErrorText, outboundRequest } from '@/lib/http/outbound'
import type { SendContext, SendResult } from './types'

export async function postJson(url: string, body: string, headers: Record<string, string>, ctx: SendContext): Promise<SendResult> {
  try {
    const res = await (ctx.request ?? outboundRequest)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Wardroom', ...headers },
      body,
      timeoutMs: ctx.timeoutMs,
    })
    // The body was read (up to the cap) and is dropped: its content may echo input.
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status }
    return { ok: false, status: res.status, error: `HTTP ${res.status}`, reason: 'http' }
  } catch (err) {
    return { ok: false, error: outboundErrorText(err), reason: err instanceof OutboundError ? err.kind : 'connection' }
  }
}
