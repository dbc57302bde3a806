/**
 * Clinician feedback as zod schemas, shared by the API, the commands and (next) the widget and the pages.
 * The enums mirror prisma/schema.prisma. Free text is accepted here and redacted by the commands before
 * anything is written (redaction.ts); nothing in this file stores or logs it.
 */
import { z } from 'zod'

export const FEEDBACK_TYPES = ['bug', 'suggestion', 'clinical_safety', 'praise', 'optimization'] as const
export const FEEDBACK_CATEGORIES = ['performance', 'accuracy', 'usability', 'workflow', 'integration', 'other'] as const
export const FEEDBACK_PRIORITIES = ['critical', 'high', 'medium', 'low'] as const
export const FEEDBACK_STATUSES = ['new', 'triaged', 'in_progress', 'planned', 'done', 'wont_do'] as const
export const FEEDBACK_SOURCES = ['in_app', 'email', 'interviews', 'automated', 'user_analytics'] as const
/** Statuses that close an item: a note saying why is required. */
export const CLOSED_STATUSES = ['done', 'wont_do'] as const
export const OPEN_STATUSES = ['new', 'triaged', 'in_progress', 'planned'] as const

export type FeedbackType = (typeof FEEDBACK_TYPES)[number]
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number]
export type FeedbackPriority = (typeof FEEDBACK_PRIORITIES)[number]
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number]
export type FeedbackSource = (typeof FEEDBACK_SOURCES)[number]

export const isClosedStatus = (s: FeedbackStatus) => (CLOSED_STATUSES as readonly string[]).includes(s)

export const MAX_DESCRIPTION = 5000
export const MAX_NOTE = 2000

const trimmedOrUndefined = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v)
/** A coarse context value (screen, role, department…): one line, short. Redacted before storage anyway. */
const ContextValue = z.preprocess(
  trimmedOrUndefined,
  z
    .string()
    .max(120, 'At most 120 characters')
    .regex(/^[^\p{Cc}]*$/u, 'Control characters are not allowed')
    .optional(),
)
/** Flag keys and variants as the flags area names them: slugs. */
const Slug = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'Use letters, digits, dots, dashes, colons or underscores')

export const FeedbackContext = z.object({
  appVersion: ContextValue,
  modelVersion: ContextValue,
  screen: ContextValue,
  role: ContextValue,
  department: ContextValue,
  site: ContextValue,
})
export type FeedbackContext = z.infer<typeof FeedbackContext>

/** An idempotency key chosen by the client: one per submission, the same on every retry. */
export const IdempotencyKey = z.string().trim().min(8, 'At least 8 characters').max(128, 'At most 128 characters').regex(/^[\x21-\x7e]+$/, 'Printable ASCII without spaces')

/**
 * The guide's payload: `{"type":"bug","category":"performance","description":"Slow response time","userId":"user123", …}`.
 * `category` is optional (triage derives it from the words); `userId` becomes a pseudonym; `reporterToken`
 * is a widget's per-browser token (pseudonymised too) so it can show the reporter their own reports.
 */
export const SubmitFeedbackInput = z.object({
  type: z.enum(FEEDBACK_TYPES.filter((t) => t !== 'optimization') as ['bug', 'suggestion', 'clinical_safety', 'praise'], {
    message: 'Choose bug, suggestion, clinical_safety or praise',
  }),
  category: z.enum(FEEDBACK_CATEGORIES).optional(),
  description: z.string().trim().min(1, 'Describe what happened').max(MAX_DESCRIPTION, `At most ${MAX_DESCRIPTION} characters`),
  rating: z.number().int('A whole number from 1 to 5').min(1, 'From 1 to 5').max(5, 'From 1 to 5').optional(),
  userId: z.string().trim().min(1).max(200).optional(),
  reporterToken: z.string().trim().min(16, 'At least 16 characters').max(200).optional(),
  /** The guide's channels; `user_analytics` is reserved for improvement tasks (createImprovementTask). */
  source: z.enum(['in_app', 'email', 'interviews', 'automated']).default('in_app'),
  idempotencyKey: IdempotencyKey.optional(),
  context: FeedbackContext.default({}),
  flagVariants: z
    .record(Slug, Slug)
    .refine((r) => Object.keys(r).length <= 50, 'At most 50 flags')
    .default({}),
})
export type SubmitFeedbackInput = z.input<typeof SubmitFeedbackInput>
export type SubmitFeedbackData = z.output<typeof SubmitFeedbackInput>

/** A link back into Wardroom (a path such as /analytics/funnels/…) or an http(s) address. */
const Link = z
  .string()
  .trim()
  .max(2000)
  .refine((l) => /^\/(?!\/)/.test(l) || /^https?:\/\//i.test(l), 'A path starting with / or an http(s) address')

/** An improvement task from the analytics area (a funnel step losing people): type optimization. */
export const ImprovementTaskInput = z.object({
  /** The caller's key for this task (e.g. the insight id): creating it twice returns the first. */
  key: IdempotencyKey,
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(MAX_DESCRIPTION),
  link: Link,
  workflow: z.string().trim().min(1).max(100),
  step: z.number().int().min(1).max(100),
  /** The department the drop-off was found in; none for the whole hospital. */
  department: ContextValue,
})
export type ImprovementTaskInput = z.input<typeof ImprovementTaskInput>

export const SetFeedbackStatusInput = z
  .object({
    id: z.uuid(),
    status: z.enum(FEEDBACK_STATUSES),
    note: z.preprocess(trimmedOrUndefined, z.string().max(MAX_NOTE, `At most ${MAX_NOTE} characters`).optional()),
  })
  .refine((v) => !isClosedStatus(v.status) || v.note !== undefined, { path: ['note'], message: 'Say why when closing (done or won’t do)' })
export type SetFeedbackStatusInput = z.input<typeof SetFeedbackStatusInput>

export const AssignFeedbackInput = z.object({ id: z.uuid(), assigneeId: z.uuid().nullable() })
export type AssignFeedbackInput = z.infer<typeof AssignFeedbackInput>

/** Links from an item: an incident, a flag (by key), later a roadmap item. null removes a link; absent keeps it. */
export const LinkFeedbackInput = z
  .object({
    id: z.uuid(),
    incidentId: z.uuid().nullable().optional(),
    flagKey: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/i, 'A flag key')
      .nullable()
      .optional(),
  })
  .refine((v) => v.incidentId !== undefined || v.flagKey !== undefined, { path: ['incidentId'], message: 'Give a link to set or remove' })
export type LinkFeedbackInput = z.input<typeof LinkFeedbackInput>

const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.preprocess(trimmedOrUndefined, z.enum(values).optional())

/** `GET /api/feedback?status=new&priority=high&cursor=…&limit=50`: keyset paging, newest first. */
export const FeedbackListQuery = z.object({
  status: oneOf(FEEDBACK_STATUSES),
  priority: oneOf(FEEDBACK_PRIORITIES),
  type: oneOf(FEEDBACK_TYPES),
  category: oneOf(FEEDBACK_CATEGORIES),
  source: oneOf(FEEDBACK_SOURCES),
  /** The `nextCursor` of the previous page (the number of its last item). */
  cursor: z.preprocess(trimmedOrUndefined, z.coerce.number().int().positive('Use the nextCursor of the previous page').optional()),
  limit: z.preprocess(trimmedOrUndefined, z.coerce.number().int().min(1, 'From 1 to 100').max(100, 'From 1 to 100').default(50)),
})
export type FeedbackListQuery = z.infer<typeof FeedbackListQuery>
