/**
 * The security rules, pure: given what the scan read (failed sign-ins, API key use per address and hour,
 * keys, audit-chain checks, administrators' actions) and the thresholds, the findings. No I/O, no clock:
 * `now` comes in. Each finding carries a dedup key, so that scans every few minutes over overlapping windows
 * store one event per finding and update it (count, last time) as it grows.
 */
import { localDateTimeAt } from '@/lib/time'
import type { Severity } from '@/lib/severity'
import type { SecurityRule, SecuritySettings } from './settings'

export const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
/** API key use, audit checks and administrators' actions are looked at this far back on every scan. */
export const RECENT_MS = HOUR_MS
/** The audit chain is verified daily: a failed check is looked for this far back. */
export const AUDIT_CHECK_LOOKBACK_MS = 26 * HOUR_MS

export interface FailedSignIn {
  email: string
  ip: string
  at: Date
  /** Whether the e-mail is an account's: unknown e-mails count per address and overall, never by name. */
  knownAccount: boolean
}

export interface KeyUsage {
  apiKeyId: string
  ip: string
  hour: Date
  requests: number
  refused: number
  refusedScopes: string[]
}

export interface KeyInfo {
  id: string
  name: string
  expiresAt: Date | null
  revokedAt: Date | null
}

export interface AuditCheck {
  id: string
  at: Date
  ok: boolean
  brokenAt: string | null
  kind: string | null
}

export interface AdminAction {
  id: string
  at: Date
  actorId: string
  actorLabel: string
  action: string
}

export interface ScanInput {
  now: Date
  settings: SecuritySettings
  failedSignIns: FailedSignIn[]
  usage: KeyUsage[]
  keys: KeyInfo[]
  auditChecks: AuditCheck[]
  adminActions: AdminAction[]
}

export type SubjectType = 'account' | 'address' | 'global' | 'apikey' | 'audit' | 'user'

export interface Finding {
  rule: SecurityRule
  severity: Severity
  subjectType: SubjectType
  subject: string
  subjectLabel: string
  summary: string
  details: Record<string, string | number | boolean | null>
  count: number
  firstSeenAt: Date
  lastSeenAt: Date
  dedupKey: string
}

