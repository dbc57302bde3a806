import { describe, expect, it } from 'vitest'
import { describeChange, payloadHash } from './change'
import { servesEveryoneAlike } from '@/lib/flags/stale'
import { etagMatches } from './ofrep'

describe('change requests', () => {
  it('hash the payload independently of key order, and differently after an edit', () => {
    const a = payloadHash({ kind: 'percentage', variant: 'on', percentage: 25 })
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(payloadHash({ percentage: 25, variant: 'on', kind: 'percentage' } as never)).toBe(a)
    expect(payloadHash({ kind: 'percentage', variant: 'on', percentage: 50 })).not.toBe(a)
  })

  it('describe changes without targeting values', () => {
    expect(describeChange({ kind: 'percentage', variant: 'on', percentage: 25, targetUsers: ['mrn-1', 'mrn-2'] })).toBe('Serve on to 25 % and 2 targeted users')
    expect(describeChange({ kind: 'kill_switch', killed: false })).toBe('Turn the kill switch off')
    expect(describeChange({ kind: 'environment', config: { enabled: true, offVariant: 'off', rules: [], defaultServe: { split: [{ variant: 'on', weight: 10 }, { variant: 'off', weight: 90 }] } } })).toBe(
      'Turn on: default on 10 % / off 90 %',
    )
    expect(describeChange({ kind: 'flag_update', update: { category: 'operational' } })).toBe('Change category')
  })
})

describe('stale detection', () => {
  const cfg = { enabled: true, offVariant: 'off', rules: [], defaultServe: { variant: 'on' } }
  it.each<[string, Parameters<typeof servesEveryoneAlike>[0], boolean, boolean]>([
    ['100 % one variant', cfg, false, true],
    ['off', { ...cfg, enabled: false }, false, true],
    ['killed', cfg, true, true],
    ['split at 100 %', { ...cfg, defaultServe: { split: [{ variant: 'on', weight: 100 }, { variant: 'off', weight: 0 }] } }, false, true],
    ['split at 30 %', { ...cfg, defaultServe: { split: [{ variant: 'on', weight: 30 }, { variant: 'off', weight: 70 }] } }, false, false],
    ['targeting rules', { ...cfg, rules: [{ id: 'r', conditions: [], serve: { variant: 'on' } }] }, false, false],
  ])('%s', (_n, config, killed, expected) => {
    expect(servesEveryoneAlike(config, killed)).toBe(expected)
  })
})

describe('If-None-Match', () => {
  it.each<[string | null, boolean]>([
    [null, false],
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['*', true],
    ['"abd"', false],
  ])('%s', (header, expected) => {
    expect(etagMatches(header, '"abc"')).toBe(expected)
  })
})
