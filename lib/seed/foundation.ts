/**
 * People and machine access of the demo hospital (St. Aldhelm's University Hospital). Each write commits
 * with its audit row.
 */
import { db } from '../db'
import { inTransaction } from '@/lib/tx'
import { recordAudit, SYSTEM_ACTOR } from '../audit'
import { hashPassword } from '../auth/password'
import { generateApiKey } from '../auth/api-keys'
import type { Role } from '../rbac'
import type { ApiScope } from '../rbac'

/** Documented in the README; demo data only (never seeded on an external database unless asked). */
export const DEMO_PASSWORD = 'wardroom-demo-2026'

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'ops@demo.wardroom.local', name: 'Priya Raman', role: 'ops' },
  { email: 'oncall@demo.wardroom.local', name: 'Tomás Okafor', role: 'ops' },
  { email: 'cmo@demo.wardroom.local', name: 'Dr. Helen Marsh', role: 'executive' },
  { email: 'pm@demo.wardroom.local', name: 'Jonah Lindqvist', role: 'pm' },
  { email: 'pm2@demo.wardroom.local', name: 'Amara Nwosu', role: 'pm' },
  { email: 'clinician@demo.wardroom.local', name: 'Dr. Samuel Ito', role: 'clinician' },
  { email: 'viewer@demo.wardroom.local', name: 'Grace Whitfield', role: 'viewer' },
  { email: 'safety@demo.wardroom.local', name: 'Dr. Noor Haddad', role: 'safety_officer' },
]

const DEMO_KEYS: { name: string; scopes: ApiScope[]; environment: string }[] = [
  { name: 'prometheus-alertmanager', scopes: ['alerts:write'], environment: 'production' },
  { name: 'ai-engine-sli-exporter', scopes: ['sli:write'], environment: 'production' },
  { name: 'clinical-app-widget', scopes: ['feedback:write', 'events:write', 'flags:evaluate'], environment: 'production' },
  { name: 'staging-flag-evaluator', scopes: ['flags:evaluate'], environment: 'staging' },
]

export async function seedFoundation(log: (m: string) => void): Promise<void> {
  const existing = new Set((await db.user.findMany({ select: { email: true } })).map((u) => u.email))
  const missing = DEMO_USERS.filter((u) => !existing.has(u.email))
  if (missing.length) {
    const passwordHash = await hashPassword(DEMO_PASSWORD)
    await inTransaction(async (tx) => {
      await tx.user.createMany({ data: missing.map((u) => ({ ...u, passwordHash })), skipDuplicates: true })
      for (const u of missing) {
        await recordAudit(SYSTEM_ACTOR, { action: 'user.create', targetType: 'user', targetId: u.email, summary: { role: u.role, source: 'demo seed' } }, tx)
      }
    })
  }
  const keys = new Set((await db.apiKey.findMany({ select: { name: true } })).map((k) => k.name))
  for (const k of DEMO_KEYS.filter((k) => !keys.has(k.name))) {
    // The demo keys' secrets are never shown: create your own in Admin → API keys.
    const { prefix, hash } = generateApiKey()
    await inTransaction(async (tx) => {
      const row = await tx.apiKey.create({ data: { ...k, prefix, hash } })
      await recordAudit(SYSTEM_ACTOR, { action: 'apikey.create', targetType: 'apikey', targetId: row.id, summary: { name: k.name, scopes: k.scopes, source: 'demo seed' } }, tx)
    })
  }
  log(`demo users: ${DEMO_USERS.length} (password ${DEMO_PASSWORD}), API keys: ${DEMO_KEYS.length}`)
}
