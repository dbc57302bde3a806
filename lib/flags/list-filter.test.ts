import { describe, expect, it } from 'vitest'
import { hasFlagFilter, parseFlagSearchParams, toListFilters } from './list-filter'

describe('parseFlagSearchParams', () => {
  it('keeps known values', () => {
    const { values, invalid } = parseFlagSearchParams({ environment: 'staging', category: 'diagnostic', tag: 'hipaa', lifecycle: 'stale', q: ' sepsis ' })
    expect(values).toEqual({ q: 'sepsis', environment: 'staging', category: 'diagnostic', tag: 'hipaa', lifecycle: 'stale' })
    expect(invalid).toEqual([])
    expect(hasFlagFilter(values)).toBe(true)
    expect(toListFilters(values)).toEqual({ q: 'sepsis', environment: 'staging', category: 'diagnostic', tag: 'hipaa', lifecycle: 'stale' })
  })

  it('drops and names unknown values instead of failing', () => {
    const { values, invalid } = parseFlagSearchParams({ environment: 'prod', category: 'x', lifecycle: ['gone', 'active'], tag: '<script>', q: 'a'.repeat(101) })
    expect(values).toEqual({ q: '', environment: '', category: '', tag: '', lifecycle: '' })
    expect(invalid.sort()).toEqual(['category', 'environment', 'lifecycle', 'q', 'tag'])
    expect(hasFlagFilter(values)).toBe(false)
    expect(toListFilters(values)).toEqual({})
  })

  it('takes the first of repeated parameters', () => {
    expect(parseFlagSearchParams({ environment: ['production', 'staging'] }).values.environment).toBe('production')
  })
})