type Draft = Omit<Finding, 'severity' | 'dedupKey'> & { key: string[] }

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`
const minOf = (ds: Date[]) => new Date(Math.min(...ds.map((d) => d.getTime())))
const maxOf = (ds: Date[]) => new Date(Math.max(...ds.map((d) => d.getTime())))

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>()
  for (const it of items) {
    const k = key(it)
    const list = m.get(k)
    if (list) list.push(it)
    else m.set(k, [it])
  }
  return m
}

/**
 * Bursts of failed sign-ins within the window, per account, per address and overall. A burst is keyed by
 * the window-sized bucket of its first failure, so scans that see the same burst update one event.
 */
export function failedSignInFindings(input: ScanInput): Draft[] {
  const s = input.settings
  const windowMs = s.signInWindowMinutes * 60_000
  const since = input.now.getTime() - windowMs
  const recent = input.failedSignIns.filter((f) => f.at.getTime() > since && f.at.getTime() <= input.now.getTime())
  const within = `within ${s.signInWindowMinutes} min`
  const burst = (rule: SecurityRule, subjectType: SubjectType, subject: string, label: string, list: FailedSignIn[], summary: string): Draft => {
    const first = minOf(list.map((f) => f.at))
    return {
      rule,
      subjectType,
      subject,
      subjectLabel: label,
      summary,
      details: { failures: list.length, windowMinutes: s.signInWindowMinutes, accounts: new Set(list.map((f) => f.email)).size, addresses: new Set(list.map((f) => f.ip)).size },
      count: list.length,
      firstSeenAt: first,
      lastSeenAt: maxOf(list.map((f) => f.at)),
      key: [subject, String(Math.floor(first.getTime() / windowMs))],
    }
  }
  const out: Draft[] = []
  for (const [email, list] of groupBy(recent.filter((f) => f.knownAccount), (f) => f.email)) {
    if (list.length >= s.failedPerAccount) {
      out.push(burst('signin.failed_account', 'account', email, email, list, `${plural(list.length, 'failed sign-in')} for this account ${within}`))
    }
  }
  for (const [ip, list] of groupBy(recent, (f) => f.ip)) {
    if (list.length < s.failedPerAddress) continue
    const accounts = new Set(list.map((f) => f.email)).size
    out.push(burst('signin.failed_address', 'address', ip, ip, list, `${plural(list.length, 'failed sign-in')} from this address ${within} (${plural(accounts, 'account')})`))
  }
  if (recent.length >= s.failedGlobal) {
    const addresses = new Set(recent.map((f) => f.ip)).size
    out.push(burst('signin.failed_global', 'global', 'all', 'All accounts', recent, `${plural(recent.length, 'failed sign-in')} across all accounts ${within} (${plural(addresses, 'address', 'addresses')})`))
  }
  return out
}

const hourOf = (t: number) => Math.floor(t / HOUR_MS) * HOUR_MS

/** New addresses, rates far above the usual, and refusals by scope, from the per-hour use of each key. */
export function apiKeyUsageFindings(input: ScanInput): Draft[] {
  const s = input.settings
  const now = input.now.getTime()
  const recentFrom = hourOf(now - RECENT_MS)
  const names = new Map(input.keys.map((k) => [k.id, k.name]))
  const keyLabel = (id: string) => names.get(id) ?? `key ${id.slice(0, 8)}`
  const out: Draft[] = []
  for (const [apiKeyId, rows] of groupBy(input.usage, (u) => u.apiKeyId)) {
    const label = keyLabel(apiKeyId)
    const recent = rows.filter((r) => r.hour.getTime() >= recentFrom && r.hour.getTime() <= now)
    const earlier = rows.filter((r) => r.hour.getTime() < recentFrom)

    // A new address: used now, not in the baseline, by a key that was used before (a first use is no news).
    const known = new Set(earlier.filter((r) => r.hour.getTime() >= recentFrom - s.newAddressBaselineDays * DAY_MS && r.requests > 0).map((r) => r.ip))
    if (earlier.some((r) => r.requests > 0)) {
      for (const [ip, list] of groupBy(recent.filter((r) => r.requests > 0 && r.ip !== 'other'), (r) => r.ip)) {
        if (known.has(ip)) continue
        const requests = list.reduce((a, r) => a + r.requests, 0)
        out.push({
          rule: 'apikey.new_address',
          subjectType: 'apikey',
          subject: apiKeyId,
          subjectLabel: label,
          summary: `API key “${label}” used from an address not seen in the last ${plural(s.newAddressBaselineDays, 'day')} (${ip})`,
          details: { address: ip, requests, baselineDays: s.newAddressBaselineDays, knownAddresses: known.size },
          count: requests,
          firstSeenAt: minOf(list.map((r) => r.hour)),
          lastSeenAt: input.now,
          key: [apiKeyId, ip],
        })
      }
    }

    // Far above the usual rate: an hour's requests against the mean of the hours it was used in the baseline.
    const baselineFrom = recentFrom - s.rateBaselineDays * DAY_MS
    const baselineHours = [...groupBy(earlier.filter((r) => r.hour.getTime() >= baselineFrom), (r) => String(r.hour.getTime())).values()]
      .map((list) => list.reduce((a, r) => a + r.requests, 0))
      .filter((n) => n > 0)
    if (baselineHours.length > 0) {
      const usual = baselineHours.reduce((a, n) => a + n, 0) / baselineHours.length
      for (const [hour, list] of groupBy(recent, (r) => String(r.hour.getTime()))) {
        const requests = list.reduce((a, r) => a + r.requests, 0)
        if (requests < s.rateSpikeMinRequests || requests <= s.rateSpikeFactor * usual) continue
        const factor = Math.round(requests / usual)
        out.push({
          rule: 'apikey.rate_spike',
          subjectType: 'apikey',
          subject: apiKeyId,
          subjectLabel: label,
          summary: `API key “${label}” made ${plural(requests, 'request')} in one hour, ${factor}× its usual ${Math.round(usual).toLocaleString('en-GB')}`,
          details: { requests, usualPerHour: Math.round(usual), factor, threshold: s.rateSpikeFactor },
          count: requests,
          firstSeenAt: new Date(Number(hour)),
          lastSeenAt: input.now,
          key: [apiKeyId, new Date(Number(hour)).toISOString()],
        })
      }
    }

    // Requests refused because the key lacks the scope, per address and hour.
    for (const r of recent) {
      if (r.refused < s.refusedMin || r.refused === 0) continue
      const scopes = [...r.refusedScopes].sort()
      out.push({
        rule: 'apikey.scope_refused',
        subjectType: 'apikey',
        subject: apiKeyId,
        subjectLabel: label,
        summary: `API key “${label}” was refused ${plural(r.refused, 'request')} for lacking ${scopes.length ? scopes.join(', ') : 'a scope'} (from ${r.ip})`,
        details: { refused: r.refused, scopes: scopes.join(', '), address: r.ip },
        count: r.refused,
        firstSeenAt: r.hour,
        lastSeenAt: input.now,
        key: [apiKeyId, r.ip, r.hour.toISOString()],
      })
    }
  }
  return out
}

/** Keys that are neither revoked nor expired and expire within the configured days. */
export function expiringKeyFindings(input: ScanInput): Draft[] {
  const now = input.now.getTime()
  const horizon = now + input.settings.expiringDays * DAY_MS
  return input.keys
    .filter((k) => !k.revokedAt && k.expiresAt && k.expiresAt.getTime() > now && k.expiresAt.getTime() <= horizon)
    .map((k) => {
      const days = Math.ceil((k.expiresAt!.getTime() - now) / DAY_MS)
      return {
        rule: 'apikey.expiring' as const,
        subjectType: 'apikey' as const,
        subject: k.id,
        subjectLabel: k.name,
        summary: `API key “${k.name}” expires in ${plural(days, 'day')} (${k.expiresAt!.toISOString().slice(0, 10)})`,
        details: { expiresAt: k.expiresAt!.toISOString(), daysLeft: days },
        count: 1,
        firstSeenAt: input.now,
        lastSeenAt: input.now,
        key: [k.id, k.expiresAt!.toISOString()],
      }
    })
}

/** Failed audit-chain checks (the audit-verify job records each check as an `audit.verify` entry). */
export function auditChainFindings(input: ScanInput): Draft[] {
  const since = input.now.getTime() - AUDIT_CHECK_LOOKBACK_MS
  return input.auditChecks
    .filter((c) => !c.ok && c.at.getTime() > since)
    .map((c) => ({
      rule: 'audit.chain_broken' as const,
      subjectType: 'audit' as const,
      subject: c.brokenAt ?? c.id,
      subjectLabel: c.brokenAt ? `Audit entry ${c.brokenAt}` : 'Audit chain',
      summary: `Audit chain verification failed${c.brokenAt ? ` at entry ${c.brokenAt}` : ''}${c.kind ? ` (${c.kind})` : ''}`,
      details: { check: c.id, brokenAt: c.brokenAt, kind: c.kind },
      count: 1,
      firstSeenAt: c.at,
      lastSeenAt: c.at,
      key: [c.id],
    }))
}

/** Whether an instant falls within working hours (local days 1 = Monday … 7 = Sunday, hours [start, end)). */
export function isWorkingTime(at: Date, s: Pick<SecuritySettings, 'workingTimeZone' | 'workingStartHour' | 'workingEndHour' | 'workingDays'>): boolean {
  const local = localDateTimeAt(s.workingTimeZone, at)
  const weekday = ((new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay() + 6) % 7) + 1
  return s.workingDays.includes(weekday) && local.hour >= s.workingStartHour && local.hour < s.workingEndHour
}

/** Administrators' actions outside working hours, one finding per person and hour. */
export function afterHoursFindings(input: ScanInput): Draft[] {
  const since = input.now.getTime() - RECENT_MS
  const outside = input.adminActions.filter((a) => a.at.getTime() > since && a.at.getTime() <= input.now.getTime() && !isWorkingTime(a.at, input.settings))
  const out: Draft[] = []
  for (const [, list] of groupBy(outside, (a) => `${a.actorId}|${hourOf(a.at.getTime())}`)) {
    const first = list[0]!
    const actions = [...new Set(list.map((a) => a.action))].sort()
    const local = localDateTimeAt(input.settings.workingTimeZone, first.at)
    const clock = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`
    out.push({
      rule: 'admin.after_hours',
      subjectType: 'user',
      subject: first.actorId,
      subjectLabel: first.actorLabel,
      summary: `${plural(list.length, 'administrator action')} outside working hours, from ${clock} ${input.settings.workingTimeZone} (${actions.slice(0, 3).join(', ')}${actions.length > 3 ? ', …' : ''})`,
      details: { actions: list.length, kinds: actions.slice(0, 10).join(', '), timeZone: input.settings.workingTimeZone },
      count: list.length,
      firstSeenAt: minOf(list.map((a) => a.at)),
      lastSeenAt: maxOf(list.map((a) => a.at)),
      key: [first.actorId, new Date(hourOf(first.at.getTime())).toISOString()],
    })
  }
  return out
}

/** Every rule over the input: the findings with their severity and dedup key. */
export function evaluateSecurityRules(input: ScanInput): Finding[] {
  const drafts = [
    ...failedSignInFindings(input),
    ...apiKeyUsageFindings(input),
    ...expiringKeyFindings(input),
    ...auditChainFindings(input),
    ...afterHoursFindings(input),
  ]
  return drafts.map(({ key, ...d }) => ({ ...d, severity: input.settings.severities[d.rule], dedupKey: [d.rule, ...key].join('|') }))
}

/** The key under which a finding's incident is raised: repeats of a rule for one subject join the open incident. */
export const securityIncidentKey = (f: Pick<Finding, 'rule' | 'subject'>) => `security:${f.rule}:${f.subject}`
