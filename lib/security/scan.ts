/**
 * The security scan's I/O around the pure rules (rules.ts): flush this instance's API key counters, read the
 * recent window (failed sign-ins, key use per address and hour, keys, audit-chain checks, administrators'
 * actions), evaluate, and store each finding as a SecurityEvent — once: a finding seen again (same dedup key)
 * updates its count and last time. Returns the findings stored for the first time, for the job to raise
 * incidents on. Old counters and events are pruned here too.
 */
import { db, Prisma } from '@/lib/db'
import { env } from '@/lib/env'
import { flushApiKeyUsage } from '@/lib/http/api-key-usage'
import { AUDIT_CHECK_LOOKBACK_MS, evaluateSecurityRules, HOUR_MS, RECENT_MS, type Finding, type ScanInput } from './rules'
import { readSecuritySettings, SECURITY_SETTINGS_KEY, type SecuritySettings } from './settings'

const DAY_MS = 24 * HOUR_MS
/** An attempt still pending after this long died with its process: it counts as a failure (lib/auth/login.ts). */
const PENDING_STALE_MS = 60_000
/** Security events are kept this long, then pruned. */
export const EVENT_RETENTION_DAYS = 365

type Client = Pick<Prisma.TransactionClient, 'setting'>

export async function getSecuritySettings(client: Client = db): Promise<SecuritySettings> {
  const row = await client.setting.findUnique({ where: { key: SECURITY_SETTINGS_KEY } })
  return readSecuritySettings(row?.value, env.WARDROOM_TIMEZONE)
}

/** Everything the rules look at, as of `now`. */
export async function readScanInput(now: Date, settings: SecuritySettings): Promise<ScanInput> {
  const signInFrom = new Date(now.getTime() - settings.signInWindowMinutes * 60_000)
  const usageFrom = new Date(Math.floor((now.getTime() - RECENT_MS) / HOUR_MS) * HOUR_MS - Math.max(settings.newAddressBaselineDays, settings.rateBaselineDays) * DAY_MS)
  const recentFrom = new Date(now.getTime() - RECENT_MS)
  const [attempts, usage, keys, checks, admins] = await Promise.all([
    db.loginAttempt.findMany({
      where: { success: false, at: { gt: signInFrom, lte: now }, OR: [{ pending: false }, { at: { lt: new Date(now.getTime() - PENDING_STALE_MS) } }] },
      select: { email: true, ip: true, at: true },
      orderBy: { at: 'asc' },
    }),
    db.apiKeyUsage.findMany({ where: { hour: { gte: usageFrom } } }),
    db.apiKey.findMany({ select: { id: true, name: true, expiresAt: true, revokedAt: true } }),
    db.auditLog.findMany({
      where: { action: 'audit.verify', at: { gt: new Date(now.getTime() - AUDIT_CHECK_LOOKBACK_MS) } },
      select: { id: true, at: true, summary: true },
    }),
    db.user.findMany({ where: { role: 'admin' }, select: { id: true } }),
  ])
  const emails = [...new Set(attempts.map((a) => a.email))]
  const known = new Set((await db.user.findMany({ where: { email: { in: emails } }, select: { email: true } })).map((u) => u.email))
  const adminActions = admins.length
    ? await db.auditLog.findMany({
        where: { actorType: 'user', actorId: { in: admins.map((a) => a.id) }, at: { gt: recentFrom, lte: now }, action: { not: 'auth.login_failed' } },
        select: { id: true, at: true, actorId: true, actorLabel: true, action: true },
        orderBy: { at: 'asc' },
        take: 5_000,
      })
    : []
  return {
    now,
    settings,
    failedSignIns: attempts.map((a) => ({ ...a, knownAccount: known.has(a.email) })),
    usage,
    keys,
    auditChecks: checks.map((c) => {
      const s = (c.summary ?? {}) as { ok?: unknown; brokenAt?: unknown; kind?: unknown }
      return {
        id: c.id.toString(),
        at: c.at,
        ok: s.ok !== false,
        brokenAt: s.brokenAt == null ? null : String(s.brokenAt),
        kind: typeof s.kind === 'string' ? s.kind : null,
      }
    }),
    adminActions: adminActions.map((a) => ({ id: a.id.toString(), at: a.at, actorId: a.actorId ?? '', actorLabel: a.actorLabel, action: a.action })),
  }
}

export interface StoredFinding extends Finding {
  id: bigint
}

/** Stores the findings; returns those that were new (a known dedup key only updates its event). */
export async function storeFindings(findings: Finding[]): Promise<StoredFinding[]> {
  const fresh: StoredFinding[] = []
  for (const f of findings) {
    const [row] = await db.$queryRaw<{ id: bigint; inserted: boolean }[]>`
      INSERT INTO "SecurityEvent" (rule, severity, "subjectType", subject, "subjectLabel", summary, details, count, "firstSeenAt", "lastSeenAt", "dedupKey")
      VALUES (${f.rule}, ${f.severity}::"Severity", ${f.subjectType}, ${f.subject}, ${f.subjectLabel}, ${f.summary}, ${JSON.stringify(f.details)}::jsonb,
              ${f.count}, ${f.firstSeenAt}, ${f.lastSeenAt}, ${f.dedupKey})
      ON CONFLICT ("dedupKey") DO UPDATE SET
        count = GREATEST("SecurityEvent".count, EXCLUDED.count),
        "lastSeenAt" = GREATEST("SecurityEvent"."lastSeenAt", EXCLUDED."lastSeenAt"),
        summary = CASE WHEN EXCLUDED.count >= "SecurityEvent".count THEN EXCLUDED.summary ELSE "SecurityEvent".summary END,
        details = CASE WHEN EXCLUDED.count >= "SecurityEvent".count THEN EXCLUDED.details ELSE "SecurityEvent".details END
      RETURNING id, (xmax = 0) AS inserted`
    if (row?.inserted) fresh.push({ ...f, id: row.id })
  }
  return fresh
}

export async function linkIncident(eventId: bigint, incidentId: string): Promise<void> {
  await db.securityEvent.update({ where: { id: eventId }, data: { incidentId } })
}

/** Drops counters older than the longest baseline (with a day's margin) and events past their retention. */
export async function pruneSecurityData(now: Date, settings: SecuritySettings): Promise<{ usage: number; events: number }> {
  const keepDays = Math.max(settings.newAddressBaselineDays, settings.rateBaselineDays) + 1
  const [usage, events] = await Promise.all([
    db.apiKeyUsage.deleteMany({ where: { hour: { lt: new Date(now.getTime() - keepDays * DAY_MS) } } }),
    db.securityEvent.deleteMany({ where: { detectedAt: { lt: new Date(now.getTime() - EVENT_RETENTION_DAYS * DAY_MS) } } }),
  ])
  return { usage: usage.count, events: events.count }
}

export interface ScanOutcome {
  findings: number
  fresh: StoredFinding[]
  flushed: number
  settings: SecuritySettings
}

/** One scan: flush, read, evaluate, store. */
export async function scanSecurity(now: Date): Promise<ScanOutcome> {
  const { rows } = await flushApiKeyUsage()
  const settings = await getSecuritySettings()
  const findings = evaluateSecurityRules(await readScanInput(now, settings))
  const fresh = await storeFindings(findings)
  return { findings: findings.length, fresh, flushed: rows, settings }
}
