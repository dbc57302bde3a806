import { describe, expect, it } from 'vitest'
import { evaluateSecurityRules, isWorkingTime, securityIncidentKey, type ScanInput } from './rules'
import { defaultSecuritySettings, readSecuritySettings, SecuritySettingsInput } from './settings'

// Monday 7 December 2026, 14:00 UTC.
const NOW = new Date('2026-12-07T14:00:00Z')
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000)
const hoursAgo = (h: number) => new Date(Math.floor(NOW.getTime() / 3_600_000) * 3_600_000 - h * 3_600_000)
const KEY = '11111111-1111-4111-8111-111111111111'

function input(over: Partial<ScanInput> = {}): ScanInput {
  return {
    now: NOW,
    settings: defaultSecuritySettings('UTC'),
    failedSignIns: [],
    usage: [],
    keys: [{ id: KEY, name: 'Epic bridge', expiresAt: null, revokedAt: null }],
    auditChecks: [],
    adminActions: [],
    ...over,
  }
}

const fails = (n: number, email: string, ip: string, knownAccount = true, startMinutesAgo = 30) =>
  Array.from({ length: n }, (_, i) => ({ email, ip, knownAccount, at: ago(startMinutesAgo - i) }))

describe('failed sign-in bursts (defaults: window 60 min; 5 per account, 10 per address, 30 overall)', () => {
  const cases: { name: string; failures: ScanInput['failedSignIns']; rules: string[] }[] = [
    { name: '4 failures for one account: below the threshold', failures: fails(4, 'a@x.org', '10.0.0.1'), rules: [] },
    { name: '5 failures for one account: one account finding', failures: fails(5, 'a@x.org', '10.0.0.1'), rules: ['signin.failed_account'] },
    {
      name: '5 failures for an unknown e-mail: not named per account',
      failures: fails(5, 'nobody@x.org', '10.0.0.1', false),
      rules: [],
    },
    {
      name: '10 failures from one address over 4 accounts (unknown ones count): one address finding',
      failures: [...fails(3, 'a@x.org', '203.0.113.9'), ...fails(3, 'b@x.org', '203.0.113.9'), ...fails(4, 'c@x.org', '203.0.113.9', false)],
      rules: ['signin.failed_address'],
    },
    {
      name: '30 failures from 30 addresses: only the global finding',
      failures: Array.from({ length: 30 }, (_, i) => ({ email: `u${i}@x.org`, ip: `198.51.100.${i}`, knownAccount: false, at: ago(10) })),
      rules: ['signin.failed_global'],
    },
    { name: 'failures older than the window do not count', failures: fails(6, 'a@x.org', '10.0.0.1', true, 120), rules: [] },
  ]
  it.each(cases)('$name', ({ failures, rules }) => {
    expect(evaluateSecurityRules(input({ failedSignIns: failures })).map((f) => f.rule)).toEqual(rules)
  })

  it('describes the burst and keys it by the bucket of its first failure, so rescans update one event', () => {
    const failures = fails(6, 'a@x.org', '10.0.0.1')
    const [f] = evaluateSecurityRules(input({ failedSignIns: failures }))
    expect(f).toMatchObject({
      rule: 'signin.failed_account',
      severity: 'medium',
      subjectType: 'account',
      subject: 'a@x.org',
      summary: '6 failed sign-ins for this account within 60 min',
      count: 6,
      firstSeenAt: ago(30),
      lastSeenAt: ago(25),
    })
    // Five minutes later the same burst (plus one more failure) has the same key.
    const later = evaluateSecurityRules({ ...input({ failedSignIns: [...failures, { email: 'a@x.org', ip: '10.0.0.1', knownAccount: true, at: ago(1) }] }), now: ago(-5) })
    expect(later[0]!.dedupKey).toBe(f!.dedupKey)
    expect(later[0]!.count).toBe(7)
  })

  it('takes thresholds, window and severity from the settings', () => {
    const settings = { ...defaultSecuritySettings(), failedPerAccount: 2, signInWindowMinutes: 15, severities: { ...defaultSecuritySettings().severities, 'signin.failed_account': 'high' as const } }
    const found = evaluateSecurityRules(input({ settings, failedSignIns: [...fails(2, 'a@x.org', '10.0.0.1', true, 10), ...fails(3, 'b@x.org', '10.0.0.2', true, 40)] }))
    expect(found.map((f) => [f.rule, f.subject, f.severity])).toEqual([['signin.failed_account', 'a@x.org', 'high']])
  })
})

