import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { createUser, uid } from '@/test/factories'
import { onCallNow, scheduleShifts } from './schedules'

describe('onCallNow', () => {
  it('answers from the rotation, with overrides winning, across the EU spring change', async () => {
    const [dora, emil, cover] = [await createUser('ops'), await createUser('ops'), await createUser('ops')]
    const schedule = await db.schedule.create({
      data: { name: uid('sched'), timezone: 'Europe/Berlin', rotation: 'weekly', handoffTime: '10:00', startDate: '2026-03-23', participantIds: [dora.id, emil.id] },
    })
    expect(await onCallNow(schedule.id, new Date('2026-03-29T12:00:00Z'))).toEqual({
      userId: dora.id,
      from: new Date('2026-03-23T09:00:00Z'),
      to: new Date('2026-03-30T08:00:00Z'),
    })
    await db.scheduleOverride.create({
      data: { scheduleId: schedule.id, userId: cover.id, startsAt: new Date('2026-03-29T00:00:00Z'), endsAt: new Date('2026-03-29T18:00:00Z') },
    })
    expect(await onCallNow(schedule.id, new Date('2026-03-29T12:00:00Z'))).toEqual({
      userId: cover.id,
      from: new Date('2026-03-29T00:00:00Z'),
      to: new Date('2026-03-29T18:00:00Z'),
    })
    const shifts = await scheduleShifts(schedule.id, new Date('2026-03-28T00:00:00Z'), new Date('2026-03-31T00:00:00Z'))
    expect(shifts.map((s) => [s.userId, s.source])).toEqual([
      [dora.id, 'rotation'],
      [cover.id, 'override'],
      [dora.id, 'rotation'],
      [emil.id, 'rotation'],
    ])
  })

  it('is null for an unknown schedule or before the rotation starts', async () => {
    const user = await createUser('ops')
    const schedule = await db.schedule.create({
      data: { name: uid('sched'), timezone: 'UTC', rotation: 'daily', handoffTime: '00:00', startDate: '2030-01-01', participantIds: [user.id] },
    })
    expect(await onCallNow(schedule.id, new Date('2029-12-31T23:59:59Z'))).toBeNull()
    expect(await onCallNow(crypto.randomUUID(), new Date())).toBeNull()
  })
})
