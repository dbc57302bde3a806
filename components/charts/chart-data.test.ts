import { describe, expect, it } from 'vitest'
import { axisTimeStyle, dayToEpoch, formatChartTime, formatDay, formatTableTime, hasValues, summarise, tableTimeStyle, toPercent } from './chart-data'

describe('percentages and summaries', () => {
  it('converts fractions without float noise', () => {
    expect(toPercent(0.9987)).toBe(99.87)
    expect(toPercent(0.1 + 0.2)).toBe(30)
    expect(toPercent(null)).toBeNull()
    expect(toPercent(Number.NaN)).toBeNull()
  })

  it('knows when a series is empty', () => {
    expect(hasValues([null, undefined, Number.NaN])).toBe(false)
    expect(hasValues([null, 0])).toBe(true)
  })

  it('summarises latest, lowest and highest, ignoring gaps', () => {
    expect(summarise([0.99, null, 0.97, 0.995, null])).toEqual({ latest: 0.995, min: 0.97, max: 0.995 })
    expect(summarise([null])).toEqual({ latest: null, min: null, max: null })
  })
})

describe('times in the server zone', () => {
  const t = Date.parse('2026-03-29T00:30:00Z') // 00:30 GMT, the night the UK clocks go forward

  it('spells out local times, across a clock change', () => {
    expect(formatChartTime(t, 'Europe/London', 'time')).toBe('00:30')
    expect(formatChartTime(t + 3_600_000, 'Europe/London', 'time')).toBe('02:30')
    expect(formatChartTime(t, 'Europe/London', 'day')).toBe('29 Mar')
    expect(formatChartTime(t, 'America/New_York', 'day-time')).toBe('28 Mar 20:30')
    expect(formatChartTime(t, 'UTC', 'full')).toBe('29 Mar 2026 00:30')
    expect(formatChartTime(Date.parse('2026-01-01T00:00:00Z'), 'UTC', 'time')).toBe('00:00')
  })

  it('chooses times of day for short spans and dates for long ones', () => {
    expect(axisTimeStyle(24 * 3_600_000)).toBe('time')
    expect(axisTimeStyle(7 * 24 * 3_600_000)).toBe('day')
  })

  it('drops the time from table rows when every point is a local midnight', () => {
    const midnights = [Date.parse('2026-03-01T23:00:00Z'), Date.parse('2026-03-02T23:00:00Z')]
    expect(tableTimeStyle(midnights, 'Europe/Berlin')).toBe('date')
    expect(tableTimeStyle(midnights, 'UTC')).toBe('full')
    expect(formatTableTime(midnights[0]!, 'Europe/Berlin', 'date')).toBe('2 Mar 2026')
  })

  it('reads calendar days without a zone', () => {
    expect(dayToEpoch('2026-03-02')).toBe(Date.parse('2026-03-02T00:00:00Z'))
    expect(formatDay('2026-03-02')).toBe('2 Mar 2026')
  })
})
