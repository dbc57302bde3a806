/**
 * The competitor watch and its review queue as zod schemas (client-safe): watched sources, and what a
 * reviewer may make of a change (cell evidence, a price, a SWOT item) or dismiss it. Free text is redacted
 * by the commands.
 */
import { z } from 'zod'
import { STATUSES } from './scoring'
import { CONFIDENCES, MAX_NOTE } from './schema'

export const WATCH_KINDS = ['page', 'feed'] as const
export type WatchKind = (typeof WATCH_KINDS)[number]
export const WATCH_KIND_LABELS: Record<WatchKind, string> = { page: 'Web page', feed: 'RSS or Atom feed' }

export const CHANGE_STATUSES = ['pending', 'accepted', 'dismissed'] as const
export type ChangeStatus = (typeof CHANGE_STATUSES)[number]

export const PRICE_MODELS = ['per_bed', 'per_user', 'per_site', 'per_encounter', 'subscription', 'license'] as const
export const PRICE_MODEL_LABELS: Record<(typeof PRICE_MODELS)[number], string> = {
  per_bed: 'Per bed',
  per_user: 'Per user',
  per_site: 'Per site',
  per_encounter: 'Per encounter',
  subscription: 'Subscription',
  license: 'Licence',
}

export const SWOT_QUADRANTS = ['strength', 'weakness', 'opportunity', 'threat'] as const

const trimmed = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v)

const HttpUrl = z
  .string({ error: 'Give the address' })
  .trim()
  .min(1, 'Give the address')
  .max(2000, 'At most 2,000 characters')
  .refine((u) => /^https?:\/\/[^\s]+$/i.test(u) && URL.canParse(u), 'An http(s) address')

export const WatchSourceInput = z.object({
  competitorId: z.uuid('Choose a competitor'),
  url: HttpUrl,
  kind: z.enum(WATCH_KINDS, 'Choose a web page or a feed'),
  label: z.preprocess(trimmed, z.string().max(120, 'At most 120 characters').optional()),
})
export type WatchSourceInput = z.input<typeof WatchSourceInput>

export const WatchSourceRef = z.object({ sourceId: z.uuid('Unknown source') })

/** Pause (the job skips it) or resume a source; a checkbox or the strings "true"/"false". */
export const WatchSourceActiveInput = WatchSourceRef.extend({ active: z.preprocess((v) => (v === 'true' || v === 'on' ? true : v === 'false' ? false : v), z.boolean('Say whether the source is active')) })

const ChangeRef = { changeId: z.uuid('Unknown change') }
const Note = z.preprocess(trimmed, z.string().max(MAX_NOTE, `At most ${MAX_NOTE} characters`).optional())

/** Accept into a cell: the capability, what the change shows, how sure; `version` is the cell's as seen. */
export const AcceptIntoCellInput = z.object({
  ...ChangeRef,
  capabilityId: z.uuid('Choose a capability'),
  status: z.enum(STATUSES, 'Choose full, partial, none or unknown'),
  confidence: z.enum(CONFIDENCES, 'Choose low, medium or high').default('medium'),
  version: z.coerce.number().int().min(0),
  note: Note,
})
export type AcceptIntoCellInput = z.input<typeof AcceptIntoCellInput>

const money = (label: string) => z.coerce.number({ error: `${label}: give a number` }).int(`${label}: whole units`).min(0, `${label}: not below 0`).max(100_000_000, `${label}: too large`)

/** A price range per unit and year, from a change or typed in. */
export const PriceFields = z
  .object({
    product: z.preprocess(trimmed, z.string({ error: 'Name the product' }).max(120, 'At most 120 characters')),
    model: z.enum(PRICE_MODELS, 'Choose a pricing model'),
    currency: z.preprocess((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v), z.string().regex(/^[A-Z]{3}$/, 'A three-letter currency code').default('USD')),
    low: money('Low'),
    high: money('High'),
    confidence: z.enum(CONFIDENCES, 'Choose low, medium or high').default('medium'),
    note: Note,
  })
  .refine((p) => p.low <= p.high, { path: ['high'], message: 'High must not be below low' })

export const AcceptAsPriceInput = z.object({ ...ChangeRef }).and(PriceFields)
export type AcceptAsPriceInput = z.input<typeof AcceptAsPriceInput>

export const AcceptAsSwotInput = z.object({
  ...ChangeRef,
  quadrant: z.enum(SWOT_QUADRANTS, 'Choose strength, weakness, opportunity or threat'),
  text: z.preprocess(trimmed, z.string({ error: 'Say what it means for us' }).max(500, 'At most 500 characters')),
})
export type AcceptAsSwotInput = z.input<typeof AcceptAsSwotInput>

export const DismissChangeInput = z.object({
  ...ChangeRef,
  reason: z.preprocess(trimmed, z.string().max(500, 'At most 500 characters').optional()),
})
export type DismissChangeInput = z.input<typeof DismissChangeInput>
