import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { createUser, uid } from '@/test/factories'
import { listEscalationPolicies, listMaintenanceWindows, listSchedules } from './queries'

const HOUR = 3_600_000

describe('on-call page queries', () => {
  it('lists a schedule with who is on call now, 14 days of shifts, overrides and the policies paging it', async () => {
    const [ann, bob, cover] = [await createUser('ops', { name: 'Ann Q' }), await createUser('ops', { name: 'Bob Q' }), await createUser('ops', { name: 'Cover Q' })]
    const now = new Date()
    const schedule = await db.schedule.create({
      data: { name: uid('sched'), timezone: 'Europe/Berlin', rotation: 'daily', handoffTime: '09:00', startDate: '2026-01-01', participantIds: [ann.id, bob.id] },
    })
    await db.scheduleOverride.create({ data: { scheduleId: schedule.id, userId: cover.id, startsAt: new Date(now.getTime() - HOUR), endsAt: new Date(now.getTime() + HOUR), reason: 'swap' } })
    const policy = await db.escalationPolicy.create({
      data: {
        name: uid('policy'),
        levels: [
          { delayMinutes: 0, targets: [{ type: 'schedule', id: schedule.id }] },
          { delayMinutes: 10, targets: [{ type: 'user', id: bob.id }] },
        ],
        severityDelays: { critical: 0, high: 5 },
      },
    })

    const view = (await listSchedules(now)).find((s) => s.id === schedule.id)
    expect(view?.now).toMatchObject({ userId: cover.id, userName: 'Cover Q', source: 'override' })
    expect(view?.participants.map((p) => p.name)).toEqual(['Ann Q', 'Bob Q'])
    expect(view?.upcoming.length).toBeGreaterThanOrEqual(15)
    // The override covers now, so it heads the list; the rotation resumes where it ends.
    expect(view?.upcoming[0]).toMatchObject({ userId: cover.id, source: 'override' })
    expect(view?.upcoming[1]?.from).toEqual(view?.upcoming[0]?.to)
    expect(view?.overrides).toEqual([expect.objectContaining({ userName: 'Cover Q', reason: 'swap' })])
    expect(view?.usedBy).toEqual([policy.name])

    const p = (await listEscalationPolicies()).find((x) => x.id === policy.id)
    expect(p?.severityDelays).toEqual([
      { severity: 'critical', minutes: 0 },
      { severity: 'high', minutes: 5 },
    ])
    expect(p?.levels.map((l) => l.targets.map((t) => t.name))).toEqual([[schedule.name], ['Bob Q']])
  })

  it('lists maintenance windows that have not ended, marking those in progress', async () => {
    const service = await db.service.create({ data: { key: uid('svc'), name: uid('Service') } })
    const now = new Date()
    const [past, current, upcoming] = await Promise.all(
      [
        [-3, -2],
        [-1, 1],
        [2, 3],
      ].map(([a, b]) =>
        db.maintenanceWindow.create({ data: { serviceId: service.id, startsAt: new Date(now.getTime() + a! * HOUR), endsAt: new Date(now.getTime() + b! * HOUR) } }),
      ),
    )
    const mine = (await listMaintenanceWindows(now)).filter((w) => w.serviceId === service.id)
    expect(mine.map((w) => [w.id, w.active])).toEqual([
      [current!.id, true],
      [upcoming!.id, false],
    ])
    expect(mine.some((w) => w.id === past!.id)).toBe(false)
  })
})
