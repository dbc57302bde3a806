/**
 * The security scan end to end on the database: API key use and refusals counted on the request path and
 * flushed, events stored once and updated on rescans, a `security` incident raised once per rule and subject
 * (a later burst joins it), settings changes audited, and only administrators may change them.
 */
import { describe, expect, it, vi } from 'vitest'
import pino from 'pino'
import { db } from '@/lib/db'
import { recordAudit, SYSTEM_ACTOR } from '@/lib/audit'
import { actorOfUser } from '@/lib/auth/actor'
import { runJob } from '@/lib/jobs/runner'
import { securityScan } from '@/lib/jobs/security-scan'
import { GET as getSlo } from '@/app/api/slo/route'
import { createApiKey, createUser, request, uid } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { updateSecuritySettingsAction } from './actions'
import { updateSecuritySettings } from './commands'
import { getSecuritySettings } from './scan'
import { defaultSecuritySettings } from './settings'

vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }))

const log = pino({ level: 'silent' })
const scanAt = (now: Date) => securityScan.run({ now, log, signal: new AbortController().signal })
const eventsOf = (subject: string) => db.securityEvent.findMany({ where: { subject }, orderBy: { id: 'asc' } })

async function failSignIns(email: string, n: number, at: Date, ip = '192.0.2.10') {
  await db.loginAttempt.createMany({ data: Array.from({ length: n }, (_, i) => ({ email, ip, success: false, at: new Date(at.getTime() + i * 1000) })) })
}

describe('security settings', () => {
  it('are saved by an administrator with an audit row naming what changed, and refused to others', async () => {
    const admin = await createUser('admin')
    const before = await getSecuritySettings()
    const next = { ...before, failedPerAccount: before.failedPerAccount === 3 ? 4 : 3 }
    const { changed } = await updateSecuritySettings(actorOfUser(admin), next)
    expect(changed).toEqual(['failedPerAccount'])
    expect((await getSecuritySettings()).failedPerAccount).toBe(next.failedPerAccount)
    const audit = await db.auditLog.findFirst({ where: { action: 'security.settings', actorId: admin.id }, orderBy: { id: 'desc' } })
    expect(audit?.summary).toEqual({ changes: { failedPerAccount: [before.failedPerAccount, next.failedPerAccount] } })
    // Saving the same values again writes nothing.
    expect((await updateSecuritySettings(actorOfUser(admin), next)).changed).toEqual([])

    for (const role of ['viewer', 'ops'] as const) {
      const user = await createUser(role)
      signInAs(user)
      const refused = await updateSecuritySettingsAction({ ...next, failedPerAccount: 99 })
      expect(refused).toMatchObject({ ok: false, status: 403 })
      await expect(updateSecuritySettings(actorOfUser(user), { ...next, failedPerAccount: 99 })).rejects.toMatchObject({ status: 403 })
    }
    signOut()
    expect((await getSecuritySettings()).failedPerAccount).toBe(next.failedPerAccount)
  })

  it('refuses an unknown time zone in words', async () => {
    signInAs(await createUser('admin'))
    const result = await updateSecuritySettingsAction({ ...defaultSecuritySettings(), workingTimeZone: 'Mars/Olympus' })
    signOut()
    expect(result).toMatchObject({ ok: false, status: 422, fieldErrors: { workingTimeZone: ['Not a time zone, e.g. Europe/London'] } })
  })
})

