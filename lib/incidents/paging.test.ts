import { describe, expect, it } from 'vitest'
import { channelKind, channelsFor, isPagingChannel, listInWords, pagingStatus } from './paging'

describe('paging channels', () => {
  it('counts channels that leave the server as paging; console and file only log', () => {
    expect(['console', 'file'].map(isPagingChannel)).toEqual([false, false])
    expect(['email', 'slack', 'pagerduty', 'webhook'].map(isPagingChannel)).toEqual([true, true, true, true])
  })

  it('says whether the enabled channels page anyone', () => {
    const logOnly = [
      { name: 'Ops console', type: 'console' },
      { name: 'Ops log file', type: 'file' },
    ]
    expect(pagingStatus(logOnly)).toEqual({ enabled: logOnly, paging: false })
    expect(pagingStatus([...logOnly, { name: 'On-call Slack', type: 'slack' }]).paging).toBe(true)
    expect(pagingStatus([])).toEqual({ enabled: [], paging: false })
  })

  it('picks the enabled channels whose threshold admits the severity, by name', () => {
    const channels = [
      { name: 'Pager', type: 'pagerduty', minSeverity: 'high' as const, enabled: true },
      { name: 'Ops console', type: 'console', minSeverity: 'info' as const, enabled: true },
      { name: 'Old Slack', type: 'slack', minSeverity: 'info' as const, enabled: false },
    ]
    expect(channelsFor(channels, 'critical')).toEqual([
      { name: 'Ops console', type: 'console' },
      { name: 'Pager', type: 'pagerduty' },
    ])
    expect(channelsFor(channels, 'medium')).toEqual([{ name: 'Ops console', type: 'console' }])
  })

  it('names kinds and lists in words', () => {
    expect(channelKind('console')).toBe('server log')
    expect(channelKind('file')).toBe('log file')
    expect(channelKind('slack')).toBe('Slack incoming webhook')
    expect(channelKind('carrier-pigeon')).toBe('carrier-pigeon')
    expect(listInWords([])).toBe('')
    expect(listInWords(['A'])).toBe('A')
    expect(listInWords(['A', 'B'])).toBe('A and B')
    expect(listInWords(['A', 'B', 'C'])).toBe('A, B and C')
  })
})
