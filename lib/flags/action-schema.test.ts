import { describe, expect, it } from 'vitest'
import { BOOLEAN_VARIANTS, CreateFlagForm, parseVariantsText, StartRolloutForm, UpdateFlagForm } from './action-schema'

describe('parseVariantsText', () => {
  it('boolean flags always get off/on', () => {
    expect(parseVariantsText('boolean', 'ignored')).toEqual({ ok: true, variants: BOOLEAN_VARIANTS })
  })

  it.each([
    ['string', 'v1 = triage-2025\nv2', [{ key: 'v1', value: 'triage-2025' }, { key: 'v2', value: 'v2' }]],
    ['number', 'low = 0.2\r\nhigh = 0.8\n\n', [{ key: 'low', value: 0.2 }, { key: 'high', value: 0.8 }]],
    ['json', 'a = {"model": "x", "k": [1]}', [{ key: 'a', value: { model: 'x', k: [1] } }]],
  ] as const)('%s variants', (type, source, variants) => {
    expect(parseVariantsText(type, source)).toEqual({ ok: true, variants })
  })

  it.each([
    ['string', '', /at least one variant/],
    ['string', 'a b = x', /Line 1: the key “a b”/],
    ['string', 'a\na', /Line 2: the key “a” is used twice/],
    ['number', 'low', /Line 1: give a value/],
    ['number', 'low = many', /not a number/],
    ['json', 'a = {oops}', /not valid JSON/],
    ['string', Array.from({ length: 21 }, (_, i) => `v${i}`).join('\n'), /at most 20/],
  ] as const)('%s %j is refused in words', (type, source, message) => {
    const r = parseVariantsText(type, source)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toMatch(message)
  })
})

describe('form schemas', () => {
  it('CreateFlagForm turns the form into the command input', () => {
    expect(CreateFlagForm.parse({ key: 'sepsis_alert', name: 'Sepsis', type: 'boolean', tags: 'hipaa, ed ,', description: '' })).toEqual({
      key: 'sepsis_alert',
      name: 'Sepsis',
      description: '',
      type: 'boolean',
      variants: BOOLEAN_VARIANTS,
      owner: '',
      tags: ['hipaa', 'ed'],
      category: 'operational',
      guardedSloKeys: [],
    })
    const bad = CreateFlagForm.safeParse({ key: 'x_flag', name: 'X', type: 'json', variantsText: 'a = nope' })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0]?.path).toEqual(['variantsText'])
  })

  it('StartRolloutForm reads "5, 25, 50, 100" and numbers typed as text', () => {
    expect(StartRolloutForm.parse({ flagKey: 'x_flag', environment: 'production', variant: 'on', stages: '5%, 25, 50 ,100', stageIntervalHours: '24', violationThreshold: '3' })).toMatchObject({
      stages: [5, 25, 50, 100],
      stageIntervalHours: 24,
      violationThreshold: 3,
    })
    expect(StartRolloutForm.safeParse({ flagKey: 'x_flag', environment: 'production', variant: 'on', stages: '50, 25, 100', stageIntervalHours: 1, violationThreshold: 0 }).success).toBe(false)
  })

  it('UpdateFlagForm takes comma lists', () => {
    expect(UpdateFlagForm.parse({ flagKey: 'x_flag', name: 'X', category: 'diagnostic', lifecycle: 'active', tags: '', guardedSloKeys: 'a, b' })).toMatchObject({
      tags: [],
      guardedSloKeys: ['a', 'b'],
    })
  })
})
