import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { AlertmanagerPayload, ApiAlertInput, canMoveIncident, PagerDutyEvent, PostmortemInput } from './schema'

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../test/fixtures', name), 'utf8'))

const fieldsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (r.error?.issues ?? []).map((i) => i.path.join('.'))

describe('ApiAlertInput', () => {
  const ok = { severity: 'critical', system: 'sla_monitoring', message: 'Response time SLA violated', timestamp: '2025-11-04T11:10:29Z' }

  it('accepts the seed alert and optional fields', () => {
    expect(ApiAlertInput.parse(ok)).toEqual(ok)
    const full = ApiAlertInput.parse({ ...ok, severity: 'HIGH', dedupKey: 'k1', service: 'AI-Engine', details: { p99: 2034 } })
    expect(full).toMatchObject({ severity: 'high', service: 'ai-engine', details: { p99: 2034 } })
  })

  it.each([
    [{ ...ok, severity: 'urgent' }, 'severity'],
    [{ ...ok, timestamp: 'yesterday' }, 'timestamp'],
    [{ ...ok, message: '' }, 'message'],
    [{ ...ok, system: undefined }, 'system'],
    [{ ...ok, service: 'Bad Key!' }, 'service'],
    [{ ...ok, details: ['not', 'an', 'object'] }, 'details'],
    [{ ...ok, dedupKey: 'x'.repeat(300) }, 'dedupKey'],
  ])('names the bad field %#', (input, field) => {
    const r = ApiAlertInput.safeParse(input)
    expect(r.success).toBe(false)
    expect(fieldsOf(r)).toContain(field)
  })
})

describe('AlertmanagerPayload', () => {
  it('parses the real firing and resolved fixtures', () => {
    const firing = AlertmanagerPayload.parse(fixture('alertmanager-v4-firing.json'))
    expect(firing.alerts).toHaveLength(2)
    expect(firing.alerts[0]!.fingerprint).toBe('cbe2ac861e94711a')
    const resolved = AlertmanagerPayload.parse(fixture('alertmanager-v4-resolved.json'))
    expect(resolved.alerts.every((a) => a.status === 'resolved')).toBe(true)
  })

  it('refuses other versions and empty groups, naming the field', () => {
    const body = fixture('alertmanager-v4-firing.json') as Record<string, unknown>
    expect(fieldsOf(AlertmanagerPayload.safeParse({ ...body, version: '3' }))).toContain('version')
    expect(fieldsOf(AlertmanagerPayload.safeParse({ ...body, alerts: [] }))).toContain('alerts')
  })
})

describe('PagerDutyEvent', () => {
  const trigger = {
    routing_key: 'k',
    event_action: 'trigger',
    payload: { summary: 'Disk full', source: 'db-1', severity: 'critical' },
  }

  it('accepts trigger without dedup_key, requires it to acknowledge or resolve', () => {
    expect(PagerDutyEvent.safeParse(trigger).success).toBe(true)
    expect(fieldsOf(PagerDutyEvent.safeParse({ routing_key: 'k', event_action: 'resolve' }))).toContain('dedup_key')
    expect(PagerDutyEvent.safeParse({ routing_key: 'k', event_action: 'acknowledge', dedup_key: 'd' }).success).toBe(true)
  })

  it('names bad fields', () => {
    expect(fieldsOf(PagerDutyEvent.safeParse({ ...trigger, event_action: 'snooze' }))).toContain('event_action')
    expect(fieldsOf(PagerDutyEvent.safeParse({ ...trigger, payload: { ...trigger.payload, severity: 'high' } }))).toContain('payload.severity')
    expect(fieldsOf(PagerDutyEvent.safeParse({ routing_key: 'k', event_action: 'trigger' }))).toContain('payload')
  })
})

describe('board moves', () => {
  it.each([
    ['triggered', 'acknowledged', true],
    ['triggered', 'resolved', true],
    ['acknowledged', 'investigating', true],
    ['investigating', 'acknowledged', true],
    ['resolved', 'triggered', true],
    ['acknowledged', 'triggered', false],
    ['resolved', 'acknowledged', false],
  ] as const)('%s → %s: %s', (from, to, allowed) => {
    expect(canMoveIncident(from, to)).toBe(allowed)
  })
})

describe('PostmortemInput', () => {
  it('defaults empty parts and validates owners and dates', () => {
    expect(PostmortemInput.parse({})).toEqual({ summary: '', rootCause: '', impact: '', actions: [] })
    const bad = PostmortemInput.safeParse({ actions: [{ text: 'Fix it', ownerId: 'nobody', dueDate: '31/12/2026' }] })
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['actions.0.ownerId', 'actions.0.dueDate']))
  })
})
