import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { shiftsBetween } from '@/lib/oncall/rotation'
import type { PolicyView, ScheduleView } from '@/lib/oncall/queries'
import { PolicyCard } from './policy-card'
import { ScheduleCard } from './schedule-card'

const ANN = '00000000-0000-4000-8000-00000000000a'
const BOB = '00000000-0000-4000-8000-00000000000b'
const names: Record<string, string> = { [ANN]: 'Ann Adams', [BOB]: 'Bob Brown' }
const spec = { timezone: 'America/New_York', rotation: 'daily' as const, handoffTime: '09:00', startDate: '2026-03-01', participantIds: [ANN, BOB] }
const now = new Date('2026-03-05T15:00:00Z')
const upcoming = shiftsBetween(spec, [], now, new Date(now.getTime() + 14 * 86_400_000)).map((s) => ({ ...s, userName: names[s.userId] ?? '?' }))

const schedule: ScheduleView = {
  id: '00000000-0000-4000-8000-0000000000c1',
  name: 'Clinical AI primary',
  ...spec,
  participants: [ANN, BOB].map((id) => ({ id, name: names[id] ?? '?', email: `${id}@x`, disabled: false })),
  now: upcoming[0] ?? null,
  upcoming,
  overrides: [],
  usedBy: ['Default'],
}
const people = [{ id: ANN, name: 'Ann Adams', email: 'ann@x' }]

describe('ScheduleCard', () => {
  it('shows who is on call now and until when, in the schedule’s zone', () => {
    const html = renderToStaticMarkup(<ScheduleCard schedule={schedule} people={null} />)
    expect(html).toContain('On call now')
    expect(html).toContain(names[upcoming[0]!.userId])
    expect(html).toContain('Fri 6 Mar, 09:00 EST')
  })

  it('lists 14 days with the 23-hour shift across the spring-forward night marked', () => {
    const html = renderToStaticMarkup(<ScheduleCard schedule={schedule} people={null} />)
    expect(html).toContain('Sun 8 Mar, 09:00 EDT')
    expect(html).toContain('23 h')
    expect(html.match(/clocks change/g)).toHaveLength(1)
  })

  it('is read-only without oncall:manage, with management controls otherwise', () => {
    const readOnly = renderToStaticMarkup(<ScheduleCard schedule={schedule} people={null} />)
    expect(readOnly).not.toContain('Add an override')
    expect(readOnly).not.toContain('Edit schedule')
    expect(readOnly).not.toMatch(/>Delete</)
    const manage = renderToStaticMarkup(<ScheduleCard schedule={schedule} people={people} />)
    expect(manage).toContain('Add an override')
    expect(manage).toContain('Edit schedule')
  })

  it('says so when nobody is on call', () => {
    const html = renderToStaticMarkup(<ScheduleCard schedule={{ ...schedule, now: null, upcoming: [] }} people={null} />)
    expect(html).toContain('Nobody on call')
    expect(html).toContain('Nobody is scheduled in the next 14 days')
  })
})

describe('PolicyCard', () => {
  const policy: PolicyView = {
    id: '00000000-0000-4000-8000-0000000000d1',
    name: 'Default',
    severityDelays: [
      { severity: 'critical', minutes: 0 },
      { severity: 'high', minutes: 5 },
      { severity: 'medium', minutes: 15 },
    ],
    levels: [
      { delayMinutes: 0, targets: [{ type: 'schedule', id: schedule.id, name: 'Clinical AI primary' }] },
      { delayMinutes: 15, targets: [{ type: 'user', id: BOB, name: 'Bob Brown' }] },
    ],
    emergencyIntervalMinutes: null,
    services: ['Triage model'],
  }

  it('reads the severity delays and levels in words', () => {
    const html = renderToStaticMarkup(<PolicyCard policy={policy} manage={null} />)
    expect(html).toContain('immediately')
    expect(html).toContain('after 5 min')
    expect(html).toContain('after 15 min without acknowledgement')
    expect(html).toContain('Clinical AI primary')
    expect(html).toContain('Used by Triage model')
    expect(html).not.toContain('Edit policy')
    expect(html).not.toContain('emergency interval')
  })

  it('says when critical incidents climb at the emergency interval', () => {
    const html = renderToStaticMarkup(<PolicyCard policy={{ ...policy, emergencyIntervalMinutes: 15 }} manage={null} />)
    expect(html).toContain('climbs every 15 min at most (emergency interval)')
  })
})
