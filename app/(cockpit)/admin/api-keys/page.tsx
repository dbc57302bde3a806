import type { Metadata } from 'next'
import Link from 'next/link'
import { requirePagePermission } from '@/lib/auth/guard'
import { listApiKeys } from '@/lib/admin/queries'
import { ButtonLink } from '@/components/ui/button'
import { Card, CardBody, CardHeader, CardTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { PageHeader } from '@/components/ui/page-header'
import { ApiKeyTable } from '@/components/admin/api-key-table'
import { CreateApiKeyForm } from '@/components/admin/create-api-key-form'

export const metadata: Metadata = { title: 'API keys' }

export default async function ApiKeysPage() {
  await requirePagePermission('apikey:manage')
  const keys = await listApiKeys()
  const active = keys.filter((k) => k.status === 'active').length

  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={<Link href="/admin" className="hover:underline">Administration</Link>}
        title="API keys"
        description="Keys let monitoring, EHR bridges and apps send alerts, SLI and analytics events, feedback, and evaluate flags. Each key can do only what its scopes allow; Wardroom stores a hash, never the key."
        actions={
          <ButtonLink href="#create-key" variant="primary">
            Create key
          </ButtonLink>
        }
        className="mb-0"
      />

      <Card aria-labelledby="keys-heading">
        <CardHeader>
          <CardTitle id="keys-heading" description={`${active} active · ${keys.length - active} revoked or expired`}>
            Keys
          </CardTitle>
        </CardHeader>
        {keys.length === 0 ? (
          <EmptyState title="No API keys yet" icon="key">
            Systems that send data to Wardroom need a key. Create one below for each system, so each can be revoked on its own.
          </EmptyState>
        ) : (
          <ApiKeyTable keys={keys} />
        )}
      </Card>

      <Card id="create-key" aria-labelledby="create-key-heading" className="scroll-mt-6">
        <CardHeader>
          <CardTitle id="create-key-heading" description="One key per calling system, with the fewest scopes it needs.">
            Create a key
          </CardTitle>
        </CardHeader>
        <CardBody className="max-w-3xl py-4">
          <CreateApiKeyForm />
        </CardBody>
      </Card>
    </div>
  )
}
