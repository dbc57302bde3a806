import type { AdminUser } from '@/lib/admin/queries'
import { Badge } from '@/components/ui/badge'
import { RelativeTime } from '@/components/ui/relative-time'
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table'
import { UserRoleForm } from './user-role-form'
import { UserStatusControl } from './user-status-control'
import { ResetPasswordButton } from './reset-password-button'

export interface UserTableProps {
  users: AdminUser[]
  currentUserId: string
}

export function UserTable({ users, currentUserId }: UserTableProps) {
  return (
    <Table caption="People with access to Wardroom, active accounts first" captionHidden>
      <THead>
        <Tr>
          <Th>Person</Th>
          <Th>Role</Th>
          <Th>Status</Th>
          <Th>Last sign-in</Th>
          <Th className="hidden lg:table-cell">Added</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {users.map((u) => {
          const isSelf = u.id === currentUserId
          return (
            <Tr key={u.id} className={u.disabledAt ? 'bg-surface-muted/60' : undefined}>
              <Td className="max-w-64">
                <span className="block truncate font-medium" title={u.name}>
                  {u.name}
                  {isSelf && <span className="font-normal text-ink-muted"> (you)</span>}
                </span>
                <span className="block truncate text-xs text-ink-muted" title={u.email}>
                  {u.email}
                </span>
              </Td>
              <Td>
                <UserRoleForm userId={u.id} email={u.email} role={u.role} isSelf={isSelf} />
              </Td>
              <Td>
                {u.disabledAt ? (
                  <Badge tone="neutral" icon="x-circle">
                    Disabled
                  </Badge>
                ) : (
                  <Badge tone="ok" icon="check-circle">
                    Active
                  </Badge>
                )}
              </Td>
              <Td>
                <span className="text-ink-muted">{u.lastLoginAt ? <RelativeTime date={u.lastLoginAt} /> : 'never'}</span>
              </Td>
              <Td className="hidden lg:table-cell">
                <RelativeTime date={u.createdAt} className="text-ink-muted" />
              </Td>
              <Td className="text-right">
                <div className="flex flex-col items-end gap-2">
                  <UserStatusControl userId={u.id} email={u.email} disabled={u.disabledAt !== null} isSelf={isSelf} />
                  {!isSelf && <ResetPasswordButton userId={u.id} email={u.email} />}
                </div>
              </Td>
            </Tr>
          )
        })}
      </TBody>
    </Table>
  )
}
