/**
 * The audit log in words: each action code (`auth.login`, `sla_report.create`) as what happened ("Signed
 * in", "SLA report generated"), each target type as a noun. The codes stay what is stored, filtered on and
 * hashed; these are for reading. An action without a name here (a new one) still reads as words.
 */

const ACTIONS: Record<string, string> = {
  'alert.ingest': 'Alerts received',
  'alert.resolve': 'Alert resolved',
  'analytics.event_type.quarantine': 'Analytics event quarantined',
  'analytics.event_type.register': 'Analytics event registered',
  'analytics.ingest': 'Analytics events received',
  'analytics.retention.drop': 'Expired analytics events deleted',
  'analytics.seed': 'Demo analytics loaded',
  'analytics.workflow.update': 'Analytics workflow changed',
  'apikey.create': 'API key created',
  'apikey.revoke': 'API key revoked',
  'audit.verify': 'Audit trail verified',
  'auth.login': 'Signed in',
  'auth.login_failed': 'Sign-in refused',
  'escalation_policy.create': 'Escalation policy created',
  'escalation_policy.update': 'Escalation policy changed',
  'experiment.events.ingest': 'Experiment events received',
  'flag.change_request.apply': 'Flag change applied',
  'flag.change_request.approve': 'Flag change approved',
  'flag.change_request.create': 'Flag change requested',
  'flag.change_request.edit': 'Flag change request edited',
  'flag.change_request.reject': 'Flag change rejected',
  'flag.change_request.void': 'Flag change request withdrawn',
  'flag.compliance.record': 'Flag compliance recorded',
  'flag.create': 'Flag created',
  'flag.environment.update': 'Flag environment changed',
  'flag.kill_switch': 'Flag kill switch used',
  'flag.lifecycle.stale': 'Flag marked stale',
  'flag.rollout.advance': 'Rollout advanced',
  'flag.rollout.edit': 'Rollout plan edited',
  'flag.rollout.hold': 'Rollout held',
  'flag.rollout.pause': 'Rollout paused',
  'flag.rollout.percentage': 'Rollout percentage set',
  'flag.rollout.resume': 'Rollout resumed',
  'flag.rollout.rollback': 'Rollout rolled back',
  'flag.rollout.rollback_automatic': 'Rollout rolled back automatically',
  'flag.rollout.start': 'Rollout started',
  'flag.seed': 'Demo flags loaded',
  'flag.update': 'Flag changed',
  'incident.acknowledge': 'Incident acknowledged',
  'incident.assign': 'Incident assigned',
  'incident.escalate': 'Incident escalated',
  'incident.note': 'Note added to an incident',
  'incident.postmortem': 'Postmortem saved',
  'incident.reopen': 'Incident reopened',
  'incident.resolve': 'Incident resolved',
  'incident.resolve_undo': 'Incident resolution undone',
  'incident.seed': 'Demo incidents loaded',
  'incident.severity': 'Incident severity changed',
  'incident.status': 'Incident status changed',
  'job.run': 'Job started by hand',
  'maintenance.cancel': 'Maintenance window cancelled',
  'maintenance.create': 'Maintenance window scheduled',
  'maintenance.end': 'Maintenance window ended early',
  'notification_channel.create': 'Channel added',
  'notification_channel.delete': 'Channel deleted',
  'notification_channel.deliver_now': 'Waiting notices sent now',
  'notification_channel.disable': 'Channel turned off',
  'notification_channel.enable': 'Channel turned on',
  'notification_channel.update': 'Channel changed',
  'probe.check': 'Health probe checked by hand',
  'probe.create': 'Health probe added',
  'probe.delete': 'Health probe deleted',
  'probe.disable': 'Health probe turned off',
  'probe.enable': 'Health probe turned on',
  'probe.update': 'Health probe changed',
  'report_subscription.create': 'Subscribed to SLA reports',
  'report_subscription.delete': 'Unsubscribed from SLA reports',
  'schedule.create': 'On-call schedule created',
  'schedule.delete': 'On-call schedule deleted',
  'schedule.override.add': 'On-call override added',
  'schedule.override.remove': 'On-call override removed',
  'schedule.update': 'On-call schedule changed',
  'service.create': 'Service added',
  'service.update': 'Service changed',
  'sla_report.create': 'SLA report generated',
  'sla_report.regenerate': 'SLA report generated again',
  'sli.ingest': 'SLI events received',
  'slo.seed': 'Demo SLOs loaded',
  'user.bootstrap_admin': 'First administrator created',
  'user.create': 'User added',
  'user.disable': 'User disabled',
  'user.enable': 'User enabled again',
  'user.password_reset': 'Password reset',
  'user.role.change': 'Role changed',
}

const TARGET_TYPES: Record<string, string> = {
  analytics_event: 'Analytics events',
  analytics_event_type: 'Analytics event type',
  analytics_partition: 'Analytics month',
  analytics_workflow: 'Analytics workflow',
  apikey: 'API key',
  audit: 'Audit trail',
  escalation_policy: 'Escalation policy',
  experiment: 'Experiment',
  flag: 'Flag',
  incident: 'Incident',
  job: 'Job',
  maintenance_window: 'Maintenance window',
  notification_channel: 'Channel',
  probe: 'Health probe',
  report_subscription: 'Report subscription',
  schedule: 'On-call schedule',
  service: 'Service',
  sla_report: 'SLA report',
  sli_event: 'SLI events',
  slo: 'SLO',
  user: 'User',
}

/** "flag.change_request.apply" → "Flag change request apply": the fallback for a code without a name. */
function codeWords(code: string): string {
  const text = code.replace(/[._:-]+/g, ' ').trim()
  return text ? text[0]!.toUpperCase() + text.slice(1) : code
}

/** What an action code means, in words. */
export function auditActionLabel(code: string): string {
  return ACTIONS[code] ?? codeWords(code)
}

/** What a target type is, as a noun. */
export function auditTargetTypeLabel(type: string): string {
  return TARGET_TYPES[type] ?? codeWords(type)
}