describe('API key use', () => {
  const use = (hour: Date, ip: string, requests: number, refused = 0, refusedScopes: string[] = []) => ({ apiKeyId: KEY, ip, hour, requests, refused, refusedScopes })
  // Usual: 100 requests an hour from 10.0.0.5 over the last three days.
  const usual = Array.from({ length: 72 }, (_, i) => use(hoursAgo(i + 2), '10.0.0.5', 100))

  const cases: { name: string; usage: ScanInput['usage']; rules: string[] }[] = [
    { name: 'usual use from the known address: nothing', usage: [...usual, use(hoursAgo(0), '10.0.0.5', 120)], rules: [] },
    { name: 'a first use ever (no history) is no news', usage: [use(hoursAgo(0), '10.0.0.9', 5)], rules: [] },
    { name: 'used from an address not seen in 30 days', usage: [...usual, use(hoursAgo(0), '192.0.2.77', 3)], rules: ['apikey.new_address'] },
    { name: 'an address last seen 40 days ago is new again', usage: [...usual, use(hoursAgo(24 * 40), '192.0.2.77', 3), use(hoursAgo(0), '192.0.2.77', 3)], rules: ['apikey.new_address'] },
    { name: '1,001 requests (10× usual and over 1,000): a rate spike', usage: [...usual, use(hoursAgo(0), '10.0.0.5', 1_001)], rules: ['apikey.rate_spike'] },
    { name: '999 requests: over 10× usual but under the minimum', usage: [...usual, use(hoursAgo(0), '10.0.0.5', 999)], rules: [] },
    { name: 'a refused request by scope', usage: [...usual, use(hoursAgo(0), '10.0.0.5', 100, 2, ['flags:write'])], rules: ['apikey.scope_refused'] },
    { name: 'refusals from earlier hours are not looked at again', usage: [...usual, use(hoursAgo(5), '10.0.0.5', 100, 2, ['read'])], rules: [] },
  ]
  it.each(cases)('$name', ({ usage, rules }) => {
    expect(evaluateSecurityRules(input({ usage })).map((f) => f.rule)).toEqual(rules)
  })

  it('names the key, the factor and the usual rate', () => {
    const [spike] = evaluateSecurityRules(input({ usage: [...usual, use(hoursAgo(0), '10.0.0.5', 2_500)] }))
    expect(spike).toMatchObject({
      subjectLabel: 'Epic bridge',
      summary: 'API key “Epic bridge” made 2,500 requests in one hour, 25× its usual 100',
      details: { requests: 2_500, usualPerHour: 100, factor: 25, threshold: 10 },
      dedupKey: `apikey.rate_spike|${KEY}|${hoursAgo(0).toISOString()}`,
    })
    const [refused] = evaluateSecurityRules(input({ usage: [...usual, use(hoursAgo(1), '10.0.0.5', 0, 3, ['sli:write', 'alerts:write'])] }))
    expect(refused!.summary).toBe('API key “Epic bridge” was refused 3 requests for lacking alerts:write, sli:write (from 10.0.0.5)')
    expect(refused!.count).toBe(3)
  })
})

describe('keys expiring within 14 days', () => {
  const key = (days: number | null, revoked = false) => ({ id: KEY, name: 'Epic bridge', expiresAt: days === null ? null : new Date(NOW.getTime() + days * 86_400_000), revokedAt: revoked ? ago(1) : null })
  it.each([
    { name: 'expires in 9 days', k: key(9), found: ['API key “Epic bridge” expires in 9 days (2026-12-16)'] },
    { name: 'expires in exactly 14 days', k: key(14), found: ['API key “Epic bridge” expires in 14 days (2026-12-21)'] },
    { name: 'expires in 15 days', k: key(15), found: [] },
    { name: 'never expires', k: key(null), found: [] },
    { name: 'already expired', k: key(-1), found: [] },
    { name: 'revoked', k: key(3, true), found: [] },
  ])('$name', ({ k, found }) => {
    expect(evaluateSecurityRules(input({ keys: [k] })).map((f) => f.summary)).toEqual(found)
  })
})

