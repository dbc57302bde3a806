import { describe, expect, it } from 'vitest'
import { apiKeyFromHeaders, apiKeyPrefix, generateApiKey, hashApiKey } from './api-keys'

const segmentKey = generateApiKey().key

describe('API keys', () => {
  it('generate a key whose prefix and hash can be recovered', () => {
    const { key, prefix, hash } = generateApiKey()
    expect(key.startsWith(`${prefix}_`)).toBe(true)
    expect(apiKeyPrefix(key)).toBe(prefix)
    expect(hashApiKey(key)).toBe(hash)
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it.each([
    ['', null],
    ['wr_short_key', null],
    ['xx_abcdefghijkl_' + 'a'.repeat(43), null],
  ])('rejects malformed key %j', (key, expected) => {
    expect(apiKeyPrefix(key)).toBe(expected)
  })

  it.each([
    [{ authorization: 'Bearer abc' }, 'abc'],
    [{ authorization: 'bearer   abc ' }, 'abc'],
    [{ 'x-api-key': 'def' }, 'def'],
    [{ authorization: 'Basic Zm9v', 'x-api-key': 'def' }, 'def'],
    // Segment's SDKs: the write key as Basic user name, no password ("<key>:" and "<key>").
    [{ authorization: `Basic ${Buffer.from(`${segmentKey}:`).toString('base64')}` }, segmentKey],
    [{ authorization: `Basic ${Buffer.from(segmentKey).toString('base64')}` }, segmentKey],
    [{ authorization: `Basic ${Buffer.from(':secret').toString('base64')}` }, null],
    // A proxy's own Basic credentials are not a key.
    [{ authorization: `Basic ${Buffer.from('nurse.station:hunter2').toString('base64')}` }, null],
    [{}, null],
  ])('reads the key from headers %j', (headers, expected) => {
    expect(apiKeyFromHeaders(new Headers(headers))).toBe(expected)
  })
})
