import type { Metadata } from 'next'
import { BoolBadge } from '@/components/ui/badge-map'
import { ButtonLink } from '@/components/ui/button'
import { SectionCard } from '@/components/ui/section-card'
import { EmptyState } from '@/components/ui/empty-state'
import { AdminPage } from '@/components/admin/admin-page'
import { SEVERITY_META, SeverityBadge } from '@/components/ui/severity-badge'
import { actionsColumn, CellNote, CellTitle, DataTable, DIMMED_ROW } from '@/components/ui/data-table'
import { ChannelControls } from '@/components/notifications/channel-controls'
import { ChannelForm } from '@/components/notifications/channel-form'
import { ChannelQueue } from '@/components/notifications/channel-queue'
import { DeliveryStatus } from '@/components/notifications/delivery-status'
import { requirePagePermission } from '@/lib/auth/guard'
import { canStoreSecrets, listChannels, type ChannelView } from '@/lib/notifications/queries'
import { CHANNEL_TYPE_LABELS } from '@/lib/notifications/schema'

export const metadata: Metadata = { title: 'Notification channels' }

export default async function ChannelsPage({ searchParams }: { searchParams: Promise<{ edit?: string | string[] }> }) {
  await requirePagePermission('notification:manage')
  const [{ edit }, channels] = await Promise.all([searchParams, listChannels()])
  const editing = typeof edit === 'string' ? channels.find((c) => c.id === edit) : undefined
  const secretsOk = canStoreSecrets()

  return (
    <AdminPage
      title="Notification channels"
      description="Where incident notifications go. Messages carry the incident's summary, severity, service, affected workflows and a link — never patient data. When a channel is down its messages wait, in order, and are retried for up to 24 hours; a channel that is failing is tried once a minute, and sends its whole queue as soon as it answers again."
      primaryAction={{ href: '/admin/channels#channel-form', label: 'Add channel' }}
    >
      {!secretsOk && (
        <p role="alert" className="rounded-md border border-critical-border bg-critical-bg px-3 py-2 text-sm text-critical-fg">
          Secrets (webhook URLs, routing keys, passwords) cannot be stored: set WARDROOM_SECRET on the server and restart Wardroom.
          Console and file channels work without it.
        </p>
      )}

      <SectionCard
        headingId="channels-heading"
        title="Channels"
        description={`${channels.filter((c) => c.enabled).length} enabled · ${channels.length} in all`}
        bare
      >
        {channels.length === 0 ? (
          <EmptyState title="No channels yet" icon="bell">
            Incidents are only shown on the board until a channel is added. Start with Slack or e-mail, and send a test message.
          </EmptyState>
        ) : (
          <DataTable<ChannelView>
            caption="Notification channels with their last delivery and what waits for them"
            captionHidden
            rows={channels}
            rowKey={(c) => c.id}
            rowClassName={(c) => (c.enabled ? undefined : DIMMED_ROW)}
            columns={[
              {
                header: 'Channel',
                className: 'max-w-64',
                cell: (c) => (
                  <>
                    <CellTitle text={c.name} />
                    <CellNote>{CHANNEL_TYPE_LABELS[c.type]}</CellNote>
                    {!c.secretsReadable && <span className="block text-xs text-critical-fg">Stored secrets cannot be read; edit and enter them again.</span>}
                  </>
                ),
              },
              { header: 'Sends from', cell: (c) => <SeverityBadge severity={c.minSeverity} label={`${SEVERITY_META[c.minSeverity].label} and up`} /> },
              { header: 'Status', cell: (c) => <BoolBadge value={c.enabled} yes={{ label: 'Enabled', tone: 'ok', icon: 'check-circle' }} no={{ label: 'Disabled', tone: 'neutral', icon: 'x-circle' }} /> },
              { header: 'Last delivery', cell: (c) => <DeliveryStatus last={c.lastDelivery} /> },
              {
                header: 'Queue',
                cell: (c) => <ChannelQueue id={c.id} name={c.name} enabled={c.enabled} queue={c.queue} lastDelivered={c.lastDelivery?.status === 'delivered'} />,
              },
              actionsColumn((c) => <ChannelControls id={c.id} name={c.name} enabled={c.enabled} />),
            ]}
          />
        )}
      </SectionCard>

      <SectionCard
        id="channel-form"
        headingId="channel-form-heading"
        title={editing ? `Edit ${editing.name}` : 'Add a channel'}
        description={editing ? 'Secrets are never shown again; leave a secret blank to keep it (changing where the channel sends asks for it again).' : 'Secrets are encrypted at rest and never shown again in full.'}
        actions={editing && <ButtonLink size="sm" href="/admin/channels#channel-form">Add a new one instead</ButtonLink>}
        className="scroll-mt-6"
        bodyClassName="py-4"
      >
        <ChannelForm key={editing?.id ?? 'new'} channel={editing} canStoreSecrets={secretsOk} />
      </SectionCard>
    </AdminPage>
  )
}