describe('audit chain checks', () => {
  it('a failed check within a day is critical and keyed by the check', () => {
    const found = evaluateSecurityRules(
      input({
        auditChecks: [
          { id: '900', at: ago(60), ok: false, brokenAt: '812', kind: 'content' },
          { id: '901', at: ago(30), ok: true, brokenAt: null, kind: null },
          { id: '700', at: ago(60 * 30), ok: false, brokenAt: '12', kind: 'link' },
        ],
      }),
    )
    expect(found.map((f) => [f.rule, f.severity, f.summary, f.dedupKey])).toEqual([
      ['audit.chain_broken', 'critical', 'Audit chain verification failed at entry 812 (content)', 'audit.chain_broken|900'],
    ])
  })
})

describe('working hours (defaults: Mon–Fri 07:00–19:00)', () => {
  const s = { workingTimeZone: 'Europe/Berlin', workingStartHour: 7, workingEndHour: 19, workingDays: [1, 2, 3, 4, 5] }
  it.each([
    ['Monday 06:30 UTC is 07:30 in Berlin: working time', '2026-12-07T06:30:00Z', true],
    ['Monday 05:59 UTC is 06:59 in Berlin: outside', '2026-12-07T05:59:00Z', false],
    ['Monday 18:00 UTC is 19:00 in Berlin: outside (end excluded)', '2026-12-07T18:00:00Z', false],
    ['Saturday noon: outside', '2026-12-12T12:00:00Z', false],
    ['Friday 23:30 UTC is Saturday 00:30 in Berlin: outside', '2026-12-11T23:30:00Z', false],
    ['summer, Monday 05:30 UTC is 07:30 in Berlin (UTC+2): working time', '2026-07-06T05:30:00Z', true],
  ])('%s', (_name, at, working) => {
    expect(isWorkingTime(new Date(at), s)).toBe(working)
  })

  it('groups an administrator’s after-hours actions per hour', () => {
    const sunday = new Date('2026-12-06T02:20:00Z')
    const actions = [
      { id: '1', at: sunday, actorId: 'u1', actorLabel: 'admin@x.org', action: 'apikey.create' },
      { id: '2', at: new Date('2026-12-06T02:40:00Z'), actorId: 'u1', actorLabel: 'admin@x.org', action: 'user.role' },
    ]
    const found = evaluateSecurityRules({ ...input({ adminActions: actions }), now: new Date('2026-12-06T02:45:00Z') })
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({
      rule: 'admin.after_hours',
      subject: 'u1',
      count: 2,
      summary: '2 administrator actions outside working hours, from 02:20 UTC (apikey.create, user.role)',
      dedupKey: 'admin.after_hours|u1|2026-12-06T02:00:00.000Z',
    })
    // The same actions on Monday afternoon are within working hours.
    expect(evaluateSecurityRules(input({ adminActions: [{ ...actions[0]!, at: ago(10) }] }))).toEqual([])
  })
})

describe('settings', () => {
  it('fills what is missing or invalid from the defaults', () => {
    const s = readSecuritySettings({ failedPerAccount: 3, failedGlobal: -1, severities: { 'admin.after_hours': 'high' }, unknown: 1 })
    expect(s.failedPerAccount).toBe(3)
    expect(s.failedGlobal).toBe(30)
    expect(s.severities['admin.after_hours']).toBe('high')
    expect(s.severities['audit.chain_broken']).toBe('critical')
    expect(readSecuritySettings(null, 'Europe/London').workingTimeZone).toBe('Europe/London')
  })
  it('refuses an unknown time zone and an end before the start', () => {
    const r = SecuritySettingsInput.safeParse({ workingTimeZone: 'Mars/Olympus', workingStartHour: 19, workingEndHour: 7 })
    expect(r.success).toBe(false)
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['workingEndHour', 'workingTimeZone'])
  })
  it('raises one incident per rule and subject', () => {
    expect(securityIncidentKey({ rule: 'signin.failed_address', subject: '203.0.113.9' })).toBe('security:signin.failed_address:203.0.113.9')
  })
})
