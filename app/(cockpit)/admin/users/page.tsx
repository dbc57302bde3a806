import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { listUsers } from '@/lib/admin/queries'
import { ROLES, ROLE_LABELS } from '@/lib/rbac'
import { SectionCard } from '@/components/ui/section-card'
import { EmptyState } from '@/components/ui/empty-state'
import { AdminPage } from '@/components/admin/admin-page'
import { CreateUserForm } from '@/components/admin/create-user-form'
import { ROLE_DESCRIPTIONS } from '@/components/admin/role-descriptions'
import { UserTable } from '@/components/admin/user-table'

export const metadata: Metadata = { title: 'Users' }

export default async function UsersPage() {
  const me = await requirePagePermission('user:manage')
  const users = await listUsers()
  const disabled = users.filter((u) => u.disabledAt).length

  return (
    <AdminPage
      title="Users"
      description="Who can sign in to Wardroom and what their role lets them do. Changes take effect on the person's next request and are recorded in the audit log."
      primaryAction={{ href: '#add-person', label: 'Add person' }}
    >
      <SectionCard headingId="people-heading" title="People" description={`${users.length - disabled} active · ${disabled} disabled`} bare>
        {users.length === 0 ? (
          <EmptyState title="No one has an account yet" icon="users">
            Add the first person below. Accounts can also be created with <code className="font-mono">npm run cli -- user:create</code>.
          </EmptyState>
        ) : (
          <UserTable users={users} currentUserId={me.id} />
        )}
      </SectionCard>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <SectionCard
          id="add-person"
          headingId="add-person-heading"
          title="Add a person"
          description="They sign in with their work e-mail and this password."
          className="scroll-mt-6"
          bodyClassName="py-4"
        >
          <CreateUserForm />
        </SectionCard>

        <SectionCard headingId="roles-heading" title="What each role can do">
          <dl className="divide-y divide-line text-sm">
            {ROLES.map((r) => (
              <div key={r} className="py-2 first:pt-0 last:pb-0">
                <dt className="font-medium text-ink">{ROLE_LABELS[r]}</dt>
                <dd className="text-ink-muted">{ROLE_DESCRIPTIONS[r]}</dd>
              </div>
            ))}
          </dl>
        </SectionCard>
      </div>
    </AdminPage>
  )
}
