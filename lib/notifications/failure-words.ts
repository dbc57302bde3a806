/**
 * A failed delivery in words, for the channels page and the incident timeline: the short class the channel
 * reported ("HTTP 503", "Connection refused") followed by what it most likely means and where to look.
 * Decided from the result's reason and status, never from the text; the text is only kept in front. The
 * words name no address, port, URL or secret, and carry nothing the receiver said.
 */
import type { SendResult } from './channels'

const SMTP_PERMANENT = 'the mail server refused the message'

function httpMeaning(status: number): string {
  if (status === 401 || status === 403) return "the receiver refused Wardroom's credentials; check the channel's secret"
  if (status === 404 || status === 410) return "nothing answers at this address; check the channel's URL"
  if (status === 408) return 'the receiver gave up waiting for the message'
  if (status === 413) return 'the receiver found the message too large'
  if (status === 429) return 'the receiver is limiting how often Wardroom may send'
  if (status >= 500) return 'the receiver is up but failing'
  if (status >= 400) return 'the receiver rejected the message'
  return 'the receiver did not accept the message'
}

const TRANSPORT: Record<Exclude<NonNullable<SendResult['reason']>, 'http' | 'smtp'>, string> = {
  connection_refused: 'nothing is listening at the receiver’s address (down or restarting)',
  timeout: 'the receiver did not answer in time',
  dns: 'the receiver’s host name does not resolve',
  refused: 'the address is not allowed by the outbound policy (WARDROOM_OUTBOUND_ALLOW)',
  tls: 'the secure connection could not be set up (certificate or protocol)',
  too_large: 'the receiver’s answer was larger than Wardroom reads',
  connection: 'the connection broke before the receiver answered',
  invalid_url: "the channel's address is not a valid URL; edit the channel",
}

/** "<short class>: <meaning>"; a failure of unknown kind keeps its short text alone. */
export function failureInWords(result: Pick<SendResult, 'status' | 'error' | 'reason'>): string {
  const short = result.error ?? (result.status !== undefined ? `HTTP ${result.status}` : 'Delivery failed')
  const reason = result.reason
  if (!reason) return short
  if (reason === 'http') return result.status === undefined ? short : `${short}: ${httpMeaning(result.status)}`
  if (reason === 'smtp') {
    const status = result.status ?? 0
    return `${short}: ${status >= 500 ? SMTP_PERMANENT : 'the mail server asked Wardroom to try again later'}`
  }
  return `${short}: ${TRANSPORT[reason]}`
}
