import { describe, expect, it } from 'vitest'
import { PERMISSIONS, ROLES, ROLE_PERMISSIONS, hasPermission, type Permission, type Role } from './rbac'

// The matrix as the product promises it, written out by hand so that a change to lib/rbac.ts is a
// deliberate change to this table too.
const expected: Record<Permission, Role[]> = {
  'overview:read': ['admin', 'ops', 'executive', 'pm', 'clinician', 'viewer', 'safety_officer'],
  'incident:read': ['admin', 'ops', 'executive', 'pm', 'viewer', 'safety_officer'],
  'incident:ack': ['admin', 'ops'],
  'incident:manage': ['admin', 'ops'],
  'oncall:manage': ['admin', 'ops'],
  'service:manage': ['admin', 'ops'],
  'probe:manage': ['admin', 'ops'],
  'notification:manage': ['admin', 'ops'],
  // Clinicians read the SLOs of their clinical workflows (their home on the overview).
  'slo:read': ['admin', 'ops', 'executive', 'pm', 'clinician', 'viewer', 'safety_officer'],
  'slo:manage': ['admin', 'pm'],
  'report:read': ['admin', 'ops', 'executive', 'pm', 'viewer', 'safety_officer'],
  'flag:read': ['admin', 'ops', 'executive', 'pm', 'viewer'],
  // Operations stop harm (kill switch, pause, roll back); what a flag does and how far it rolls out is the PM's.
  'flag:edit': ['admin', 'pm'],
  'flag:emergency': ['admin', 'ops', 'pm'],
  'flag:approve': ['admin', 'pm'],
  'flag:compliance': ['admin', 'pm'],
  'analytics:read': ['admin', 'ops', 'executive', 'pm', 'viewer'],
  'analytics:manage': ['admin', 'pm'],
  'feedback:read': ['admin', 'ops', 'executive', 'pm', 'viewer', 'safety_officer'],
  'feedback:submit': ['admin', 'ops', 'pm', 'clinician', 'safety_officer'],
  'feedback:triage': ['admin', 'pm', 'safety_officer'],
  'competitor:read': ['admin', 'ops', 'executive', 'pm', 'viewer'],
  'competitor:edit': ['admin', 'pm'],
  'roadmap:read': ['admin', 'ops', 'executive', 'pm', 'clinician', 'viewer'],
  'roadmap:edit': ['admin', 'pm'],
  'user:manage': ['admin'],
  'apikey:manage': ['admin'],
  'audit:read': ['admin'],
  'job:read': ['admin', 'ops'],
  'job:run': ['admin'],
  'backup:read': ['admin', 'ops'],
  'backup:run': ['admin'],
  'security:read': ['admin'],
  'security:manage': ['admin'],
}

describe('role × permission matrix', () => {
  it('covers every permission', () => {
    expect(Object.keys(expected).sort()).toEqual([...PERMISSIONS].sort())
  })

  for (const permission of PERMISSIONS) {
    it(`${permission}: ${expected[permission].join(', ')}`, () => {
      const granted = ROLES.filter((r) => hasPermission(r, permission))
      expect(granted).toEqual(expected[permission])
    })
  }

  it('holds flag:emergency wherever flag:edit is held (the emergency controls are a subset of editing)', () => {
    for (const role of ROLES) if (hasPermission(role, 'flag:edit')) expect(hasPermission(role, 'flag:emergency'), role).toBe(true)
  })

  it('gives administrators everything and viewers nothing that writes', () => {
    expect(ROLE_PERMISSIONS.admin.size).toBe(PERMISSIONS.length)
    for (const p of ROLE_PERMISSIONS.viewer) expect(p).toMatch(/:read$/)
  })
})
