import Link from 'next/link'
import { channelKind, listInWords, type PagingStatus } from '@/lib/incidents/paging'
import { Icon } from '@/components/ui/icons'

/**
 * "No paging channel enabled": shown on the board and on open incidents while every enabled channel only
 * writes on the server (console, file), so that nobody assumes a person was paged. Nothing when one pages.
 */
export function PagingWarning({ status, canConfigure }: { status: PagingStatus; canConfigure: boolean }) {
  if (status.paging) return null
  const reach = status.enabled.length
    ? `New incidents and escalations are only written to ${listInWords(status.enabled.map((c) => `${c.name} (${channelKind(c.type)})`))}`
    : 'No notification channel is enabled at all'
  return (
    <p role="note" aria-label="No paging channel enabled" className="flex items-start gap-2 rounded-md border border-high-border bg-high-bg px-3 py-2 text-sm text-high-fg">
      <Icon name="alert" className="mt-0.5 shrink-0" />
      <span>
        <strong className="font-semibold">No paging channel enabled.</strong> {reach}: nobody is paged.{' '}
        {canConfigure ? (
          <>
            Enable e-mail, Slack, PagerDuty or a webhook in{' '}
            <Link href="/admin/channels" className="font-medium underline">
              Channels
            </Link>
            .
          </>
        ) : (
          'Ask an administrator or the operations team to enable e-mail, Slack, PagerDuty or a webhook.'
        )}
      </span>
    </p>
  )
}
