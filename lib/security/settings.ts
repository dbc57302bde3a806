/**
 * The security rules, their words and their thresholds. Thresholds are one Setting row (SECURITY_SETTINGS_KEY),
 * edited on Admin → Security; a missing or partly stored value falls back to the defaults field by field.
 * Client-safe: the settings form imports the schema and the labels.
 */
import { z } from 'zod'
import { SEVERITIES, type Severity } from '@/lib/severity'

export const SECURITY_SETTINGS_KEY = 'security.rules'

export const SECURITY_RULES = [
  'signin.failed_account',
  'signin.failed_address',
  'signin.failed_global',
  'apikey.new_address',
  'apikey.rate_spike',
  'apikey.scope_refused',
  'apikey.expiring',
  'audit.chain_broken',
  'admin.after_hours',
] as const
export type SecurityRule = (typeof SECURITY_RULES)[number]
export const isSecurityRule = (v: string): v is SecurityRule => (SECURITY_RULES as readonly string[]).includes(v)

export const SECURITY_RULE_LABELS: Record<SecurityRule, string> = {
  'signin.failed_account': 'Failed sign-ins for one account',
  'signin.failed_address': 'Failed sign-ins from one address',
  'signin.failed_global': 'Failed sign-ins across all accounts',
  'apikey.new_address': 'API key used from a new address',
  'apikey.rate_spike': 'API key far above its usual rate',
  'apikey.scope_refused': 'API requests refused by scope',
  'apikey.expiring': 'API key expiring soon',
  'audit.chain_broken': 'Audit chain verification failed',
  'admin.after_hours': 'Administrator action outside working hours',
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const
export const WEEKDAY_LABELS: Record<number, string> = { 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri', 6: 'Sat', 7: 'Sun' }

const count = (label: string, max: number) =>
  z.coerce.number({ error: `${label}: give a number` }).int(`${label}: a whole number`).min(1, `${label}: at least 1`).max(max, `${label}: at most ${max}`)

const SeverityValue = z.enum(SEVERITIES, `Use one of ${SEVERITIES.join(', ')}`)

export const DEFAULT_RULE_SEVERITY: Record<SecurityRule, Severity> = {
  'signin.failed_account': 'medium',
  'signin.failed_address': 'high',
  'signin.failed_global': 'high',
  'apikey.new_address': 'medium',
  'apikey.rate_spike': 'medium',
  'apikey.scope_refused': 'low',
  'apikey.expiring': 'low',
  'audit.chain_broken': 'critical',
  'admin.after_hours': 'low',
}

const severities = z.object(
  Object.fromEntries(SECURITY_RULES.map((r) => [r, SeverityValue.default(DEFAULT_RULE_SEVERITY[r])])) as Record<SecurityRule, z.ZodDefault<typeof SeverityValue>>,
)

/**
 * Sign-in throttling (LOGIN_MAX_FAILURES per LOGIN_WINDOW_SECONDS, per account and per address) refuses
 * further attempts without recording them, so one address records at most 5 failures per 15 minutes by
 * default: the window here is longer (an hour) so that an attacker who keeps hitting the throttle shows.
 */
export const SecuritySettings = z.object({
  signInWindowMinutes: count('Window', 24 * 60).default(60),
  failedPerAccount: count('Per account', 10_000).default(5),
  failedPerAddress: count('Per address', 10_000).default(10),
  failedGlobal: count('Across all accounts', 100_000).default(30),
  newAddressBaselineDays: count('Known addresses', 365).default(30),
  rateBaselineDays: count('Usual rate over', 90).default(7),
  rateSpikeFactor: count('Rate factor', 1_000).default(10),
  rateSpikeMinRequests: count('Minimum requests', 10_000_000).default(1_000),
  refusedMin: count('Refused requests', 1_000_000).default(1),
  expiringDays: count('Expiring within', 365).default(14),
  workingTimeZone: z.string().trim().min(1, 'Give a time zone').max(64).default('UTC'),
  workingStartHour: z.coerce.number().int().min(0, 'Start: 0–23').max(23, 'Start: 0–23').default(7),
  workingEndHour: z.coerce.number().int().min(1, 'End: 1–24').max(24, 'End: 1–24').default(19),
  workingDays: z.array(z.coerce.number().int().min(1).max(7)).max(7).default([1, 2, 3, 4, 5]),
  severities: severities.prefault({}),
  incidentMinSeverity: SeverityValue.default('high'),
})
export type SecuritySettings = z.infer<typeof SecuritySettings>

/** The form's input: the same fields, checked further (a real time zone, start before end). */
export const SecuritySettingsInput = SecuritySettings.superRefine((s, ctx) => {
  if (s.workingStartHour >= s.workingEndHour) ctx.addIssue({ code: 'custom', path: ['workingEndHour'], message: 'End must be after start' })
  if (!isZone(s.workingTimeZone)) ctx.addIssue({ code: 'custom', path: ['workingTimeZone'], message: 'Not a time zone, e.g. Europe/London' })
})
export type SecuritySettingsInput = z.input<typeof SecuritySettingsInput>

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

export const defaultSecuritySettings = (timeZone = 'UTC'): SecuritySettings => SecuritySettings.parse({ workingTimeZone: timeZone })

/** A stored value as settings: fields that are missing or no longer valid take their defaults. */
export function readSecuritySettings(stored: unknown, timeZone = 'UTC'): SecuritySettings {
  const defaults = defaultSecuritySettings(timeZone)
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return defaults
  const merged: Record<string, unknown> = { ...defaults }
  for (const [k, v] of Object.entries(stored)) {
    if (!(k in defaults)) continue
    const one = SecuritySettings.shape[k as keyof SecuritySettings].safeParse(v)
    if (one.success) merged[k] = one.data
  }
  const all = SecuritySettingsInput.safeParse(merged)
  return all.success ? all.data : defaults
}
