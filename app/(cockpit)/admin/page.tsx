import type { Metadata } from 'next'
import Link from 'next/link'
import { forbidden } from 'next/navigation'
import { requirePageUser } from '@/lib/auth/guard'
import { getAdminSummary } from '@/lib/admin/queries'
import { hasPermission } from '@/lib/rbac'
import { ADMIN } from '@/lib/navigation'
import { formatNumber } from '@/lib/format'
import { Icon } from '@/components/ui/icons'
import { PageHeader } from '@/components/ui/page-header'

export const metadata: Metadata = { title: 'Administration' }

const DESCRIPTIONS: Record<string, string> = {
  '/admin/users': 'Add people, set their role, disable accounts.',
  '/admin/api-keys': 'Keys for the systems that send data or evaluate flags; create and revoke.',
  '/admin/audit': 'Every change, by whom and when; filter and page through it.',
  '/admin/jobs': 'Scheduled jobs: last runs, failures, run one now.',
  '/admin/backups': 'Backups and restore drills against the recovery objectives (RPO, RTO).',
  '/admin/security': 'Failed sign-in bursts, unusual API key use, expiring keys; the rules and their thresholds.',
}

/** The administration areas this person may open, with a figure each where one helps. */
export default async function AdminPage() {
  const user = await requirePageUser()
  const areas = ADMIN.filter((a) => hasPermission(user.role, a.permission))
  if (areas.length === 0) forbidden()
  const may = (href: string) => areas.some((a) => a.href === href)
  const summary = await getAdminSummary({ users: may('/admin/users'), keys: may('/admin/api-keys'), audit: may('/admin/audit') })
  const figures: Record<string, string | undefined> = {
    '/admin/users':
      summary.activeUsers === undefined
        ? undefined
        : `${formatNumber(summary.activeUsers)} active${summary.disabledUsers ? ` · ${formatNumber(summary.disabledUsers)} disabled` : ''}`,
    '/admin/api-keys': summary.activeKeys === undefined ? undefined : `${formatNumber(summary.activeKeys)} active`,
    '/admin/audit': summary.auditLast24h === undefined ? undefined : `${formatNumber(summary.auditLast24h)} in the last 24 h`,
  }

  return (
    <div>
      <PageHeader title="Administration" description="Accounts, machine access, the audit trail and scheduled jobs of this Wardroom instance." />
      <ul className="grid gap-4 sm:grid-cols-2">
        {areas.map((a) => (
          <li key={a.href}>
            <Link
              href={a.href}
              className="group flex h-full items-start gap-3 rounded-lg border border-line bg-surface p-4 transition-colors hover:border-accent hover:bg-accent-subtle focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus"
            >
              <span className="flex size-9 shrink-0 items-center justify-center rounded-md bg-accent-subtle text-accent-fg group-hover:bg-surface">
                <Icon name={a.icon} size={18} />
              </span>
              <span className="min-w-0 flex-1">
                <span className="flex items-center justify-between gap-2">
                  <span className="text-base font-semibold text-ink">{a.label}</span>
                  <Icon name="chevron" className="text-ink-faint group-hover:text-accent-fg" />
                </span>
                <span className="mt-0.5 block text-sm text-ink-muted">{DESCRIPTIONS[a.href]}</span>
                {figures[a.href] && <span className="mt-2 block text-sm font-medium text-ink tabular-nums">{figures[a.href]}</span>}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  )
}
