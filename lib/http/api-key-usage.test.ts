import { describe, expect, it } from 'vitest'
import { countApiKeyRefusal, countApiKeyUse, drainApiKeyUsage } from './api-key-usage'

const H = 3_600_000
const T = Date.UTC(2026, 11, 7, 14, 20)

describe('API key use counted in memory', () => {
  it('adds up per key, address and hour, with the scopes refused, and drains to rows once', () => {
    drainApiKeyUsage()
    countApiKeyUse('k1', '10.0.0.1', T)
    countApiKeyUse('k1', '10.0.0.1', T + 60_000, 4)
    countApiKeyUse('k1', '10.0.0.2', T)
    countApiKeyRefusal('k1', '10.0.0.1', 'flags:write', T)
    countApiKeyRefusal('k1', '10.0.0.1', 'flags:write', T)
    countApiKeyRefusal('k1', '10.0.0.1', 'read', T)
    countApiKeyUse('k1', '10.0.0.1', T + H)
    const rows = drainApiKeyUsage()
    const hour = new Date(Math.floor(T / H) * H)
    expect(rows).toEqual([
      { apiKeyId: 'k1', ip: '10.0.0.1', hour, requests: 5, refused: 3, refusedScopes: ['flags:write', 'read'] },
      { apiKeyId: 'k1', ip: '10.0.0.2', hour, requests: 1, refused: 0, refusedScopes: [] },
      { apiKeyId: 'k1', ip: '10.0.0.1', hour: new Date(hour.getTime() + H), requests: 1, refused: 0, refusedScopes: [] },
    ])
    expect(drainApiKeyUsage()).toEqual([])
  })

  it('counts further new addresses of an hour under "other" past 10,000 pairs', () => {
    drainApiKeyUsage()
    for (let i = 0; i < 10_005; i++) countApiKeyUse('k2', `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, T)
    const rows = drainApiKeyUsage()
    expect(rows).toHaveLength(10_001)
    expect(rows.find((r) => r.ip === 'other')).toMatchObject({ requests: 5 })
  })
})
