import type { AdminUser } from '@/lib/admin/selects'
import { BoolBadge } from '@/components/ui/badge-map'
import { actionsColumn, DataTable, DIMMED_ROW, NarrowOnly, type Columns } from '@/components/ui/data-table'
import { RelativeTime } from '@/components/ui/relative-time'
import { UserRoleForm } from './user-role-form'
import { UserStatusControl } from './user-status-control'
import { ResetPasswordButton } from './reset-password-button'

export interface UserTableProps {
  users: AdminUser[]
  currentUserId: string
}

export function UserTable({ users, currentUserId }: UserTableProps) {
  const isSelf = (u: AdminUser) => u.id === currentUserId
  const columns: Columns<AdminUser> = [
    {
      header: 'Person',
      className: 'max-w-64',
      cell: (u) => (
        <>
          <span className="block truncate font-medium" title={u.name}>
            {u.name}
            {isSelf(u) && <span className="font-normal text-ink-muted"> (you)</span>}
          </span>
          <span className="block truncate text-xs text-ink-muted" title={u.email}>
            {u.email}
          </span>
          <NarrowOnly below="5xl" className="text-xs text-ink-muted">
            added <RelativeTime date={u.createdAt} />
          </NarrowOnly>
        </>
      ),
    },
    { header: 'Role', cell: (u) => <UserRoleForm userId={u.id} email={u.email} role={u.role} isSelf={isSelf(u)} /> },
    {
      header: 'Status',
      cell: (u) => (
        <BoolBadge value={u.disabledAt !== null} yes={{ label: 'Disabled', tone: 'neutral', icon: 'x-circle' }} no={{ label: 'Active', tone: 'ok', icon: 'check-circle' }} />
      ),
    },
    { header: 'Last sign-in', cell: (u) => <span className="text-ink-muted">{u.lastLoginAt ? <RelativeTime date={u.lastLoginAt} /> : 'never'}</span> },
    // On a narrow table (a 1024 px screen) the date moves under the person, so role and actions fit.
    { header: 'Added', hideBelow: '5xl', cell: (u) => <RelativeTime date={u.createdAt} className="text-ink-muted" /> },
    actionsColumn((u) => (
      <div className="flex flex-col items-end gap-2">
        <UserStatusControl userId={u.id} email={u.email} disabled={u.disabledAt !== null} isSelf={isSelf(u)} />
        {!isSelf(u) && <ResetPasswordButton userId={u.id} email={u.email} />}
      </div>
    )),
  ]
  return (
    <DataTable
      caption="People with access to Wardroom, active accounts first"
      captionHidden
      columns={columns}
      rows={users}
      rowKey={(u) => u.id}
      rowClassName={(u) => (u.disabledAt ? DIMMED_ROW : undefined)}
    />
  )
}
