import type { Metadata } from 'next'
import Link from 'next/link'
import { Badge } from '@/components/ui/badge'
import { ButtonLink } from '@/components/ui/button'
import { Card, CardBody, CardHeader, CardTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { PageHeader } from '@/components/ui/page-header'
import { SEVERITY_META, SeverityBadge } from '@/components/ui/severity-badge'
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table'
import { ChannelControls } from '@/components/notifications/channel-controls'
import { ChannelForm } from '@/components/notifications/channel-form'
import { DeliveryStatus } from '@/components/notifications/delivery-status'
import { requirePagePermission } from '@/lib/auth/guard'
import { canStoreSecrets, listChannels } from '@/lib/notifications/queries'
import { CHANNEL_TYPE_LABELS } from '@/lib/notifications/schema'

export const metadata: Metadata = { title: 'Notification channels' }

export default async function ChannelsPage({ searchParams }: { searchParams: Promise<{ edit?: string | string[] }> }) {
  await requirePagePermission('notification:manage')
  const [{ edit }, channels] = await Promise.all([searchParams, listChannels()])
  const editing = typeof edit === 'string' ? channels.find((c) => c.id === edit) : undefined
  const secretsOk = canStoreSecrets()

  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={<Link href="/admin" className="hover:underline">Administration</Link>}
        title="Notification channels"
        description="Where incident notifications go. Messages carry the incident's summary, severity, service, affected workflows and a link — never patient data — and are retried for up to 24 hours when a channel is down."
        actions={
          <ButtonLink href="/admin/channels#channel-form" variant="primary">
            Add channel
          </ButtonLink>
        }
        className="mb-0"
      />

      {!secretsOk && (
        <p role="alert" className="rounded-md border border-critical-border bg-critical-bg px-3 py-2 text-sm text-critical-fg">
          Secrets (webhook URLs, routing keys, passwords) cannot be stored: set WARDROOM_SECRET on the server and restart Wardroom.
          Console and file channels work without it.
        </p>
      )}

      <Card aria-labelledby="channels-heading">
        <CardHeader>
          <CardTitle id="channels-heading" description={`${channels.filter((c) => c.enabled).length} enabled · ${channels.length} in all`}>
            Channels
          </CardTitle>
        </CardHeader>
        {channels.length === 0 ? (
          <EmptyState title="No channels yet" icon="bell">
            Incidents are only shown on the board until a channel is added. Start with Slack or e-mail, and send a test message.
          </EmptyState>
        ) : (
          <Table caption="Notification channels with their last delivery" captionHidden>
            <THead>
              <Tr>
                <Th>Channel</Th>
                <Th>Sends from</Th>
                <Th>Status</Th>
                <Th>Last delivery</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </Tr>
            </THead>
            <TBody>
              {channels.map((c) => (
                <Tr key={c.id} className={c.enabled ? undefined : 'bg-surface-muted/60'}>
                  <Td className="max-w-64">
                    <span className="block truncate font-medium" title={c.name}>
                      {c.name}
                    </span>
                    <span className="block text-xs text-ink-muted">{CHANNEL_TYPE_LABELS[c.type]}</span>
                    {!c.secretsReadable && <span className="block text-xs text-critical-fg">Stored secrets cannot be read; edit and enter them again.</span>}
                  </Td>
                  <Td>
                    <SeverityBadge severity={c.minSeverity} label={`${SEVERITY_META[c.minSeverity].label} and up`} />
                  </Td>
                  <Td>
                    {c.enabled ? (
                      <Badge tone="ok" icon="check-circle">
                        Enabled
                      </Badge>
                    ) : (
                      <Badge tone="neutral" icon="x-circle">
                        Disabled
                      </Badge>
                    )}
                  </Td>
                  <Td>
                    <DeliveryStatus last={c.lastDelivery} pending={c.pending} />
                  </Td>
                  <Td className="text-right">
                    <ChannelControls id={c.id} name={c.name} enabled={c.enabled} />
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>

      <Card id="channel-form" aria-labelledby="channel-form-heading" className="scroll-mt-6">
        <CardHeader actions={editing && <ButtonLink size="sm" href="/admin/channels#channel-form">Add a new one instead</ButtonLink>}>
          <CardTitle id="channel-form-heading" description={editing ? 'Secrets are never shown again; leave a secret blank to keep it (changing where the channel sends asks for it again).' : 'Secrets are encrypted at rest and never shown again in full.'}>
            {editing ? `Edit ${editing.name}` : 'Add a channel'}
          </CardTitle>
        </CardHeader>
        <CardBody className="py-4">
          <ChannelForm key={editing?.id ?? 'new'} channel={editing} canStoreSecrets={secretsOk} />
        </CardBody>
      </Card>
    </div>
  )
}
