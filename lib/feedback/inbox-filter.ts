/**
 * The triage inbox's filters, kept in the URL (`/feedback?status=new&priority=high&safety=yes`) so a view
 * can be shared, reloaded and saved by name. One parser for the page, the saved filters and the tests:
 * unknown keys are dropped, a bad value is ignored (the inbox shows everything for that key rather than
 * failing), and `toQuery` writes keys in one order, so the same filter always has the same query string.
 */
import { z } from 'zod'
import { FEEDBACK_PRIORITIES, FEEDBACK_SOURCES, FEEDBACK_STATUSES, FEEDBACK_TYPES, OPEN_STATUSES } from './schema'

/** `open` (the default: new, triaged, in progress, planned), `all`, or one status. */
export const STATUS_FILTERS = ['open', 'all', ...FEEDBACK_STATUSES] as const
export const SAFETY_FILTERS = ['yes', 'no'] as const
/** `me`, `none` or an account id. */
const Assignee = z.union([z.literal('me'), z.literal('none'), z.uuid()])

const optional = <T extends z.ZodType>(s: T) => s.optional().catch(undefined)

export const InboxFilter = z.object({
  status: z.enum(STATUS_FILTERS).catch('open').default('open'),
  priority: optional(z.enum(FEEDBACK_PRIORITIES)),
  type: optional(z.enum(FEEDBACK_TYPES)),
  source: optional(z.enum(FEEDBACK_SOURCES)),
  safety: optional(z.enum(SAFETY_FILTERS)),
  department: optional(z.string().trim().min(1).max(120)),
  assignee: optional(Assignee),
  /** Keyset paging: the number of the previous page's last item. */
  cursor: optional(z.coerce.number().int().positive()),
})
export type InboxFilter = z.output<typeof InboxFilter>

/** The filter keys in URL order (cursor last: it is a position, not a filter). */
export const FILTER_KEYS = ['status', 'priority', 'type', 'source', 'safety', 'department', 'assignee'] as const

type Params = Record<string, string | string[] | undefined> | URLSearchParams

export function parseInboxFilter(params: Params): InboxFilter {
  const get = (k: string) => {
    const v = params instanceof URLSearchParams ? (params.get(k) ?? undefined) : params[k]
    const one = Array.isArray(v) ? v[0] : v
    return one === '' ? undefined : one
  }
  return InboxFilter.parse(Object.fromEntries([...FILTER_KEYS, 'cursor'].map((k) => [k, get(k)])))
}

/** The query string of a filter without `?`; the default status (open) and the cursor are left out unless asked. */
export function toQuery(filter: Partial<InboxFilter>, opts: { cursor?: boolean } = {}): string {
  const q = new URLSearchParams()
  for (const k of FILTER_KEYS) {
    const v = filter[k]
    if (v === undefined || (k === 'status' && v === 'open')) continue
    q.set(k, String(v))
  }
  if (opts.cursor && filter.cursor) q.set('cursor', String(filter.cursor))
  return q.toString()
}

/** The statuses a status filter matches. */
export function statusesOf(status: InboxFilter['status']): readonly (typeof FEEDBACK_STATUSES)[number][] {
  if (status === 'open') return OPEN_STATUSES
  if (status === 'all') return FEEDBACK_STATUSES
  return [status]
}

/** A saved filter: a name and a filter query (re-parsed on use, so a stale key cannot break the inbox). */
export const SaveFilterInput = z.object({
  name: z.string().trim().min(1, 'Name the filter').max(60, 'At most 60 characters'),
  query: z
    .string()
    .max(1000)
    .transform((q) => toQuery(parseInboxFilter(new URLSearchParams(q)))),
})
export type SaveFilterInput = z.input<typeof SaveFilterInput>
export const DeleteFilterInput = z.object({ id: z.uuid() })
