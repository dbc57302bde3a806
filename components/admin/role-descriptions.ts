import type { Role } from '@/lib/rbac'

/**
 * What each role may do, in a line, for the people who hand roles out. Mirrors ROLE_PERMISSIONS in
 * lib/rbac.ts; role-descriptions.test.ts holds the two together.
 */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'Everything, including people, API keys, jobs and the audit log.',
  ops: 'Incidents, on-call, probes and notifications; in an emergency, flag kill switches and pausing or rolling back a rollout (not editing flags or starting rollouts).',
  executive: 'Reads dashboards, SLOs and reports; changes nothing.',
  pm: 'Flags (details, targeting, rollouts, kill switches) and approvals, analytics, feedback triage, competitors, roadmap, SLO targets.',
  clinician: 'Sees the service levels of the clinical workflows, read-only; submits feedback and reads the roadmap.',
  viewer: 'Reads every area; changes nothing.',
  safety_officer: 'Patient safety: told of every safety concern, does feedback triage (safety concerns first) and reads the incident board, SLOs and reports; submits feedback.',
}
