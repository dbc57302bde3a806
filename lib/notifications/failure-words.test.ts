import { describe, expect, it } from 'vitest'
import { failureInWords } from './failure-words'

describe('failureInWords', () => {
  it.each([
    [{ reason: 'http', status: 503, error: 'HTTP 503' }, 'HTTP 503: the receiver is up but failing'],
    [{ reason: 'http', status: 401, error: 'HTTP 401' }, "HTTP 401: the receiver refused Wardroom's credentials; check the channel's secret"],
    [{ reason: 'http', status: 404, error: 'HTTP 404' }, "HTTP 404: nothing answers at this address; check the channel's URL"],
    [{ reason: 'http', status: 429, error: 'HTTP 429' }, 'HTTP 429: the receiver is limiting how often Wardroom may send'],
    [{ reason: 'http', status: 400, error: 'HTTP 400' }, 'HTTP 400: the receiver rejected the message'],
    [{ reason: 'connection_refused', error: 'Connection refused' }, 'Connection refused: nothing is listening at the receiver’s address (down or restarting)'],
    [{ reason: 'timeout', error: 'Timed out after 10000 ms' }, 'Timed out after 10000 ms: the receiver did not answer in time'],
    [{ reason: 'refused', error: 'Refused by policy' }, 'Refused by policy: the address is not allowed by the outbound policy (WARDROOM_OUTBOUND_ALLOW)'],
    [{ reason: 'smtp', status: 550, error: 'SMTP 550' }, 'SMTP 550: the mail server refused the message'],
    [{ reason: 'smtp', status: 421, error: 'SMTP 421' }, 'SMTP 421: the mail server asked Wardroom to try again later'],
  ] as const)('%o → %s', (result, words) => {
    expect(failureInWords(result)).toBe(words)
  })

  it('keeps a failure of unknown kind as its short text, and never reads meaning from the text', () => {
    expect(failureInWords({ error: 'Channel disabled before delivery' })).toBe('Channel disabled before delivery')
    expect(failureInWords({ error: 'HTTP 503' })).toBe('HTTP 503')
    expect(failureInWords({})).toBe('Delivery failed')
  })
})
