import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { pagePermissions, pageRecord } from './page-access'
import { ADMIN } from './navigation'

describe('pagePermissions', () => {
  it.each([
    ['/', ['overview:read']],
    ['/incidents', ['incident:read']],
    ['/incidents/probes', ['incident:read']],
    ['/incidents/0b6c2f1e-8d3a-4a51-9f0e-2c7d1b5a9e44', ['incident:read']],
    ['/oncall', ['incident:read']],
    ['/services', ['incident:read']],
    ['/services/ai-engine', ['incident:read']],
    // Adding a service is for those who manage the catalogue.
    ['/services/new', ['service:manage']],
    ['/slo', ['slo:read']],
    ['/slo/triage-latency', ['slo:read']],
    // The longer prefix wins: reports need report:read, not slo:read.
    ['/slo/reports', ['report:read']],
    ['/slo/reports/0b6c2f1e-8d3a-4a51-9f0e-2c7d1b5a9e44', ['report:read']],
    // Defining objectives is the owners' (issue 12).
    ['/slo/manage', ['slo:manage']],
    ['/slo/manage/triage_latency', ['slo:manage']],
    ['/flags', ['flag:read']],
    ['/flags/experiments/checkout-copy', ['flag:read']],
    ['/analytics', ['analytics:read']],
    ['/analytics/funnels', ['analytics:read']],
    ['/analytics/events', ['analytics:read']],
    ['/analytics/insights', ['analytics:read']],
    // An existing workflow opens read-only for readers; a new one is for those who manage analytics.
    ['/analytics/workflows/diagnosis_workflow', ['analytics:read']],
    ['/analytics/workflows/new', ['analytics:manage']],
    ['/analytics/trends', ['analytics:read']],
    ['/analytics/retention', ['analytics:read']],
    ['/competitors', ['competitor:read']],
    ['/competitors/epic_systems', ['competitor:read']],
    ['/competitors/settings', ['competitor:edit']],
    ['/competitors/cells/epic_systems/ambient_documentation', ['competitor:read']],
    ['/feedback', ['feedback:read']],
    ['/feedback/sla', ['feedback:read']],
    ['/feedback/satisfaction', ['feedback:read']],
    ['/feedback/0b6c2f1e-8d3a-4a51-9f0e-2c7d1b5a9e44', ['feedback:read']],
    ['/roadmap', ['roadmap:read']],
    ['/roadmap/new', ['roadmap:edit']],
    ['/roadmap/0b6c2f1e-8d3a-4a51-9f0e-2c7d1b5a9e44', ['roadmap:read']],
    ['/competitors/review', ['competitor:read']],
    ['/roadmap/capacity', ['roadmap:read']],
    ['/roadmap/reviews', ['roadmap:read']],
    ['/roadmap/reviews/2026-Q4', ['roadmap:read']],
    ['/competitors/sources', ['competitor:read']],
    ['/admin/jobs', ['job:read']],
    ['/admin/jobs/sli-rollup', ['job:read']],
    ['/admin/users', ['user:manage']],
    ['/admin/audit', ['audit:read']],
    ['/admin/backups', ['backup:read']],
    ['/admin/security', ['security:read']],
  ] as const)('%s needs one of %j', (pathname, needs) => {
    expect(pagePermissions(pathname)).toEqual(needs)
  })

  it('lets the administration index open for anyone with one administration area', () => {
    expect(pagePermissions('/admin')).toEqual(ADMIN.map((a) => a.permission))
  })

  it('does not match a longer word that merely starts like a page', () => {
    expect(pagePermissions('/incidentsx')).toBeNull()
    expect(pagePermissions('/sloth')).toBeNull()
    expect(pagePermissions('/analyticsx')).toBeNull()
    expect(pagePermissions('/login')).toBeNull()
  })
})

