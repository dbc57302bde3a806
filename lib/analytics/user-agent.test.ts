import { describe, expect, it } from 'vitest'
import { reduceUserAgent } from './user-agent'

describe('reduceUserAgent', () => {
  it.each([
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.86 Safari/537.36', 'Chrome', '131'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70', 'Edge', '131'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15', 'Safari', '17'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1', 'Safari', '17'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox', '133'],
    ['Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36', 'Samsung Internet', '26'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0', 'Opera', '115'],
    ['Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko', 'Internet Explorer', '11'],
    ['analytics-node-next/3.1.0', 'analytics-node-next', '3'],
    ['okhttp/4.12.0', 'okhttp', '4'],
  ])('%s → %s %s', (ua, family, major) => {
    expect(reduceUserAgent(ua)).toEqual({ family, major })
  })

  it('names no family it cannot tell, and keeps nothing of the string', () => {
    expect(reduceUserAgent('Mozilla/5.0 (X11; HospitalKiosk 4.2 ward-7b)')).toEqual({ family: 'Other browser', major: null })
    expect(reduceUserAgent('Patient Jane Roe terminal')).toEqual({ family: 'Other', major: null })
    expect(reduceUserAgent('')).toBeNull()
    expect(reduceUserAgent(undefined)).toBeNull()
  })
})
