import { describe, expect, it } from 'vitest'
import { fillPattern, patternOf, patternsOf, planPages } from './page-routes'

describe('patternOf', () => {
  it('turns a page file under the cockpit into its URL pattern, route groups dropped', () => {
    expect(patternOf('page.tsx')).toBe('/')
    expect(patternOf('roadmap/[id]/page.tsx')).toBe('/roadmap/[id]')
    expect(patternOf('competitors/cells/[product]/[capability]/page.tsx')).toBe('/competitors/cells/[product]/[capability]')
    expect(patternOf('(reports)/slo/reports/page.tsx')).toBe('/slo/reports')
    expect(patternOf('roadmap\\timeline\\page.tsx')).toBe('/roadmap/timeline')
    expect(patternOf('roadmap/layout.tsx')).toBeNull()
    expect(patternOf('roadmap/page.test.tsx')).toBeNull()
  })
})

describe('patternsOf', () => {
  it('lists each page once, sorted, ignoring other files and directories', () => {
    expect(patternsOf(['roadmap', 'roadmap/page.tsx', 'page.tsx', 'feedback/[id]/page.tsx', 'feedback/[id]/actions.ts', 'feedback/page.tsx'])).toEqual([
      '/',
      '/feedback',
      '/feedback/[id]',
      '/roadmap',
    ])
  })
})

describe('planPages', () => {
  it('keeps static pages, fills dynamic ones from their example, and tells apart no record from no lookup', () => {
    const plan = planPages(['/', '/feedback/[id]', '/roadmap/[id]', '/roadmap/reviews/[quarter]', '/services/[key]'], {
      '/feedback/[id]': '/feedback/5c1e',
      '/roadmap/[id]': '/roadmap/9a0b',
      '/roadmap/reviews/[quarter]': null,
    })
    expect(plan).toEqual({ paths: ['/', '/feedback/5c1e', '/roadmap/9a0b'], noRecord: ['/roadmap/reviews/[quarter]'], unknown: ['/services/[key]'] })
  })
})

describe('fillPattern', () => {
  it('fills every segment by name, URL-encoded', () => {
    expect(fillPattern('/competitors/cells/[product]/[capability]', { product: 'epic_systems', capability: 'ambient notes' })).toBe(
      '/competitors/cells/epic_systems/ambient%20notes',
    )
    expect(fillPattern('/roadmap/reviews/[quarter]', { quarter: '2026-Q4' })).toBe('/roadmap/reviews/2026-Q4')
  })

  it('throws when a segment has no value', () => {
    expect(() => fillPattern('/roadmap/[id]', { key: 'x' })).toThrow('/roadmap/[id]: no value for [id]')
  })
})
