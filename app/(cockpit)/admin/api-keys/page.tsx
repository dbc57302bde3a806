import type { Metadata } from 'next'
import { requirePagePermission } from '@/lib/auth/guard'
import { listApiKeys } from '@/lib/admin/queries'
import { SectionCard } from '@/components/ui/section-card'
import { EmptyState } from '@/components/ui/empty-state'
import { AdminPage } from '@/components/admin/admin-page'
import { ApiKeyTable } from '@/components/admin/api-key-table'
import { CreateApiKeyForm, NewApiKeyProvider, NewApiKeyReveal } from '@/components/admin/create-api-key-form'
import { env } from '@/lib/env'
import { listSiteKeys } from '@/lib/feedback/site-keys'
import { SiteKeyTable } from '@/components/admin/site-key-table'
import { CreateSiteKeyForm } from '@/components/admin/create-site-key-form'

export const metadata: Metadata = { title: 'API keys' }

export default async function ApiKeysPage() {
  await requirePagePermission('apikey:manage')
  const [keys, siteKeys] = await Promise.all([listApiKeys(), listSiteKeys()])
  const activeSiteKeys = siteKeys.filter((k) => !k.revokedAt).length
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

      <SectionCard
        id="site-keys"
        headingId="site-keys-heading"
        title="Feedback widget site keys"
        description={`${activeSiteKeys} active · ${siteKeys.length - activeSiteKeys} revoked. A site key lets the in-app feedback widget run on the pages of the origins you list; it is public (it sits in the script tag), its secret signs identity tokens. Screenshots are off for every key until you accept them for it.`}
        className="scroll-mt-6"
        bare
      >
        {siteKeys.length === 0 ? (
          <EmptyState title="No site keys yet" icon="key">
            Clinical apps that embed the feedback widget need a site key. Create one below for each app, with the origins its pages are served from.
          </EmptyState>
        ) : (
          <SiteKeyTable keys={siteKeys} screenshotRetentionDays={env.FEEDBACK_SCREENSHOT_RETENTION_DAYS} />
        )}
      </SectionCard>

      <SectionCard
        id="create-site-key"
        headingId="create-site-key-heading"
        title="Create a site key"
        description="One site key per host app. Its secret is shown once; the script tag can be copied from the list at any time."
        className="scroll-mt-6"
        bodyClassName="max-w-3xl py-4"
      >
        <CreateSiteKeyForm />
      </SectionCard>
    </AdminPage>
  )
}
