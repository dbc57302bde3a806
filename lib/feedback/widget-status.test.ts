import { describe, expect, it } from 'vitest'
import { widgetStatusOf } from './widget-status'

describe('widgetStatusOf', () => {
  it.each([
    ['new', 'received'],
    ['triaged', 'in_review'],
    ['in_progress', 'in_review'],
    ['planned', 'planned'],
    ['done', 'fixed'],
    ['wont_do', 'closed'],
  ] as const)('%s → %s', (status, word) => {
    expect(widgetStatusOf(status)).toBe(word)
  })

  it('shows a merged duplicate its parent’s status', () => {
    expect(widgetStatusOf('triaged', 'planned')).toBe('planned')
    expect(widgetStatusOf('triaged', 'done')).toBe('fixed')
  })
})
