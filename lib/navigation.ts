import type { Permission } from './rbac'

export interface NavItem {
  href: string
  label: string
  permission: Permission
  icon: 'chart' | 'alert' | 'clock' | 'flag' | 'list' | 'users' | 'search' | 'shield' | 'settings' | 'key'
}

/** The areas in the navigation: only working ones, each shown to the roles that may open it. */
export const AREAS: NavItem[] = [
  { href: '/', label: 'Overview', permission: 'overview:read', icon: 'chart' },
  { href: '/incidents', label: 'Incidents', permission: 'incident:read', icon: 'alert' },
  { href: '/oncall', label: 'On-call', permission: 'incident:read', icon: 'clock' },
  { href: '/incidents/probes', label: 'Health probes', permission: 'incident:read', icon: 'chart' },
  { href: '/services', label: 'Services', permission: 'incident:read', icon: 'list' },
  { href: '/slo', label: 'SLOs', permission: 'slo:read', icon: 'clock' },
  { href: '/flags', label: 'Feature flags', permission: 'flag:read', icon: 'flag' },
  { href: '/analytics', label: 'Analytics', permission: 'analytics:read', icon: 'chart' },
  { href: '/competitors', label: 'Competitors', permission: 'competitor:read', icon: 'search' },
]

/**
 * Areas still being built. They are not in the navigation (a link that leads nowhere, or a greyed-out
 * "Planned" entry, only gets clicked); the overview names them once, for the roles that will use them,
 * and says they will appear in the navigation when they go live.
 */
export const PLANNED_AREAS: { label: string; anyOf: readonly Permission[] }[] = [
  { label: 'Feedback', anyOf: ['feedback:read', 'feedback:submit'] },
  { label: 'Roadmap', anyOf: ['roadmap:read'] },
]

export const ADMIN: NavItem[] = [
  { href: '/admin/users', label: 'Users', permission: 'user:manage', icon: 'users' },
  { href: '/admin/api-keys', label: 'API keys', permission: 'apikey:manage', icon: 'key' },
  { href: '/admin/audit', label: 'Audit log', permission: 'audit:read', icon: 'shield' },
  { href: '/admin/jobs', label: 'Jobs', permission: 'job:read', icon: 'settings' },
  { href: '/admin/backups', label: 'Backups', permission: 'backup:read', icon: 'shield' },
  { href: '/admin/security', label: 'Security', permission: 'security:read', icon: 'shield' },
  { href: '/admin/channels', label: 'Channels', permission: 'notification:manage', icon: 'settings' },
]
