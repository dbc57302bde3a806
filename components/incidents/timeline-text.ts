/**
 * Words for the incident timeline: one IncidentEvent (type + data, written by lifecycle, ingest, escalation
 * and notification delivery) → an icon, a title and a detail line. Pure; the data is JSON read defensively,
 * so an entry written by an older version still reads as something rather than breaking the page.
 */
import type { BadgeTone } from '@/components/ui/badge'
import { type IncidentStatus, type Severity } from '@/lib/severity'
import type { IconName } from '@/components/ui/icons'
import { STATUS_META } from '@/components/ui/status-badge'
import { SEVERITY_META } from '@/components/ui/severity-badge'
import { formatUtcTimestamp } from '@/lib/format'
import { isPagingChannel, listInWords } from '@/lib/incidents/paging'

export interface TimelineText {
  icon: IconName
  title: string
  detail?: string
  /** A tone for the icon, when the entry is good or bad news. */
  tone?: BadgeTone
  /** Something that did not happen as one would assume (e.g. nobody was paged), shown as a warning line. */
  warning?: string
}

type Data = Record<string, unknown>

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined)
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)
const statusWord = (v: unknown) => (typeof v === 'string' && v in STATUS_META ? STATUS_META[v as IncidentStatus].label : str(v) ?? 'unknown')
const severityWord = (v: unknown) => (typeof v === 'string' && v in SEVERITY_META ? SEVERITY_META[v as Severity].label : str(v) ?? 'unknown')
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

const KIND_WORDS: Record<string, string> = {
  trigger: 'Trigger',
  acknowledge: 'Acknowledgement',
  resolve: 'Resolution',
  escalate: 'Escalation',
}
const STATUS_ICONS: Record<string, IconName> = { triggered: 'bell', acknowledged: 'eye', investigating: 'search', resolved: 'check-circle' }

function alertText(d: Data): TimelineText {
  const repeated = num(d.repeated)
  const title = d.opened ? 'Alert opened the incident' : repeated ? `Alert repeated (${plural(repeated, 'time')} so far)` : 'Alert joined the incident'
  const source = str(d.source)
  const message = str(d.message)
  const severity = str(d.severity) ? ` · ${severityWord(d.severity)}` : ''
  return { icon: 'bell', title, detail: message ? `${source ? `${source}${severity}: ` : ''}${message}` : undefined }
}

function statusText(d: Data): TimelineText {
  const to = str(d.to) ?? ''
  const why = str(d.reason) ?? str(d.note)
  let title: string
  if (d.undone) return { icon: 'x-circle', title: 'Resolution undone', detail: `Back in ${statusWord(d.to)}`, tone: 'medium' }
  if (d.reopened || (to === 'triggered' && d.from === 'resolved')) title = 'Reopened'
  else if (to === 'resolved' && d.auto) title = 'Resolved automatically'
  else title = `Moved from ${statusWord(d.from)} to ${statusWord(d.to)}`
  return { icon: STATUS_ICONS[to] ?? 'chevron', title, detail: why, tone: to === 'resolved' ? 'ok' : undefined }
}

function notificationText(d: Data): TimelineText {
  const kind = KIND_WORDS[str(d.kind) ?? ''] ?? 'Notification'
  const channel = str(d.channel) ?? 'a channel'
  const type = str(d.channelType)
  const outcome = str(d.outcome)
  const attempt = num(d.attempt)
  const status = num(d.status)
  const parts = [
    attempt ? `attempt ${attempt}` : null,
    status !== undefined ? `HTTP ${status}` : null,
    str(d.error) ?? null,
    str(d.nextAttemptAt) ? `next try ${formatUtcTimestamp(str(d.nextAttemptAt)!)}` : null,
  ].filter(Boolean)
  const word = outcome === 'delivered' ? 'delivered' : outcome === 'retrying' ? 'failed, will retry' : outcome === 'failed' ? 'failed, gave up' : (outcome ?? 'sent')
  return {
    icon: outcome === 'delivered' ? 'check' : outcome === 'retrying' ? 'clock' : outcome === 'failed' ? 'x-circle' : 'bell',
    title: `${kind} notice to ${channel}${type ? ` (${type})` : ''}: ${word}`,
    detail: parts.length ? parts.join(' · ') : undefined,
    tone: outcome === 'failed' ? 'critical' : outcome === 'retrying' ? 'medium' : undefined,
  }
}

/** Who a level reached: "Tomas (on call for Ops weekly)", "Ops weekly (nobody on call)", "Priya". */
function targetsInWords(targets: Data[]): string {
  return listInWords(
    targets.map((t) => {
      const user = str(t.user)
      const name = str(t.name)
      if (t.type === 'schedule') return user ? `${user} (on call for ${name ?? 'a schedule'})` : `${name ?? 'a schedule'} (nobody on call)`
      return user ?? name ?? 'a person'
    }),
  )
}

