import { describe, expect, it } from 'vitest'
import { alertmanagerGroupKey, contentDedupKey, dedupKeyFor, labelsFingerprint, normaliseForDedup, safeKey } from './dedup'

const base = { service: 'ai-engine', system: 'sla_monitoring', message: 'Response time SLA violated' }

describe('dedupKeyFor', () => {
  it('prefers the explicit key, then the fingerprint, then the content hash', () => {
    expect(dedupKeyFor({ ...base, dedupKey: 'db-primary-down', fingerprint: 'abc' })).toBe('db-primary-down')
    expect(dedupKeyFor({ ...base, fingerprint: 'cbe2ac861e94711a' })).toBe('fp:cbe2ac861e94711a')
    expect(dedupKeyFor(base)).toBe(contentDedupKey(base))
    expect(dedupKeyFor({ ...base, dedupKey: '   ' })).toBe(contentDedupKey(base))
  })

  it('hashes service | system | message, ignoring case and whitespace', () => {
    const k = contentDedupKey(base)
    expect(k).toMatch(/^h:[0-9a-f]{64}$/)
    expect(contentDedupKey({ service: 'AI-engine', system: ' sla_monitoring', message: 'response   time SLA\nviolated ' })).toBe(k)
    expect(contentDedupKey({ ...base, service: 'med-review' })).not.toBe(k)
    expect(contentDedupKey({ ...base, system: 'other' })).not.toBe(k)
    expect(contentDedupKey({ ...base, message: 'Response time SLA restored' })).not.toBe(k)
    expect(contentDedupKey({ ...base, service: null })).toBe(contentDedupKey({ ...base, service: '' }))
  })

  it('keeps the parts apart (a separator inside a part does not shift it into the next)', () => {
    expect(contentDedupKey({ service: 'x', system: 'a|b', message: 'c' })).not.toBe(contentDedupKey({ service: 'x', system: 'a', message: 'b|c' }))
  })

  it('replaces an explicit key that carries PHI with its hash', () => {
    const k = safeKey('patient MRN 00482913 stuck')
    expect(k).toMatch(/^k:[0-9a-f]{64}$/)
    expect(k).toBe(safeKey('patient MRN 00482913 stuck'))
    expect(safeKey(' probe:1234 ')).toBe('probe:1234')
  })
})

describe('normaliseForDedup', () => {
  it('folds case, width and whitespace', () => {
    expect(normaliseForDedup('  Ｈigh   Latency\t')).toBe('high latency')
    expect(normaliseForDedup(null)).toBe('')
  })
})

describe('Alertmanager keys', () => {
  it('keys a notification group by receiver and groupKey', () => {
    const k = alertmanagerGroupKey('wardroom', '{}:{alertname="TriageLatencyHigh", service="ai-engine"}')
    expect(k).toMatch(/^am:[0-9a-f]{40}$/)
    expect(alertmanagerGroupKey('wardroom', '{}:{alertname="TriageLatencyHigh", service="ai-engine"}')).toBe(k)
    expect(alertmanagerGroupKey('other', '{}:{alertname="TriageLatencyHigh", service="ai-engine"}')).not.toBe(k)
  })

  it('fingerprints labels independently of their order', () => {
    expect(labelsFingerprint({ a: '1', b: '2' })).toBe(labelsFingerprint({ b: '2', a: '1' }))
    expect(labelsFingerprint({ a: '1', b: '2' })).not.toBe(labelsFingerprint({ a: '1', b: '3' }))
  })
})
