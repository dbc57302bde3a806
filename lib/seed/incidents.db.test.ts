/** The operations demo data, seeded inside a transaction that is rolled back (tests share one database). */
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { DEMO_USERS } from './foundation'
import { SEED_SERVICES, seedIncidents } from './incidents'
import { SEVERITY_RANK } from '@/lib/severity'
import { responseStats } from '@/lib/incidents/board'
import { parseLevels } from '@/lib/oncall/escalation-policy'
import { GUIDE_LADDER_NAME } from '@/lib/oncall/guide-ladder'
import { ENGINEERING_LEADS, LADDER_PEOPLE } from './ladder'

const ROLLBACK = 'rollback'
const DAY = 24 * 3_600_000

describe('seedIncidents', () => {
  it('seeds services, policies, rotations, channels and months of incidents, idempotently', async () => {
    const now = new Date()
    const logs: string[] = []
    await db
      .$transaction(
        async (tx) => {
          for (const u of DEMO_USERS) await tx.user.upsert({ where: { email: u.email }, create: { ...u, passwordHash: 'x' }, update: {} })
          await seedIncidents((m) => logs.push(m), { tx, now })

          const services = await tx.service.findMany({ where: { key: { in: SEED_SERVICES.map((s) => s.key) } }, include: { escalationPolicy: true } })
          expect(Object.fromEntries(services.map((s) => [s.key, [...s.workflows].sort()]))).toEqual({
            'ai-engine': ['diagnosis', 'emergency_triage'],
            'triage-api': ['emergency_triage'],
            'med-review': ['medication_review'],
            'imaging-ai': ['diagnosis'],
            'ehr-bridge': ['diagnosis', 'emergency_triage', 'medication_review'],
          })
          expect(services.every((s) => s.escalationPolicy?.severityDelays)).toBe(true)
          const policies = await tx.escalationPolicy.findMany({ where: { name: { in: [GUIDE_LADDER_NAME, 'Clinical AI critical path'] } } })
          expect(policies.map((p) => p.severityDelays)).toEqual([
            { critical: 0, high: 5, medium: 15 },
            { critical: 0, high: 5, medium: 15 },
          ])
          // The guides' ladder: ops rotation → engineering leads rotation → VP engineering → executives, 0/30/60/120 min, critical every 15.
          const ladder = policies.find((p) => p.name === GUIDE_LADDER_NAME)!
          expect(ladder.emergencyIntervalMinutes).toBe(15)
          const levels = parseLevels(ladder.levels)
          expect(levels.map((l) => l.delayMinutes)).toEqual([0, 30, 60, 120])
          expect(levels.map((l) => l.targets.map((t) => t.type))).toEqual([['schedule'], ['schedule'], ['user'], ['user', 'user']])
          expect(services.filter((s) => s.escalationPolicy?.name === GUIDE_LADDER_NAME).map((s) => s.key).sort()).toEqual(['imaging-ai', 'med-review'])
          const pagedOnly = await tx.user.findMany({ where: { email: { in: LADDER_PEOPLE.map((p) => p.email) } } })
          expect(pagedOnly).toHaveLength(4)
          expect(pagedOnly.every((u) => u.passwordHash === '!')).toBe(true)
          const schedules = await tx.schedule.findMany({ where: { name: { in: ['Ops weekly rotation', 'Clinical AI daily rotation', ENGINEERING_LEADS] } }, orderBy: { name: 'asc' } })
          expect(schedules.map((s) => [s.rotation, s.participantIds.length])).toEqual([
            ['daily', 2],
            ['weekly', 2],
            ['weekly', 2],
          ])
          const channels = await tx.notificationChannel.findMany({
            where: { name: { in: ['Ops console', 'Alerts log file', 'On-call e-mail', '#clinical-ai-ops (Slack)', 'PagerDuty (hospital IT)', 'ITSM webhook'] } },
          })
          expect(channels.filter((c) => c.enabled).map((c) => c.type).sort()).toEqual(['console', 'file'])
          expect(channels.filter((c) => !c.enabled).map((c) => c.type).sort()).toEqual(['email', 'pagerduty', 'slack', 'webhook'])

          const incidents = await tx.incident.findMany({
            where: { dedupKey: { startsWith: 'seed:' } },
            include: { events: true, alerts: true, postmortem: true },
          })
          // A written-out week and about fifteen weeks before it.
          const lastWeek = incidents.filter((i) => i.triggeredAt.getTime() > now.getTime() - 7 * DAY)
          expect(lastWeek.length).toBeGreaterThanOrEqual(20)
          expect(lastWeek.length).toBeLessThanOrEqual(30)
          expect(incidents.length - lastWeek.length).toBeGreaterThanOrEqual(40)
          expect(incidents.every((i) => i.triggeredAt <= now)).toBe(true)
          const oldestDays = (now.getTime() - Math.min(...incidents.map((i) => i.triggeredAt.getTime()))) / DAY
          expect(oldestDays).toBeGreaterThan(60)
          expect(oldestDays).toBeLessThan(120)
          expect(incidents.filter((i) => i.status !== 'resolved').map((i) => i.status).sort()).toEqual(['acknowledged', 'investigating', 'triggered'])
          expect(new Set(incidents.map((i) => i.severity)).size).toBeGreaterThanOrEqual(4)
          expect(new Set(incidents.map((i) => i.serviceId)).size).toBe(5)
          for (const i of incidents) {
            expect(i.alerts.length).toBe(i.alertCount)
            expect(i.events.some((e) => e.type === 'alert')).toBe(true)
            if (i.acknowledgedAt) expect(i.acknowledgedAt >= i.triggeredAt).toBe(true)
            if (i.resolvedAt) expect(i.resolvedAt >= (i.acknowledgedAt ?? i.triggeredAt)).toBe(true)
            // The clinical impact rule holds in the demo too.
            if (i.workflows.includes('emergency_triage')) expect(SEVERITY_RANK[i.severity]).toBeLessThanOrEqual(SEVERITY_RANK.high)
          }
          // The board's figures over 7 and 30 days, from the seeded rows, differ.
          const d7 = responseStats(incidents, now, 7)
          const d30 = responseStats(incidents, now, 30)
          expect(d7.incidents).toBe(lastWeek.length)
          expect(d30.incidents).toBeGreaterThan(d7.incidents)
          expect(d30.mttaMs).not.toBe(d7.mttaMs)
          expect(d30.mttrMs).not.toBe(d7.mttrMs)
          const acked = incidents.filter((i) => i.acknowledgedAt)
          const mttaMin = acked.reduce((s, i) => s + (i.acknowledgedAt!.getTime() - i.triggeredAt.getTime()), 0) / acked.length / 60_000
          const resolved = incidents.filter((i) => i.resolvedAt)
          const mttrMin = resolved.reduce((s, i) => s + (i.resolvedAt!.getTime() - i.triggeredAt.getTime()), 0) / resolved.length / 60_000
          expect(mttaMin).toBeGreaterThan(1)
          expect(mttaMin).toBeLessThan(30)
          expect(mttrMin).toBeGreaterThan(15)
          expect(mttrMin).toBeLessThan(240)
          expect(incidents.filter((i) => i.postmortem)).toHaveLength(1)
          expect(new Set(incidents.map((i) => i.dedupKey)).size).toBe(incidents.length)
          // Incident numbers follow the order they opened in.
          const byNumber = [...incidents].sort((a, b) => a.number - b.number)
          expect(byNumber.map((i) => i.triggeredAt.getTime())).toEqual([...byNumber.map((i) => i.triggeredAt.getTime())].sort((a, b) => a - b))
          expect(incidents.flatMap((i) => i.events.map((e) => e.type))).toEqual(
            expect.arrayContaining(['alert', 'severity', 'status', 'note', 'notification', 'escalation', 'assignment', 'alert_resolved', 'postmortem']),
          )

          const counts = async () => [await tx.incident.count(), await tx.service.count(), await tx.notificationChannel.count(), await tx.incidentEvent.count()]
          const before = await counts()
          await seedIncidents((m) => logs.push(m), { tx, now })
          expect(await counts()).toEqual(before)
          throw new Error(ROLLBACK)
        },
        { timeout: 60_000 },
      )
      .catch((e: Error) => {
        if (e.message !== ROLLBACK) throw e
      })
    expect(logs.at(-1)).toContain('already seeded')
  })
})
