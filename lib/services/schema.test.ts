import { describe, expect, it } from 'vitest'
import { CreateServiceInput, parseCatalogueFilters, UpdateServiceInput } from './schema'

const ok = { key: 'triage-api', name: 'Triage API', ownerTeam: 'Emergency care apps', tier: '1' }
const ID = '6a1f0000-0000-4000-8000-000000000001'

describe('CreateServiceInput', () => {
  it('reads a form: tier as a number, blank runbook and policy dropped, one dependency as a list', () => {
    expect(CreateServiceInput.parse({ ...ok, runbookUrl: '', escalationPolicyId: '', dependsOn: ID })).toEqual({
      key: 'triage-api',
      name: 'Triage API',
      description: '',
      ownerTeam: 'Emergency care apps',
      tier: 1,
      dependsOn: [ID],
    })
  })

  it('lower-cases and trims the key', () => {
    expect(CreateServiceInput.parse({ ...ok, key: '  Triage-API ' }).key).toBe('triage-api')
  })

  it.each([
    ['an https runbook', { runbookUrl: 'https://wiki.example/runbooks/triage' }, null],
    ['an http runbook', { runbookUrl: 'http://intranet/runbook' }, null],
    ['a javascript: runbook', { runbookUrl: 'javascript:alert(1)' }, 'runbookUrl'],
    ['a file: runbook', { runbookUrl: 'file:///etc/passwd' }, 'runbookUrl'],
    ['a runbook that is no URL', { runbookUrl: 'see wiki' }, 'runbookUrl'],
    ['tier 0', { tier: '0' }, 'tier'],
    ['tier 4', { tier: 4 }, 'tier'],
    ['no tier', { tier: '' }, 'tier'],
    ['a key with spaces', { key: 'triage api' }, 'key'],
    ['the reserved key new', { key: 'new' }, 'key'],
    ['no owner team', { ownerTeam: '  ' }, 'ownerTeam'],
    ['a name with a control character', { name: 'Tri\u0007age' }, 'name'],
    ['a dependency that is no id', { dependsOn: ['ai-engine'] }, 'dependsOn.0'],
  ])('%s', (_name, over, field) => {
    const r = CreateServiceInput.safeParse({ ...ok, ...over })
    if (field === null) expect(r.success).toBe(true)
    else expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(field)
  })

  it('takes several dependencies from a checkbox group', () => {
    const other = '6a1f0000-0000-4000-8000-000000000002'
    expect(UpdateServiceInput.parse({ ...ok, id: ID, dependsOn: [ID, other] }).dependsOn).toEqual([ID, other])
  })
})

describe('parseCatalogueFilters', () => {
  it.each([
    [{}, {}, []],
    [{ tier: '2' }, { tier: 2 }, []],
    [{ tier: '7' }, {}, ['tier']],
    [{ owner: ' Imaging ' }, { owner: 'Imaging' }, []],
    [{ owner: 'x'.repeat(121) }, {}, ['owner']],
    [{ archived: 'show', tier: ['1', '3'] }, { archived: true, tier: 1 }, []],
  ])('%j → %j, invalid %j', (params, filters, invalid) => {
    expect(parseCatalogueFilters(params)).toEqual({ filters, invalid })
  })
})
