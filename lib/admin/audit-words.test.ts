import { describe, expect, it } from 'vitest'
import { auditActionLabel, auditTargetTypeLabel } from './audit-words'

describe('auditActionLabel', () => {
  it.each([
    ['auth.login', 'Signed in'],
    ['auth.login_failed', 'Sign-in refused'],
    ['sla_report.create', 'SLA report generated'],
    ['user.role.change', 'Role changed'],
    ['flag.change_request.approve', 'Flag change approved'],
    ['incident.resolve_undo', 'Incident resolution undone'],
    ['job.run', 'Job started by hand'],
    ['service.archive', 'Service archived'],
    ['service.unarchive', 'Service back in the catalogue'],
    // A code without a name of its own still reads as words.
    ['incident.snooze', 'Incident snooze'],
    ['widget.config_update', 'Widget config update'],
    ['', ''],
  ])('%s → %s', (code, words) => {
    expect(auditActionLabel(code)).toBe(words)
  })
})

describe('auditTargetTypeLabel', () => {
  it.each([
    ['user', 'User'],
    ['apikey', 'API key'],
    ['sla_report', 'SLA report'],
    ['maintenance_window', 'Maintenance window'],
    ['notification_channel', 'Channel'],
    ['widget_thing', 'Widget thing'],
  ])('%s → %s', (type, words) => {
    expect(auditTargetTypeLabel(type)).toBe(words)
  })
})
