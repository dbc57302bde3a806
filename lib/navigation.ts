import type { Permission } from './rbac'

export interface NavItem {
  href: string
  label: string
  permission: Permission
  icon: 'chart' | 'alert' | 'clock' | 'flag' | 'list' | 'users' | 'search' | 'shield' | 'settings' | 'key'
  /** Areas still being built are listed as planned, never as working links. */
  status: 'live' | 'planned'
}

export const AREAS: NavItem[] = [
  { href: '/', label: 'Overview', permission: 'overview:read', icon: 'chart', status: 'live' },
  { href: '/incidents', label: 'Incidents', permission: 'incident:read', icon: 'alert', status: 'live' },
  { href: '/oncall', label: 'On-call', permission: 'incident:read', icon: 'clock', status: 'live' },
  { href: '/incidents/probes', label: 'Health probes', permission: 'incident:read', icon: 'chart', status: 'live' },
  { href: '/slo', label: 'SLOs', permission: 'slo:read', icon: 'clock', status: 'live' },
  { href: '/flags', label: 'Feature flags', permission: 'flag:read', icon: 'flag', status: 'live' },
  { href: '/analytics', label: 'Analytics', permission: 'analytics:read', icon: 'chart', status: 'planned' },
  { href: '/feedback', label: 'Feedback', permission: 'feedback:read', icon: 'list', status: 'planned' },
  { href: '/competitors', label: 'Competitors', permission: 'competitor:read', icon: 'search', status: 'planned' },
  { href: '/roadmap', label: 'Roadmap', permission: 'roadmap:read', icon: 'list', status: 'planned' },
]

export const ADMIN: NavItem[] = [
  { href: '/admin/users', label: 'Users', permission: 'user:manage', icon: 'users', status: 'live' },
  { href: '/admin/api-keys', label: 'API keys', permission: 'apikey:manage', icon: 'key', status: 'live' },
  { href: '/admin/audit', label: 'Audit log', permission: 'audit:read', icon: 'shield', status: 'live' },
  { href: '/admin/jobs', label: 'Jobs', permission: 'job:read', icon: 'settings', status: 'live' },
  { href: '/admin/channels', label: 'Channels', permission: 'notification:manage', icon: 'settings', status: 'live' },
]
