import type { OutboundRequest } from '@/lib/http/outbound'
import type { NotificationMessage } from '../payload'

export interface SendContext {
  /** The outbound guard (lib/http/outbound); tests may pass a stand-in that records the calls. */
  request?: OutboundRequest
  timeoutMs: number
  /** Clock for signatures and timestamps; tests pass a fixed one. */
  now?: () => Date
}

/** 2xx (or the SMTP server's acceptance) counts as delivered. `error` is PHI-free and secret-free. */
export interface SendResult {
  ok: boolean
  status?: number
  error?: string
}

export type ChannelSend<C, S> = (message: NotificationMessage, config: C, secrets: S, ctx: SendContext) => Promise<SendResult>
