/**
 * Demo security events (Admin → Security): a burst of failed sign-ins from one address that also locked an
 * account, a key used from a new address, a key refused for a scope it lacks, a key about to expire and an
 * administrator working at night. Idempotent: events have fixed dedup keys (`…|seed`, or for the expiring
 * key the key the scan itself would use, so the scan updates it rather than adding a second one), the demo
 * key is created once by name, the usage baseline is inserted only where missing.
 */
import { recordAudit, SYSTEM_ACTOR } from '../audit'
import { generateApiKey } from '../auth/api-keys'
import { db } from '../db'
import { env } from '../env'
import { storeFindings } from '../security/scan'
import { evaluateSecurityRules, type Finding } from '../security/rules'
import { defaultSecuritySettings, type SecurityRule } from '../security/settings'
import { inTransaction } from '../tx'

const HOUR = 3_600_000
const DAY = 24 * HOUR
export const EXPIRING_DEMO_KEY = 'lab-results-bridge'

async function ensureExpiringKey(now: Date) {
  const existing = await db.apiKey.findFirst({ where: { name: EXPIRING_DEMO_KEY }, select: { id: true, name: true, expiresAt: true, revokedAt: true } })
  if (existing) return existing
  const { prefix, hash } = generateApiKey()
  // Midnight UTC nine days on, so the date reads cleanly.
  const expiresAt = new Date(Math.floor((now.getTime() + 9 * DAY) / DAY) * DAY)
  return inTransaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: { name: EXPIRING_DEMO_KEY, prefix, hash, scopes: ['alerts:write'], environment: 'production', expiresAt },
      select: { id: true, name: true, expiresAt: true, revokedAt: true },
    })
    await recordAudit(SYSTEM_ACTOR, { action: 'apikey.create', targetType: 'apikey', targetId: row.id, summary: { name: row.name, scopes: ['alerts:write'], source: 'demo seed' } }, tx)
    return row
  })
}

/** A week of ordinary hourly use of the Alertmanager key from its usual address, for the baseline. */
async function seedUsageBaseline(keyId: string, now: Date): Promise<void> {
  const lastHour = Math.floor(now.getTime() / HOUR) * HOUR - 2 * HOUR
  const hours = Array.from({ length: 7 * 24 }, (_, i) => new Date(lastHour - i * HOUR))
  const requests = hours.map((h) => 240 + ((h.getTime() / HOUR) % 7) * 11)
  await db.$executeRaw`
    INSERT INTO "ApiKeyUsage" ("apiKeyId", ip, hour, requests)
    SELECT ${keyId}::uuid, '10.20.0.15', h, r FROM unnest(${hours}::timestamptz[], ${requests}::int[]) AS u(h, r)
    ON CONFLICT DO NOTHING`
}

function seedEvent(rule: SecurityRule, f: Omit<Finding, 'rule' | 'severity' | 'dedupKey'>): Finding {
  return { rule, severity: defaultSecuritySettings().severities[rule], dedupKey: `${rule}|${f.subject}|seed`, ...f }
}

export async function seedSecurity(log: (m: string) => void): Promise<void> {
  const now = new Date()
  const at = (ms: number) => new Date(now.getTime() - ms)
  const key = await ensureExpiringKey(now)
  const keys = new Map((await db.apiKey.findMany({ select: { id: true, name: true } })).map((k) => [k.name, k.id]))
  const alertmanager = keys.get('prometheus-alertmanager')
  const widget = keys.get('clinical-app-widget')
  if (alertmanager) await seedUsageBaseline(alertmanager, now)
  // The demo seed runs before the first administrator is created: name the one that will be.
  const admin = (await db.user.findFirst({ where: { role: 'admin', disabledAt: null }, orderBy: { createdAt: 'asc' }, select: { id: true, email: true } })) ?? {
    id: 'first-administrator',
    email: env.WARDROOM_ADMIN_EMAIL?.toLowerCase() ?? 'admin@wardroom.local',
  }

  const burstStart = at(2 * DAY + 50 * 60_000)
  const events: Finding[] = [
    seedEvent('signin.failed_address', {
      subjectType: 'address',
      subject: '203.0.113.45',
      subjectLabel: '203.0.113.45',
      summary: '14 failed sign-ins from this address within 60 min (4 accounts)',
      details: { failures: 14, windowMinutes: 60, accounts: 4, addresses: 1 },
      count: 14,
      firstSeenAt: burstStart,
      lastSeenAt: at(2 * DAY + 3 * 60_000),
    }),
    seedEvent('signin.failed_account', {
      subjectType: 'account',
      subject: 'pm@demo.wardroom.local',
      subjectLabel: 'pm@demo.wardroom.local',
      summary: '5 failed sign-ins for this account within 60 min',
      details: { failures: 5, windowMinutes: 60, accounts: 1, addresses: 1 },
      count: 5,
      firstSeenAt: burstStart,
      lastSeenAt: at(2 * DAY + 38 * 60_000),
    }),
    ...(alertmanager
      ? [
          seedEvent('apikey.new_address', {
            subjectType: 'apikey',
            subject: alertmanager,
            subjectLabel: 'prometheus-alertmanager',
            summary: 'API key “prometheus-alertmanager” used from an address not seen in the last 30 days (198.51.100.23)',
            details: { address: '198.51.100.23', requests: 37, baselineDays: 30, knownAddresses: 1 },
            count: 37,
            firstSeenAt: at(20 * HOUR),
            lastSeenAt: at(19 * HOUR),
          }),
        ]
      : []),
    ...(widget
      ? [
          seedEvent('apikey.scope_refused', {
            subjectType: 'apikey',
            subject: widget,
            subjectLabel: 'clinical-app-widget',
            summary: 'API key “clinical-app-widget” was refused 12 requests for lacking alerts:write (from 10.20.4.31)',
            details: { refused: 12, scopes: 'alerts:write', address: '10.20.4.31' },
            count: 12,
            firstSeenAt: at(6 * HOUR),
            lastSeenAt: at(5 * HOUR),
          }),
        ]
      : []),
    seedEvent('admin.after_hours', {
      subjectType: 'user',
      subject: admin.id,
      subjectLabel: admin.email,
      summary: `3 administrator actions outside working hours, from 02:14 ${env.WARDROOM_TIMEZONE} (apikey.create, user.role)`,
      details: { actions: 3, kinds: 'apikey.create, user.role', timeZone: env.WARDROOM_TIMEZONE },
      count: 3,
      firstSeenAt: at(DAY + 5 * HOUR),
      lastSeenAt: at(DAY + 4 * HOUR + 40 * 60_000),
    }),
    // The expiring key as the scan itself finds it (same dedup key).
    ...evaluateSecurityRules({ now, settings: defaultSecuritySettings(env.WARDROOM_TIMEZONE), failedSignIns: [], usage: [], keys: [key], auditChecks: [], adminActions: [] }),
  ]
  const fresh = await storeFindings(events)
  // Events were detected when they happened, not when the seed ran.
  for (const e of fresh) await db.securityEvent.update({ where: { id: e.id }, data: { detectedAt: e.lastSeenAt } })
  log(`security events: ${fresh.length} new of ${events.length}`)
}

