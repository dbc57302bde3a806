import { describe, expect, it } from 'vitest'
import { describeChange, describeEvent } from './timeline-text'

describe('describeEvent', () => {
  it.each([
    ['alert', { source: 'api', severity: 'high', message: 'Response time SLA violated', opened: true }, 'Alert opened the incident', 'api · High: Response time SLA violated'],
    ['alert', { source: 'alertmanager', message: 'Down', repeated: 4 }, 'Alert repeated (4 times so far)', 'alertmanager: Down'],
    ['alert_resolved', { count: 2, remaining: 0 }, '2 alerts resolved at the source', 'No alerts still firing'],
    ['status', { from: 'triggered', to: 'acknowledged' }, 'Moved from Triggered to Acknowledged', undefined],
    ['status', { from: 'investigating', to: 'resolved', reason: 'Rolled back' }, 'Moved from Investigating to Resolved', 'Rolled back'],
    ['status', { from: 'triggered', to: 'resolved', auto: true, reason: 'All alerts resolved' }, 'Resolved automatically', 'All alerts resolved'],
    ['status', { from: 'resolved', to: 'triggered', reopened: true }, 'Reopened', undefined],
    ['note', { text: 'Failing over' }, 'Note', 'Failing over'],
    ['notification', { channel: 'Ops Slack', channelType: 'slack', kind: 'trigger', outcome: 'delivered', attempt: 1, status: 200 }, 'Trigger notice to Ops Slack (slack): delivered', 'attempt 1 · HTTP 200'],
    ['notification', { channel: 'Pager', kind: 'escalate', outcome: 'retrying', attempt: 2, error: 'timeout', nextAttemptAt: '2026-03-01T10:05:00Z' }, 'Escalation notice to Pager: failed, will retry', 'attempt 2 · timeout · next try 2026-03-01 10:05 UTC'],
    // Entries written before channels were recorded name only whom the level reached.
    ['escalation', { level: 1, policy: 'Default', targets: [{ type: 'schedule', name: 'Ops weekly', user: 'Tomas' }] }, 'Escalated to level 1', 'Escalated to Tomas (on call for Ops weekly) · policy “Default”'],
    [
      'escalation',
      { level: 1, policy: 'Default', targets: [{ type: 'user', user: 'Priya Raman' }], channels: [{ name: 'Ops console', type: 'console' }, { name: 'Ops log file', type: 'file' }], paging: false },
      'Escalated to level 1',
      'Notified Priya Raman via Ops console and Ops log file · policy “Default”',
    ],
    [
      'escalation',
      { level: 2, targets: [{ type: 'user', user: 'Priya Raman' }, { type: 'schedule', name: 'Clinical daily' }], channels: [{ name: 'On-call Slack', type: 'slack' }], paging: true, exhausted: true },
      'Escalated to level 2',
      'Notified Priya Raman and Clinical daily (nobody on call) via On-call Slack · last level',
    ],
    ['escalation', { level: 3, exhausted: true, policy: 'Default' }, 'Escalation policy exhausted', 'Every level of “Default” has been tried.'],
    ['status', { from: 'resolved', to: 'acknowledged', undone: true }, 'Resolution undone', 'Back in Acknowledged'],
    ['assignment', { from: null, to: 'u1', toName: 'Priya', acknowledged: true }, 'Assigned to Priya', 'Took it on by acknowledging'],
    ['severity', { from: 'medium', to: 'critical', reason: 'Triage affected' }, 'Severity changed from Medium to Critical', 'Triage affected'],
    ['assignment', { from: null, to: 'u1', toName: 'Priya' }, 'Assigned to Priya', undefined],
    ['assignment', { from: 'u1', to: null }, 'Unassigned', undefined],
    ['postmortem', { created: true, fields: ['summary', 'rootCause'] }, 'Postmortem started', 'Changed: summary, root cause'],
    ['maintenance', { endsAt: '2026-03-01T12:00:00Z', reason: 'Upgrade' }, 'Muted by a maintenance window', 'until 2026-03-01 12:00 UTC · Upgrade'],
    ['something_new', {}, 'something new', undefined],
  ])('%s %j', (type, data, title, detail) => {
    const text = describeEvent(type, data)
    expect(text.title).toBe(title)
    expect(text.detail).toBe(detail)
  })

  it('warns when an escalation paged nobody', () => {
    const logged = describeEvent('escalation', { level: 1, targets: [{ type: 'user', user: 'Priya Raman' }], channels: [{ name: 'Ops console', type: 'console' }], paging: false })
    expect(logged.warning).toBe('No paging channel enabled: the notice was only logged on the server, nobody was paged.')
    const none = describeEvent('escalation', { level: 1, targets: [{ type: 'user', user: 'Priya Raman' }], channels: [], paging: false })
    expect(none.detail).toBe('Nobody notified (Priya Raman is next in line)')
    expect(none.warning).toMatch(/No notification channel is enabled for this severity/)
    const paged = describeEvent('escalation', { level: 1, targets: [{ type: 'user', user: 'Priya Raman' }], channels: [{ name: 'Pager', type: 'pagerduty' }], paging: true })
    expect(paged.warning).toBeUndefined()
    expect(describeEvent('escalation', { level: 1, targets: [{ type: 'user', user: 'Priya Raman' }] }).warning).toBeUndefined()
  })

  it('reads malformed data without throwing', () => {
    expect(describeEvent('escalation', { targets: 'nope' }).title).toBe('Escalated')
    expect(describeEvent('status', {}).title).toBe('Moved from unknown to unknown')
  })
})

describe('describeChange', () => {
  it.each([
    ['maintenance_window.create', 'maintenance_window', 'Maintenance window created'],
    ['flag.update', 'flag', 'Flag changed'],
    ['probe.delete', 'probe', 'Probe deleted'],
    ['service.rollback', 'service', 'Service rolled back'],
  ])('%s → %s', (action, target, expected) => {
    expect(describeChange(action, target)).toBe(expected)
  })
})
