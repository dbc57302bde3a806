import { describe, expect, it } from 'vitest'
import { isAtLeast, moreSevere } from '@/lib/severity'
import { severityFromLabel, severityFromPagerDuty, severityToPagerDuty } from './severity'

describe('severityFromLabel (Alertmanager severity label)', () => {
  it.each([
    ['critical', 'critical'],
    ['page', 'critical'],
    ['P1', 'critical'],
    ['high', 'high'],
    ['error', 'high'],
    ['p2', 'high'],
    ['warning', 'medium'],
    ['medium', 'medium'],
    ['p3', 'medium'],
    ['low', 'low'],
    ['p4', 'low'],
    ['info', 'info'],
    ['none', 'info'],
    ['p5', 'info'],
    [' Critical ', 'critical'],
    ['disaster', 'medium'],
    ['', 'medium'],
    [undefined, 'medium'],
  ] as const)('%j → %s', (label, expected) => {
    expect(severityFromLabel(label)).toBe(expected)
  })
})

describe('PagerDuty severities', () => {
  it.each([
    ['critical', 'critical'],
    ['error', 'high'],
    ['warning', 'medium'],
    ['info', 'info'],
  ] as const)('%s → %s and back', (word, expected) => {
    expect(severityFromPagerDuty(word)).toBe(expected)
    expect(severityToPagerDuty(expected)).toBe(word)
  })

  it('sends low as info', () => {
    expect(severityToPagerDuty('low')).toBe('info')
  })
})

describe('ordering', () => {
  it('picks the more severe and compares against a floor', () => {
    expect(moreSevere('medium', 'high')).toBe('high')
    expect(moreSevere('critical', 'info')).toBe('critical')
    expect(isAtLeast('high', 'high')).toBe(true)
    expect(isAtLeast('medium', 'high')).toBe(false)
  })
})