/**
 * What an escalation really did. Entries name the channels the notice went to (escalation.ts): "Notified
 * Priya via Ops console", with a warning when none of them pages anyone. Older entries without channels
 * say only whom the level named.
 */
function escalationText(d: Data): TimelineText {
  const level = num(d.level)
  const targets = Array.isArray(d.targets) ? (d.targets as Data[]) : []
  const who = targetsInWords(targets)
  const policy = str(d.policy)
  if (!targets.length && d.exhausted) {
    return { icon: 'alert', title: 'Escalation policy exhausted', detail: policy ? `Every level of “${policy}” has been tried.` : undefined, tone: 'high' }
  }
  const channels = Array.isArray(d.channels) ? (d.channels as Data[]).map((c) => ({ name: str(c.name) ?? 'a channel', type: str(c.type) ?? '' })) : null
  let reach: string | null = who ? `Escalated to ${who}` : null
  let warning: string | undefined
  if (channels) {
    const paging = typeof d.paging === 'boolean' ? d.paging : channels.some((c) => isPagingChannel(c.type))
    reach = channels.length ? `Notified ${who || 'nobody in particular'} via ${listInWords(channels.map((c) => c.name))}` : `Nobody notified${who ? ` (${who} is next in line)` : ''}`
    if (channels.length === 0) warning = 'No notification channel is enabled for this severity: nobody was paged.'
    else if (!paging) warning = 'No paging channel enabled: the notice was only logged on the server, nobody was paged.'
  }
  const next = str(d.nextEscalationAt)
  const detail = [reach, policy ? `policy “${policy}”` : null, next ? `next level ${formatUtcTimestamp(next)}` : d.exhausted ? 'last level' : null]
    .filter(Boolean)
    .join(' · ')
  return { icon: 'arrow-up', title: level ? `Escalated to level ${level}` : 'Escalated', detail: detail || undefined, tone: 'high', warning }
}

function postmortemText(d: Data): TimelineText {
  const fields = Array.isArray(d.fields) ? d.fields.filter((f): f is string => typeof f === 'string') : []
  const names: Record<string, string> = { summary: 'summary', rootCause: 'root cause', impact: 'impact', actions: 'follow-up actions' }
  return {
    icon: 'list',
    title: d.created ? 'Postmortem started' : 'Postmortem updated',
    detail: fields.length ? `Changed: ${fields.map((f) => names[f] ?? f).join(', ')}` : undefined,
  }
}

/** Title, detail and icon of one timeline entry. */
export function describeEvent(type: string, data: Data): TimelineText {
  switch (type) {
    case 'alert':
      return alertText(data)
    case 'alert_resolved': {
      const count = num(data.count) ?? 0
      const remaining = num(data.remaining)
      return {
        icon: 'check-circle',
        title: `${plural(count, 'alert')} resolved at the source`,
        detail: remaining !== undefined ? (remaining === 0 ? 'No alerts still firing' : `${plural(remaining, 'alert')} still firing`) : undefined,
        tone: 'ok',
      }
    }
    case 'status':
      return statusText(data)
    case 'note':
      return { icon: 'list', title: 'Note', detail: str(data.text) }
    case 'notification':
      return notificationText(data)
    case 'escalation':
      return escalationText(data)
    case 'severity':
      return {
        icon: 'alert',
        title: `Severity changed from ${severityWord(data.from)} to ${severityWord(data.to)}`,
        detail: str(data.reason),
      }
    case 'assignment':
      return {
        icon: 'users',
        title: data.to ? `Assigned to ${str(data.toName) ?? 'someone'}` : 'Unassigned',
        detail: data.to && data.acknowledged ? 'Took it on by acknowledging' : undefined,
      }
    case 'postmortem':
      return postmortemText(data)
    case 'maintenance': {
      const endsAt = str(data.endsAt)
      return {
        icon: 'clock',
        title: 'Muted by a maintenance window',
        detail: [endsAt ? `until ${formatUtcTimestamp(endsAt)}` : null, str(data.reason)].filter(Boolean).join(' · ') || undefined,
      }
    }
    default:
      return { icon: 'info', title: type.replace(/_/g, ' ') }
  }
}

/** A related change (an audit row) as a timeline line: "maintenance_window.create" → "Maintenance window created". */
export function describeChange(action: string, targetType: string | null): string {
  const [subject = targetType ?? 'change', verb = ''] = action.split('.')
  const noun = subject.replace(/_/g, ' ')
  const done: Record<string, string> = {
    create: 'created',
    update: 'changed',
    delete: 'deleted',
    end: 'ended',
    enable: 'enabled',
    disable: 'disabled',
    toggle: 'toggled',
    rollback: 'rolled back',
  }
  const word = done[verb] ?? verb.replace(/_/g, ' ')
  return `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${word}`.trim()
}
