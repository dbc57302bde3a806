/**
 * Whether Wardroom can actually reach a person. Console and file channels only write on the server (a log
 * line, logs/alerts.log): useful for demos and log shipping, but nobody's phone rings. E-mail, Slack,
 * PagerDuty and signed webhooks leave the server, so they count as paging. The escalation timeline and
 * the "no paging channel enabled" warnings (board, incident page) say what really happened from this.
 * Client-safe: no server imports.
 */
import { CHANNEL_TYPE_LABELS, type ChannelType } from '@/lib/notifications/schema'
import { severityAdmits, type Severity } from '@/lib/severity'

export const PAGING_CHANNEL_TYPES: readonly ChannelType[] = ['email', 'slack', 'pagerduty', 'webhook']

export const isPagingChannel = (type: string): boolean => (PAGING_CHANNEL_TYPES as readonly string[]).includes(type)

export interface ChannelRef {
  name: string
  type: string
}

export interface PagingStatus {
  /** Every enabled channel, by name. */
  enabled: ChannelRef[]
  /** At least one enabled channel reaches someone outside the server. */
  paging: boolean
}

export function pagingStatus(enabled: readonly ChannelRef[]): PagingStatus {
  return { enabled: [...enabled], paging: enabled.some((c) => isPagingChannel(c.type)) }
}

/**
 * The channels a notice about an incident of `severity` goes to: the enabled ones whose threshold admits it
 * (the same choice as enqueueIncidentNotifications in lib/notifications/outbox.ts), by name.
 */
export function channelsFor(channels: readonly (ChannelRef & { minSeverity: Severity; enabled: boolean })[], severity: Severity): ChannelRef[] {
  return channels
    .filter((c) => c.enabled && severityAdmits(c.minSeverity, severity))
    .map((c) => ({ name: c.name, type: c.type }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

const SHORT_KIND: Partial<Record<ChannelType, string>> = { console: 'server log', file: 'log file' }

/** A channel's kind in a few words, to follow its name: "server log", "log file", "Slack incoming webhook". */
export function channelKind(type: string): string {
  return SHORT_KIND[type as ChannelType] ?? (type in CHANNEL_TYPE_LABELS ? CHANNEL_TYPE_LABELS[type as ChannelType] : type)
}

/** "A", "A and B", "A, B and C". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}
