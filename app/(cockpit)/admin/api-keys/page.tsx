import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { listApiKeys } from '@/lib/admin/queries'
import { SectionCard } from '@/components/ui/section-card'
import { EmptyState } from '@/components/ui/empty-state'
import { AdminPage } from '@/components/admin/admin-page'
import { ApiKeyTable } from '@/components/admin/api-key-table'
import { CreateApiKeyForm, NewApiKeyProvider, NewApiKeyReveal } from '@/components/admin/create-api-key-form'

export const metadata: Metadata = { title: 'API keys' }

export default async function ApiKeysPage() {
  await requirePagePermission('apikey:manage')
  const keys = await listApiKeys()
  const active = keys.filter((k) => k.status === 'active').length

  return (
    <AdminPage
      title="API keys"
      description="Keys let monitoring, EHR bridges and apps send alerts, SLI and analytics events, feedback, and evaluate flags. Each key can do only what its scopes allow; Wardroom stores a hash, never the key."
      primaryAction={{ href: '#create-key', label: 'Create key' }}
    >
      {/* The key just created shows first, focused: it is shown once, and the form is far below the list. */}
      <NewApiKeyProvider>
        <NewApiKeyReveal />
        <SectionCard headingId="keys-heading" title="Keys" description={`${active} active · ${keys.length - active} revoked or expired`} bare>
          {keys.length === 0 ? (
            <EmptyState title="No API keys yet" icon="key">
              Systems that send data to Wardroom need a key. Create one below for each system, so each can be revoked on its own.
            </EmptyState>
          ) : (
            <ApiKeyTable keys={keys} />
          )}
        </SectionCard>

        <SectionCard
          id="create-key"
          headingId="create-key-heading"
          title="Create a key"
          description="One key per calling system, with the fewest scopes it needs."
          className="scroll-mt-6"
          bodyClassName="max-w-3xl py-4"
        >
          <CreateApiKeyForm />
        </SectionCard>
      </NewApiKeyProvider>
    </AdminPage>
  )
}
