/**
 * Which kind of backup a run makes (pure). The job runs hourly (the RPO of 1 h); the guides' daily backup
 * at 02:00 and weekly one at 03:00 on Sunday are slots in the site's time zone. A run makes the weekly
 * backup when none was made since the latest Sunday 03:00, else the daily one when none (daily or weekly)
 * was made since the latest 02:00, else an hourly one. So a slot missed while the server was down is
 * filled by the next run, and a different schedule (WARDROOM_JOB_SCHEDULES) still yields them.
 */
import { DAY_MS, localDateTimeAt, zonedTimeToUtc } from '@/lib/time'
import type { BackupKind } from './schema'

export interface BackupSlots {
  /** Local hour of the daily backup (guides: 02:00). */
  dailyHour: number
  /** Day of the week of the weekly backup, 0 = Sunday, and its local hour (guides: Sunday 03:00). */
  weeklyDay: number
  weeklyHour: number
}

export const GUIDE_SLOTS: BackupSlots = { dailyHour: 2, weeklyDay: 0, weeklyHour: 3 }

/** The latest instant at or before `now` when the local clock in `timeZone` read `hour`:00 on a day accepted by `onDay`. */
function latestSlot(now: Date, timeZone: string, hour: number, onDay: (weekday: number) => boolean): Date {
  const today = localDateTimeAt(timeZone, now)
  // Eight days back always contains a matching day whose slot lies before now.
  for (let back = 0; back <= 8; back++) {
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day) - back * DAY_MS)
    if (!onDay(day.getUTCDay())) continue
    const slot = zonedTimeToUtc(timeZone, { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour, minute: 0 })
    if (slot.getTime() <= now.getTime()) return slot
  }
  throw new Error('unreachable: no backup slot in the last eight days')
}

export function latestDailySlot(now: Date, timeZone: string, slots: BackupSlots = GUIDE_SLOTS): Date {
  return latestSlot(now, timeZone, slots.dailyHour, () => true)
}

export function latestWeeklySlot(now: Date, timeZone: string, slots: BackupSlots = GUIDE_SLOTS): Date {
  return latestSlot(now, timeZone, slots.weeklyHour, (d) => d === slots.weeklyDay)
}

/** The newest existing backup of each kind (its snapshot time), as far as there is one. */
export type NewestByKind = Partial<Record<BackupKind, Date>>

export function selectBackupKind(now: Date, timeZone: string, newest: NewestByKind, slots: BackupSlots = GUIDE_SLOTS): BackupKind {
  const weekly = newest.weekly?.getTime() ?? -Infinity
  const daily = Math.max(weekly, newest.daily?.getTime() ?? -Infinity)
  if (weekly < latestWeeklySlot(now, timeZone, slots).getTime()) return 'weekly'
  if (daily < latestDailySlot(now, timeZone, slots).getTime()) return 'daily'
  return 'hourly'
}