describe('pageRecord', () => {
  it.each([
    ['/incidents/0b6c2f1e-8d3a-4a51-9f0e-2c7d1b5a9e44', { kind: 'incident', id: '0b6c2f1e-8d3a-4a51-9f0e-2c7d1b5a9e44' }],
    ['/flags/triage-model-v2', { kind: 'flag', id: 'triage-model-v2' }],
    ['/roadmap/reviews/2026-Q4', { kind: 'roadmap-review', id: '2026-Q4' }],
    ['/flags/with%20space', { kind: 'flag', id: 'with space' }],
    ['/flags/experiments/checkout-copy', { kind: 'experiment', id: 'checkout-copy' }],
    ['/slo/triage-latency', { kind: 'slo', id: 'triage-latency' }],
    ['/slo/reports/abc', { kind: 'report', id: 'abc' }],
    ['/slo/manage/triage_latency', { kind: 'slo', id: 'triage_latency' }],
    ['/admin/jobs/sli-rollup', { kind: 'job', id: 'sli-rollup' }],
    ['/services/ai-engine', { kind: 'service', id: 'ai-engine' }],
    ['/analytics/workflows/emergency_triage', { kind: 'workflow', id: 'emergency_triage' }],
    ['/competitors/epic_systems', { kind: 'competitor', id: 'epic_systems' }],
    ['/competitors/cells/epic_systems/ambient_documentation', { kind: 'competitor-cell', id: 'epic_systems/ambient_documentation' }],
    // A product key with an encoded slash could name another cell: no such cell.
    ['/competitors/cells/a%2Fb/c', { kind: 'competitor-cell', id: null }],
    ['/feedback/0b6c2f1e-8d3a-4a51-9f0e-2c7d1b5a9e44', { kind: 'feedback', id: '0b6c2f1e-8d3a-4a51-9f0e-2c7d1b5a9e44' }],
    ['/roadmap/0b6c2f1e-8d3a-4a51-9f0e-2c7d1b5a9e44', { kind: 'roadmap', id: '0b6c2f1e-8d3a-4a51-9f0e-2c7d1b5a9e44' }],
    // Not valid percent-encoding: a record page whose record cannot exist.
    ['/flags/%E0%A4%A', { kind: 'flag', id: null }],
  ] as const)('%s is the page of %j', (pathname, record) => {
    expect(pageRecord(pathname)).toEqual(record)
  })

  it.each(['/', '/incidents', '/incidents/probes', '/flags', '/flags/experiments', '/slo', '/slo/reports', '/slo/manage', '/slo/manage/new', '/admin/jobs', '/incidents/a/b', '/services', '/services/new', '/analytics/workflows/new', '/analytics/events', '/competitors', '/competitors/settings', '/competitors/review', '/competitors/sources', '/competitors/cells', '/competitors/cells/a', '/competitors/cells/a/b/c', '/feedback', '/feedback/sla', '/feedback/satisfaction', '/roadmap', '/roadmap/timeline', '/roadmap/capacity'])(
    '%s is no record page',
    (pathname) => {
      expect(pageRecord(pathname)).toBeNull()
    },
  )
})

/** Every page of app/(cockpit), as a path with a sample value for each dynamic segment. */
function cockpitPages(): { file: string; pathname: string; dynamic: boolean }[] {
  const root = path.resolve(import.meta.dirname, '..', 'app', '(cockpit)')
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name === 'page.tsx' ? [path.join(dir, e.name)] : []))
  return walk(root).map((file) => {
    const segments = path.relative(root, path.dirname(file)).split(path.sep).filter(Boolean)
    return {
      file: path.relative(root, file),
      pathname: `/${segments.map((s) => (s.startsWith('[') ? 'sample-record' : s)).join('/')}`,
      dynamic: segments.some((s) => s.startsWith('[')),
    }
  })
}

describe('the table matches the pages', () => {
  const pages = cockpitPages()

  it('reads the pages of the cockpit', () => {
    expect(pages.length).toBeGreaterThan(15)
  })

  it.each(pages.map((p) => [p.file, p] as const))('%s is gated by the permission the page itself requires', (_file, page) => {
    const source = readFileSync(path.resolve(import.meta.dirname, '..', 'app', '(cockpit)', page.file), 'utf8')
    const needs = pagePermissions(page.pathname)
    expect(needs, page.pathname).not.toBeNull()
    const required = source.match(/requirePagePermission\('([a-z]+:[a-z]+)'\)/)?.[1]
    // A page that checks one permission is gated by exactly it; the administration index checks its own list.
    if (required) expect(needs).toEqual([required])
    else expect(page.pathname).toBe('/admin')
  })

  it.each(pages.map((p) => [p.file, p] as const))('%s is a record page exactly when its path has a dynamic segment', (_file, page) => {
    expect(pageRecord(page.pathname) !== null).toBe(page.dynamic)
  })
})
