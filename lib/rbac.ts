/**
 * Roles and permissions for all of Wardroom. Every server action and route handler names the permission
 * it needs and checks it where the data is touched (lib/auth/guard.ts, lib/http/route.ts); the shell
 * hides what a role cannot use, but that is a convenience, not the check.
 */
export const ROLES = ['admin', 'ops', 'executive', 'pm', 'clinician', 'viewer', 'safety_officer'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  ops: 'Operations',
  executive: 'Executive',
  pm: 'Product manager',
  clinician: 'Clinician',
  viewer: 'Viewer',
  safety_officer: 'Safety officer',
}

export const PERMISSIONS = [
  // Overview and read access per area
  'overview:read',
  'incident:read',
  'incident:ack', // acknowledge, resolve (and undo it), move on the board
  'incident:manage', // assign, change severity, notes, postmortem
  'oncall:manage', // schedules, escalation policies, maintenance windows
  'service:manage', // the service catalogue: create, edit, archive services and their dependencies
  'probe:manage', // health probes of monitored services
  'notification:manage', // channel settings
  'slo:read',
  'slo:manage',
  'report:read',
  'flag:read',
  'flag:edit', // create flags, edit details and targeting, start, resume and edit rollouts
  'flag:emergency', // kill switch (on and off), pause or roll back a rollout
  'flag:approve', // approve a change request of someone else (4-eyes)
  'flag:compliance', // record HIPAA review, FDA approval, clinical validation
  'analytics:read',
  'analytics:manage',
  'feedback:read',
  'feedback:submit',
  'feedback:triage',
  'competitor:read',
  'competitor:edit',
  'roadmap:read',
  'roadmap:edit',
  // Administration
  'user:manage',
  'apikey:manage',
  'audit:read',
  'job:read',
  'job:run',
  'backup:read', // Admin → Backups: backups, restore drills, the recovery objectives
  'backup:run', // run a restore drill now
  'security:read', // the security page: failed sign-ins, unusual API use, refused scopes, expiring keys
  'security:manage', // the security rules' thresholds, working hours and incident threshold
] as const
export type Permission = (typeof PERMISSIONS)[number]

const READ_ALL: Permission[] = [
  'overview:read',
  'incident:read',
  'slo:read',
  'report:read',
  'flag:read',
  'analytics:read',
  'feedback:read',
  'competitor:read',
  'roadmap:read',
]

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSIONS),
  ops: new Set<Permission>([
    ...READ_ALL,
    'incident:ack',
    'incident:manage',
    'oncall:manage',
    'service:manage',
    'probe:manage',
    'notification:manage',
    // Operations stop harm during an incident (kill switch, pause, roll back); what a clinical feature does
    // and how far it reaches (details, targeting, starting or advancing a rollout) is the product
    // manager's decision, with 4-eyes on gated flags. So ops has flag:emergency, not flag:edit.
    'flag:emergency',
    'feedback:submit',
    'job:read',
    // Operations watch the recovery objectives; running drills (load on the database server) is the administrator's.
    'backup:read',
  ]),
  executive: new Set<Permission>([...READ_ALL]),
  pm: new Set<Permission>([
    ...READ_ALL,
    'flag:edit',
    'flag:emergency',
    'flag:approve',
    'flag:compliance',
    'analytics:manage',
    'feedback:submit',
    'feedback:triage',
    'competitor:edit',
    'roadmap:edit',
    'slo:manage',
  ]),
  // Clinicians see how the clinical workflows they rely on are doing (read-only SLOs, their home on the
  // overview) and will submit feedback; incidents, flags and operations are not theirs.
  clinician: new Set<Permission>(['overview:read', 'slo:read', 'feedback:submit', 'roadmap:read']),
  viewer: new Set<Permission>([...READ_ALL]),
  // The clinical safety officer (DCB0129/0160-style role): notified of every patient-safety concern from
  // feedback, triages feedback (safety first), follows the incident a concern opened and the service levels
  // of the clinical workflows. Incident handling itself stays with operations.
  safety_officer: new Set<Permission>(['overview:read', 'incident:read', 'slo:read', 'report:read', 'feedback:read', 'feedback:submit', 'feedback:triage']),
}

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission)
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}

/** Scopes an API key can carry. Machines only ever act through these. */
export const API_SCOPES = [
  'alerts:write',
  'sli:write',
  'events:write',
  'feedback:write',
  'flags:evaluate',
  'flags:write',
  'read',
] as const
export type ApiScope = (typeof API_SCOPES)[number]

export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  'alerts:write': 'Send alerts (own API, Alertmanager, PagerDuty events)',
  'sli:write': 'Send SLI events',
  'events:write': 'Send analytics and experiment events',
  'feedback:write': 'Submit clinician feedback (widget)',
  'flags:evaluate': 'Evaluate feature flags (OFREP)',
  'flags:write': 'Change feature flags',
  read: 'Read SLOs, incidents and flags',
}

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value)
}
