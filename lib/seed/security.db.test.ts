/** The security demo events: the four stories of the guide, seeded idempotently. */
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { createUser } from '@/test/factories'
import { EXPIRING_DEMO_KEY, seedSecurity } from './security'

describe('seedSecurity', () => {
  it('seeds a failed sign-in burst, an after-hours admin action and an expiring key, once', async () => {
    await createUser('admin')
    const logs: string[] = []
    await seedSecurity((m) => logs.push(m))
    await seedSecurity((m) => logs.push(m))
    expect(logs[1]).toMatch(/^security events: 0 new of \d+$/)

    const burst = await db.securityEvent.findMany({ where: { subject: '203.0.113.45' } })
    expect(burst.map((e) => [e.rule, e.count])).toEqual([['signin.failed_address', 14]])
    expect(burst[0]!.detectedAt.getTime()).toBeLessThan(Date.now() - 86_400_000)
    expect(await db.securityEvent.count({ where: { rule: 'admin.after_hours', dedupKey: { endsWith: '|seed' } } })).toBe(1)

    const key = await db.apiKey.findFirstOrThrow({ where: { name: EXPIRING_DEMO_KEY } })
    const days = (key.expiresAt!.getTime() - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(7)
    expect(days).toBeLessThanOrEqual(14)
    const expiring = await db.securityEvent.findMany({ where: { subject: key.id } })
    expect(expiring.map((e) => e.rule)).toEqual(['apikey.expiring'])
  })
})