describe('security-scan', () => {
  it('stores a burst of failed sign-ins once, updates it on rescans and raises one security incident', async () => {
    const admin = await createUser('admin')
    const defaults = await getSecuritySettings()
    await updateSecuritySettings(actorOfUser(admin), {
      ...defaults,
      failedPerAccount: 3,
      signInWindowMinutes: 60,
      incidentMinSeverity: 'high',
      severities: { ...defaults.severities, 'signin.failed_account': 'high' },
    })
    const target = await createUser('viewer')
    const t0 = new Date()
    await failSignIns(target.email, 3, new Date(t0.getTime() - 10 * 60_000))

    const outcome = await runJob('security-scan', 'cli')
    expect(outcome.status).toBe('ok')
    let [event, ...rest] = await eventsOf(target.email)
    expect(rest).toEqual([])
    expect(event).toMatchObject({ rule: 'signin.failed_account', severity: 'high', subjectType: 'account', count: 3, summary: '3 failed sign-ins for this account within 60 min' })
    expect(event!.incidentId).toBeTruthy()
    const incident = await db.incident.findUniqueOrThrow({ where: { id: event!.incidentId! }, include: { alerts: true } })
    expect(incident).toMatchObject({ severity: 'high', status: 'triggered' })
    expect(incident.alerts.map((a) => a.source)).toEqual(['security'])
    // The board shows the rule, not the account.
    expect(incident.title).not.toContain(target.email)

    // A rescan with one more failure updates the same event; nothing new is raised.
    await failSignIns(target.email, 1, new Date(t0.getTime() - 60_000))
    await scanAt(new Date(t0.getTime() + 1000))
    ;[event, ...rest] = await eventsOf(target.email)
    expect(rest).toEqual([])
    expect(event!.count).toBe(4)
    expect(await db.alert.count({ where: { incidentId: incident.id } })).toBe(1)

    // A later burst is a new event, and its alert joins the open incident of the rule and account.
    const later = new Date(t0.getTime() + 3 * 3_600_000)
    await failSignIns(target.email, 3, new Date(later.getTime() - 5 * 60_000))
    await scanAt(later)
    const events = await eventsOf(target.email)
    expect(events).toHaveLength(2)
    expect(events[1]!.incidentId).toBe(incident.id)
    expect(await db.alert.count({ where: { incidentId: incident.id } })).toBe(2)
    await updateSecuritySettings(actorOfUser(admin), defaults)
  })

  it('finds API keys refused by scope, used from a new address and about to expire', async () => {
    const { key, id } = await createApiKey(['alerts:write'])
    const { key: readKey, id: readId } = await createApiKey(['read'])
    const expiring = await createApiKey(['read'])
    await db.apiKey.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() + 5 * 86_400_000) } })
    // The read key's history: used from 10.9.9.9 two days ago.
    await db.apiKeyUsage.create({ data: { apiKeyId: readId, ip: '10.9.9.9', hour: new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 48 * 3_600_000), requests: 20 } })

    const call = (k: string, address: string) => getSlo(request('/api/slo', { headers: { authorization: `Bearer ${k}`, 'x-forwarded-for': address } }))
    expect((await call(key, '10.1.2.3')).status).toBe(403)
    expect((await call(key, '10.1.2.3')).status).toBe(403)
    expect((await call(readKey, '192.0.2.44')).status).toBe(200)

    await scanAt(new Date())
    const refused = await eventsOf(id)
    expect(refused.map((e) => [e.rule, e.count, e.severity])).toEqual([['apikey.scope_refused', 2, 'low']])
    expect(refused[0]!.summary).toContain('for lacking read (from 10.1.2.3)')
    expect(refused[0]!.incidentId).toBeNull()
    expect((await eventsOf(readId)).map((e) => e.rule)).toEqual(['apikey.new_address'])
    expect((await eventsOf(expiring.id)).map((e) => [e.rule, e.summary.startsWith(`API key “`)])).toEqual([['apikey.expiring', true]])
    const usage = await db.apiKeyUsage.findMany({ where: { apiKeyId: id } })
    expect(usage.map((u) => [u.ip, u.requests, u.refused, u.refusedScopes])).toEqual([['10.1.2.3', 0, 2, ['read']]])

    // Rescanning finds the same three and stores nothing new.
    await scanAt(new Date())
    expect(await db.securityEvent.count({ where: { subject: { in: [id, readId, expiring.id] } } })).toBe(3)
  })

  it('raises a critical incident when the audit chain check failed', async () => {
    const brokenAt = uid('row')
    await recordAudit(SYSTEM_ACTOR, { action: 'audit.verify', targetType: 'audit', summary: { ok: false, checked: 10, brokenAt, kind: 'content' } })
    await scanAt(new Date())
    const [event] = await eventsOf(brokenAt)
    expect(event).toMatchObject({ rule: 'audit.chain_broken', severity: 'critical', summary: `Audit chain verification failed at entry ${brokenAt} (content)` })
    const incident = await db.incident.findUniqueOrThrow({ where: { id: event!.incidentId! } })
    expect(incident.severity).toBe('critical')
  })
})
