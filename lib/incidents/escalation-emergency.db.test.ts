/**
 * The guides' "emergency 15 min" in the runner: under a ladder of 0 / 30 / 60 / 120 minutes with an
 * emergency interval of 15, a critical incident's next level is due 15 minutes after each page, a high one
 * at the levels' own delays. Runs near the real clock (runEscalations sees the shared database).
 */
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import type { Severity } from '@/lib/severity'
import { firstEscalationAt } from '@/lib/oncall/escalation-policy'
import { createUser, uid } from '@/test/factories'
import { runEscalations } from './escalation'

const MIN = 60_000

async function ladder() {
  const user = await createUser('ops')
  const levels = [0, 30, 60, 120].map((delayMinutes) => ({ delayMinutes, targets: [{ type: 'user', id: user.id }] }))
  return db.escalationPolicy.create({ data: { name: uid('ladder'), levels, severityDelays: { critical: 0, high: 5, medium: 15 }, emergencyIntervalMinutes: 15 } })
}

async function open(policy: Awaited<ReturnType<typeof ladder>>, severity: Severity, triggeredAt: Date) {
  return db.incident.create({
    data: {
      title: 'Triage model timeouts',
      severity,
      dedupKey: uid('dedup'),
      escalationPolicyId: policy.id,
      triggeredAt,
      nextEscalationAt: firstEscalationAt(policy, severity, triggeredAt),
    },
  })
}

describe('emergency interval', () => {
  it('a critical incident climbs every 15 minutes; a high one after 30', async () => {
    const policy = await ladder()
    const t = new Date(Date.now() - 6 * MIN)
    const critical = await open(policy, 'critical', t)
    const high = await open(policy, 'high', t)
    const now = new Date()
    await runEscalations(now)
    const [c, h] = await Promise.all([critical, high].map((i) => db.incident.findUniqueOrThrow({ where: { id: i.id } })))
    expect(c!.escalationLevel).toBe(1)
    expect(c!.nextEscalationAt).toEqual(new Date(now.getTime() + 15 * MIN))
    expect(h!.escalationLevel).toBe(1)
    expect(h!.nextEscalationAt).toEqual(new Date(now.getTime() + 30 * MIN))
  })
})
