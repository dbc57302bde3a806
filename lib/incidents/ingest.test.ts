/** The pure parts of ingest: preparation (validation, redaction, keys) and the adapters' shapes. No database. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ApiError } from '@/lib/errors'
import { containsPhi } from '../phi/redact'
import { alertmanagerGroupKey, contentDedupKey } from './dedup'
import { normalizeAlertmanagerAlert } from './adapters/alertmanager'
import { normalizePagerDutyTrigger } from './adapters/pagerduty'
import { prepareAlert } from './prepare'
import { AlertmanagerPayload, PagerDutyEvent } from './schema'

const firing = AlertmanagerPayload.parse(
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../test/fixtures/alertmanager-v4-firing.json'), 'utf8')),
)

const PHI_MESSAGE = 'Triage failed for patient John Smith MRN: 00482913 DOB 1985-03-12 call 555-123-4567 jane.doe@stmary.org SSN 123-45-6789'

describe('prepareAlert', () => {
  const base = { source: 'api' as const, severity: 'high' as const, system: 'sla_monitoring', occurredAt: new Date('2025-11-04T11:10:29Z') }

  it('redacts message and details before anything is stored', () => {
    const a = prepareAlert({
      ...base,
      message: PHI_MESSAGE,
      details: { note: 'MRN 12345678 late', patient_name: 'John Smith', nested: { contact: 'jane.doe@stmary.org' }, p99: 2034 },
    })
    expect(containsPhi(a.message)).toBe(false)
    expect(a.message).toContain('[MRN]')
    expect(JSON.stringify(a.details)).not.toMatch(/12345678|John|jane\.doe/)
    expect(a.details).toMatchObject({ patient_name: '[REDACTED]', p99: 2034 })
  })

  it('keys by the redacted text: alerts differing only by a patient identifier group together', () => {
    const a = prepareAlert({ ...base, message: 'Score missing for MRN 00482913' })
    const b = prepareAlert({ ...base, message: 'Score missing for MRN 00999999' })
    expect(a.dedupKey).toBe(b.dedupKey)
    expect(a.dedupKey).toBe(contentDedupKey({ service: null, system: 'sla_monitoring', message: 'Score missing for [MRN]' }))
  })

  it('uses an explicit key and lower-cases the service', () => {
    const a = prepareAlert({ ...base, message: 'x', dedupKey: 'probe:42', serviceKey: 'AI-Engine' })
    expect(a).toMatchObject({ dedupKey: 'probe:42', serviceKey: 'ai-engine', fingerprint: null })
  })

  it('refuses invalid input with a 422 naming the field', () => {
    try {
      prepareAlert({ ...base, message: '' })
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError)
      expect((e as ApiError).status).toBe(422)
      expect((e as ApiError).fields).toHaveProperty('message')
    }
  })
})

describe('normalizeAlertmanagerAlert', () => {
  it('maps the real fixture: one group key, per-alert fingerprints, severity label, workflow label', () => {
    const [a, b] = firing.alerts.map((alert) => normalizeAlertmanagerAlert(firing, alert))
    expect(a).toMatchObject({
      source: 'alertmanager',
      severity: 'critical',
      system: 'TriageLatencyHigh',
      message: 'p95 triage response time above 2s',
      serviceKey: 'ai-engine',
      workflows: ['emergency_triage'],
      fingerprint: 'cbe2ac861e94711a',
      dedupKey: alertmanagerGroupKey('wardroom', firing.groupKey),
    })
    expect(a!.occurredAt.toISOString()).toBe('2026-11-24T19:11:44.000Z')
    expect(b!.dedupKey).toBe(a!.dedupKey)
    expect(b!.fingerprint).toBe('0b147f5685d2059b')
  })
})

describe('normalizePagerDutyTrigger', () => {
  it('maps summary, source, severity and keeps the details', () => {
    const event = PagerDutyEvent.parse({
      routing_key: 'k',
      event_action: 'trigger',
      dedup_key: 'srv01/disk',
      payload: { summary: 'Disk full', source: 'srv01', severity: 'error', component: 'postgres', custom_details: { free: '2%' } },
      links: [{ href: 'https://runbooks.example/disk', text: 'Runbook' }],
    })
    const n = normalizePagerDutyTrigger(event, 'ehr-bridge')
    expect(n).toMatchObject({ source: 'pagerduty', severity: 'high', system: 'srv01', message: 'Disk full', dedupKey: 'srv01/disk', serviceKey: 'ehr-bridge' })
    expect(n.details).toMatchObject({ custom_details: { free: '2%' }, component: 'postgres', links: [{ href: 'https://runbooks.example/disk' }] })
  })
})

describe('peer keys that look like PHI', () => {
  const base = { source: 'pagerduty' as const, severity: 'high' as const, system: 'ehr-bridge', message: 'Score missing', occurredAt: new Date('2025-11-04T11:10:29Z') }

  it('stores a PagerDuty dedup_key carrying an MRN only as its hash, in the key and in the fingerprint', () => {
    const a = prepareAlert({ ...base, dedupKey: 'MRN 00482913', fingerprint: 'MRN 00482913' })
    expect(a.dedupKey).toMatch(/^k:[0-9a-f]{64}$/)
    expect(a.fingerprint).toMatch(/^k:[0-9a-f]{64}$/)
    expect(JSON.stringify(a)).not.toContain('00482913')
  })

  it('hashes an Alertmanager fingerprint that is a patient name, and keeps machine fingerprints as they are', () => {
    const named = normalizeAlertmanagerAlert(firing, { ...firing.alerts[0]!, fingerprint: 'jane.doe@stmary.org' })
    expect(prepareAlert(named).fingerprint).toMatch(/^k:[0-9a-f]{64}$/)
    const plain = normalizeAlertmanagerAlert(firing, firing.alerts[0]!)
    expect(prepareAlert(plain).fingerprint).toBe('cbe2ac861e94711a')
  })
})
