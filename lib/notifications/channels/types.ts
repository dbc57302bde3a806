import type { OutboundErrorKind, OutboundRequest } from '@/lib/http/outbound'
import type { NotificationMessage } from '../payload'

export interface SendContext {
  /** The outbound guard (lib/http/outbound); tests may pass a stand-in that records the calls. */
  request?: OutboundRequest
  timeoutMs: number
  /** Clock for signatures and timestamps; tests pass a fixed one. */
  now?: () => Date
}

/** What kind of failure: the peer's answer (`status` says which) or why no answer came (the outbound class). */
export type FailureReason = 'http' | 'smtp' | OutboundErrorKind

/** 2xx (or the SMTP server's acceptance) counts as delivered. `error` is PHI-free and secret-free. */
export interface SendResult {
  ok: boolean
  status?: number
  error?: string
  /** Set on failures whose kind is known, so the failure can be put in words (failure-words.ts). */
  reason?: FailureReason
}

export type ChannelSend<C, S> = (message: NotificationMessage, config: C, secrets: S, ctx: SendContext) => Promise<SendResult>
