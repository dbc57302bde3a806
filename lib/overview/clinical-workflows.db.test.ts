import { describe, expect, it } from 'vitest'
import { createSlo } from '@/test/slo-factories'
import { ROLES } from '@/lib/rbac'
import { getClinicalHome, showsClinicalHome } from './clinical-workflows'

describe('the clinician home', () => {
  it('is the home of the roles that read SLOs but do not run operations: clinicians', () => {
    expect(ROLES.filter(showsClinicalHome)).toEqual(['clinician'])
  })

  it('groups the objectives by clinical workflow, in the product order, and leaves out service-wide ones', async () => {
    const triage = await createSlo({ name: 'Triage response time (home test)', workflow: 'emergency_triage' })
    const wide = await createSlo({ name: 'Availability (home test)' })
    const home = await getClinicalHome('clinician')
    expect(home!.map((w) => w.label)).toEqual(['Emergency triage', 'Diagnosis', 'Medication review'])
    const keys = home!.flatMap((w) => w.slos.map((s) => s.key))
    expect(home![0]!.slos.map((s) => s.key)).toContain(triage.key)
    expect(keys).not.toContain(wide.key)
    expect(home!.every((w) => w.slos.every((s) => s.workflow === w.workflow))).toBe(true)
  })

  it('is not shown to operations, viewers or administrators', async () => {
    for (const role of ['ops', 'viewer', 'admin', 'executive', 'pm'] as const) expect(await getClinicalHome(role)).toBeNull()
  })
})
