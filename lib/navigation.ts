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
  { href: '/feedback', label: 'Feedback', permission: 'feedback:read', icon: 'list' },
  { href: '/competitors', label: 'Competitors', permission: 'competitor:read', icon: 'search' },
  { href: '/roadmap', label: 'Roadmap', permission: 'roadmap:read', icon: 'list' },
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
