/**
 * The write layer of the security page: the rules' thresholds (one Setting row). Audited with the fields
 * that changed, before and after (thresholds, hours and severities: nothing secret).
 */
import { recordAudit } from '@/lib/audit'
import { authorize, type Actor } from '@/lib/auth/actor'
import type { Prisma } from '@/lib/db'
import { env } from '@/lib/env'
import { inTransaction } from '@/lib/tx'
import { readSecuritySettings, SECURITY_SETTINGS_KEY, type SecuritySettings } from './settings'

/** The fields whose values differ, as { field: [before, after] } (severities per rule as `severities.<rule>`). */
export function settingsChanges(before: SecuritySettings, after: SecuritySettings): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {}
  for (const k of Object.keys(after) as (keyof SecuritySettings)[]) {
    if (k === 'severities') {
      for (const [rule, sev] of Object.entries(after.severities)) {
        const was = before.severities[rule as keyof SecuritySettings['severities']]
        if (was !== sev) out[`severities.${rule}`] = [was, sev]
      }
    } else if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      out[k] = [before[k], after[k]]
    }
  }
  return out
}

/** Saves the thresholds (validated by SecuritySettingsInput); returns what changed. Nothing changed: nothing written. */
export async function updateSecuritySettings(actor: Actor, input: SecuritySettings): Promise<{ changed: string[] }> {
  authorize(actor, 'security:manage')
  const next = { ...input, workingDays: [...new Set(input.workingDays)].sort() }
  return inTransaction(async (tx) => {
    // One writer at a time, so the audit row's "before" is the value it replaced.
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${SECURITY_SETTINGS_KEY}))::text`
    const row = await tx.setting.findUnique({ where: { key: SECURITY_SETTINGS_KEY } })
    const before = readSecuritySettings(row?.value, env.WARDROOM_TIMEZONE)
    const changes = settingsChanges(before, next)
    const changed = Object.keys(changes)
    if (changed.length === 0) return { changed }
    const value = next as unknown as Prisma.InputJsonValue
    await tx.setting.upsert({ where: { key: SECURITY_SETTINGS_KEY }, create: { key: SECURITY_SETTINGS_KEY, value }, update: { value } })
    await recordAudit(actor, { action: 'security.settings', targetType: 'setting', targetId: SECURITY_SETTINGS_KEY, summary: { changes } }, tx)
    return { changed }
  })
}
