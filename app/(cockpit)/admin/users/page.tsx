import type { Metadata } from 'next'
import Link from 'next/link'
import { requirePagePermission } from '@/lib/auth/guard'
import { listUsers } from '@/lib/admin/queries'
import { ROLES, ROLE_LABELS } from '@/lib/rbac'
import { ButtonLink } from '@/components/ui/button'
import { Card, CardBody, CardHeader, CardTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { PageHeader } from '@/components/ui/page-header'
import { CreateUserForm } from '@/components/admin/create-user-form'
import { ROLE_DESCRIPTIONS } from '@/components/admin/role-descriptions'
import { UserTable } from '@/components/admin/user-table'

export const metadata: Metadata = { title: 'Users' }

export default async function UsersPage() {
  const me = await requirePagePermission('user:manage')
  const users = await listUsers()
  const disabled = users.filter((u) => u.disabledAt).length

  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={<Link href="/admin" className="hover:underline">Administration</Link>}
        title="Users"
        description="Who can sign in to Wardroom and what their role lets them do. Changes take effect on the person's next request and are recorded in the audit log."
        actions={
          <ButtonLink href="#add-person" variant="primary">
            Add person
          </ButtonLink>
        }
        className="mb-0"
      />

      <Card aria-labelledby="people-heading">
        <CardHeader>
          <CardTitle id="people-heading" description={`${users.length - disabled} active · ${disabled} disabled`}>
            People
          </CardTitle>
        </CardHeader>
        {users.length === 0 ? (
          <EmptyState title="No one has an account yet" icon="users">
            Add the first person below. Accounts can also be created with <code className="font-mono">npm run cli -- user:create</code>.
          </EmptyState>
        ) : (
          <UserTable users={users} currentUserId={me.id} />
        )}
      </Card>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card id="add-person" aria-labelledby="add-person-heading" className="scroll-mt-6">
          <CardHeader>
            <CardTitle id="add-person-heading" description="They sign in with their work e-mail and this password.">
              Add a person
            </CardTitle>
          </CardHeader>
          <CardBody className="py-4">
            <CreateUserForm />
          </CardBody>
        </Card>

        <Card aria-labelledby="roles-heading">
          <CardHeader>
            <CardTitle id="roles-heading">What each role can do</CardTitle>
          </CardHeader>
          <CardBody>
            <dl className="divide-y divide-line text-sm">
              {ROLES.map((r) => (
                <div key={r} className="py-2 first:pt-0 last:pb-0">
                  <dt className="font-medium text-ink">{ROLE_LABELS[r]}</dt>
                  <dd className="text-ink-muted">{ROLE_DESCRIPTIONS[r]}</dd>
                </div>
              ))}
            </dl>
          </CardBody>
        </Card>
      </div>
    </div>
  )
}
