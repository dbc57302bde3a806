import { describe, expect, it } from 'vitest'
import { applyMode, fieldStateFor, filterHref } from './filter-url'

describe('applyMode', () => {
  it.each([
    [{ tagName: 'SELECT', type: 'select-one' }, 'now'],
    [{ tagName: 'INPUT', type: 'checkbox' }, 'now'],
    [{ tagName: 'INPUT', type: 'radio' }, 'now'],
    [{ tagName: 'INPUT', type: 'date' }, 'now'],
    [{ tagName: 'INPUT', type: 'text' }, 'after-typing'],
    [{ tagName: 'INPUT', type: 'search' }, 'after-typing'],
    [{ tagName: 'TEXTAREA', type: 'textarea' }, 'after-typing'],
    [{ tagName: 'INPUT', type: 'hidden' }, 'never'],
    [{ tagName: 'INPUT', type: 'submit' }, 'never'],
    [{ tagName: 'BUTTON', type: 'submit' }, 'never'],
  ])('%j → %s', (control, mode) => {
    expect(applyMode(control)).toBe(mode)
  })
})

describe('filterHref', () => {
  it('keeps the filled fields in form order, repeated names (checkboxes) included', () => {
    expect(
      filterHref('/incidents', [
        ['severity', 'critical'],
        ['severity', 'high'],
        ['service', ''],
        ['assignee', 'unassigned'],
      ]),
    ).toBe('/incidents?severity=critical&severity=high&assignee=unassigned')
  })

  it('drops empty and blank values, trims typed text and encodes it', () => {
    expect(filterHref('/flags', [['q', '  sepsis alert '], ['environment', ''], ['tag', '   ']])).toBe('/flags?q=sepsis+alert')
  })

  it('is the bare list page when nothing is filtered', () => {
    expect(filterHref('/admin/audit', [['actor', ''], ['action', '']])).toBe('/admin/audit')
    expect(filterHref('/admin/audit', new URLSearchParams(''))).toBe('/admin/audit')
  })

  it('gives the same address for the form and for the URL it produced, so an unchanged filter does not navigate', () => {
    const fromForm = filterHref('/flags', [['q', 'x'], ['environment', 'production'], ['category', '']])
    expect(filterHref('/flags', new URLSearchParams(fromForm.split('?')[1]))).toBe(fromForm)
  })
})

describe('fieldStateFor', () => {
  const params = new URLSearchParams('severity=critical&severity=low&service=ehr&q=')
  it.each([
    [{ name: 'severity', type: 'checkbox', value: 'critical' }, { checked: true }],
    [{ name: 'severity', type: 'checkbox', value: 'high' }, { checked: false }],
    [{ name: 'service', type: 'select-one', value: '' }, { value: 'ehr' }],
    [{ name: 'assignee', type: 'select-one', value: 'u1' }, { value: '' }],
    [{ name: 'q', type: 'text', value: 'old' }, { value: '' }],
  ])('%j → %j', (field, state) => {
    expect(fieldStateFor(field, params)).toEqual(state)
  })
})
