import type { Role } from '@/lib/rbac'

/** What each role may do, in a line, for the people who hand roles out (mirrors lib/rbac.ts). */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'Everything, including people, API keys, jobs and the audit log.',
  ops: 'Incidents, on-call, probes, notifications and flag kill switches.',
  executive: 'Reads dashboards, SLOs and reports; changes nothing.',
  pm: 'Flags and approvals, analytics, feedback triage, competitors, roadmap, SLO targets.',
  clinician: 'Submits feedback and reads the roadmap.',
  viewer: 'Reads every area; changes nothing.',
}
