import { describe, expect, it } from 'vitest'
import { ROLES, hasPermission, type Permission } from '@/lib/rbac'
import { ROLE_DESCRIPTIONS } from './role-descriptions'

/**
 * The Users page's role lines must say what lib/rbac.ts grants: for each permission a phrase that a role's
 * line names exactly when the role holds it (administrators are "everything").
 */
const PHRASES: [Permission, RegExp][] = [
  ['incident:manage', /\bincidents\b/i],
  ['flag:emergency', /kill switch/i],
  ['flag:edit', /targeting|rollouts, kill/i],
  ['flag:approve', /approvals/i],
  ['feedback:submit', /submits feedback|feedback triage/i],
  ['slo:manage', /SLO targets/i],
  ['notification:manage', /notifications/i],
]

describe('role descriptions', () => {
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    it(`${role}: “${ROLE_DESCRIPTIONS[role]}”`, () => {
      for (const [permission, phrase] of PHRASES) {
        if (permission === 'feedback:submit' && role === 'ops') continue // ops may submit feedback but it is not their work
        expect(phrase.test(ROLE_DESCRIPTIONS[role]), `${role} and ${permission}`).toBe(hasPermission(role, permission))
      }
    })
  }

  it('say what operations may not do with flags', () => {
    expect(hasPermission('ops', 'flag:edit')).toBe(false)
    expect(ROLE_DESCRIPTIONS.ops).toMatch(/not editing flags or starting rollouts/)
  })

  it('give the clinician the SLOs, read-only', () => {
    expect(hasPermission('clinician', 'slo:read')).toBe(true)
    expect(ROLE_DESCRIPTIONS.clinician).toMatch(/service levels of the clinical workflows, read-only/)
  })
})
