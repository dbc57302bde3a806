import { describe, expect, it } from 'vitest'
import { addMonths, expiredPartitions, monthOfPartition, monthStart, partitionName } from './partitions'

const d = (s: string) => new Date(s)

describe('partition names and months', () => {
  it('names the UTC month of an instant', () => {
    expect(partitionName(monthStart(d('2026-12-31T23:59:59.999Z')))).toBe('AnalyticsEvent_2026_12')
    expect(partitionName(monthStart(d('2027-01-01T00:00:00.000Z')))).toBe('AnalyticsEvent_2027_01')
    expect(addMonths(d('2026-11-01T00:00:00Z'), 2)).toEqual(d('2027-01-01T00:00:00Z'))
  })

  it('reads the month back from a name, and nothing from other names', () => {
    expect(monthOfPartition('AnalyticsEvent_2026_02')).toEqual(d('2026-02-01T00:00:00Z'))
    expect(monthOfPartition('AnalyticsEvent')).toBeNull()
    expect(monthOfPartition('AuditLog_2026_02')).toBeNull()
  })
})

describe('expiredPartitions (90 days)', () => {
  const parts = ['2026_07', '2026_08', '2026_09', '2026_10'].map((m) => {
    const from = monthOfPartition(`AnalyticsEvent_${m}`)!
    return { name: `AnalyticsEvent_${m}`, from, to: addMonths(from, 1) }
  })
  it.each([
    // 2026-11-29 minus 90 days is 2026-08-31: July has ended before it, August has not.
    ['2026-11-29T00:00:00Z', ['AnalyticsEvent_2026_07']],
    // 2026-11-30 minus 90 days is 2026-09-01T00:00: August ended exactly then.
    ['2026-11-30T00:00:00Z', ['AnalyticsEvent_2026_07', 'AnalyticsEvent_2026_08']],
    ['2026-10-01T00:00:00Z', []],
  ])('on %s drops %j', (now, names) => {
    expect(expiredPartitions(parts, d(now), 90).map((p) => p.name)).toEqual(names)
  })
})
