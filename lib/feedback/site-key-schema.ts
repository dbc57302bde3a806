/**
 * Schemas of the feedback widget: creating and revoking a site key (Admin → API keys, the CLI) and what the
 * widget sends (app/api/feedback/widget/[key]). Client-safe: the admin form checks the same rules as you type.
 */
import { z } from 'zod'
import { FeedbackContext, IdempotencyKey, MAX_DESCRIPTION } from './schema'
import { normalizeOrigin } from './widget-origins'

export const SITE_KEY_NAME_MAX = 80
/** Bounds the string only; the image's own limit (2 MB decoded, 413 beyond) is screenshot-image.ts's. */
export const SCREENSHOT_FIELD_MAX = 4 * 1024 * 1024
export const MAX_ORIGINS = 20
/** The public key in the script tag: `wk_` + 16 base64url characters. */
export const SITE_KEY_PATTERN = /^wk_[A-Za-z0-9_-]{16}$/

/** Origins one per line or separated by commas or spaces, each normalised (widget-origins.ts). */
export const AllowedOrigins = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : v),
  z
    .array(z.string().max(300))
    .min(1, 'Give at least one origin, e.g. https://ehr.example.org')
    .max(MAX_ORIGINS, `At most ${MAX_ORIGINS} origins`)
    .transform((list, ctx) => {
      const out: string[] = []
      for (const raw of list) {
        const entry = normalizeOrigin(raw)
        if (entry.ok) out.push(entry.origin)
        else ctx.addIssue({ code: 'custom', message: `${raw.slice(0, 80)}: ${entry.reason}` })
      }
      return [...new Set(out)]
    }),
)

export const CreateSiteKeyInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Name the key after the app that embeds the widget')
    .max(SITE_KEY_NAME_MAX, `At most ${SITE_KEY_NAME_MAX} characters`)
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._:-]*$/, 'Letters, digits, spaces and . _ : - only, starting with a letter or digit'),
  origins: AllowedOrigins,
})
export type CreateSiteKeyInput = z.input<typeof CreateSiteKeyInput>

export const SiteKeyRef = z.object({ siteKeyId: z.uuid('Choose a site key') })

/** Turning screenshots on or off for a site key (Admin → API keys). */
export const SiteKeyScreenshotsInput = z.object({ siteKeyId: z.uuid('Choose a site key'), accept: z.boolean() })
export type SiteKeyScreenshotsInput = z.infer<typeof SiteKeyScreenshotsInput>

/** The browser's own token (random, kept in its local storage): it sees its reports, no one else's. */
export const BrowserToken = z.string().regex(/^[A-Za-z0-9_-]{22,128}$/, '22 to 128 base64url characters')

/**
 * A widget submission. `identity` is the host's signed token (identity-token.ts): the only way a report
 * names its reporter, so there is no `userId` here; unknown fields are refused. `screenshot` (a PNG or JPEG
 * data URL the clinician chose to attach) is accepted only from a site key that allows screenshots; its
 * content is checked by screenshot-image.ts (the length here only bounds the string).
 */
export const WidgetSubmission = z
  .object({
    type: z.enum(['bug', 'suggestion', 'clinical_safety', 'praise'], { message: 'Choose bug, suggestion, clinical_safety or praise' }),
    description: z.string().trim().min(1, 'Describe what happened').max(MAX_DESCRIPTION, `At most ${MAX_DESCRIPTION} characters`),
    rating: z.number().int('A whole number from 1 to 5').min(1, 'From 1 to 5').max(5, 'From 1 to 5').optional(),
    context: FeedbackContext.strict().default({}),
    flagVariants: z.record(z.string(), z.string()).default({}),
    idempotencyKey: IdempotencyKey,
    browserToken: BrowserToken.optional(),
    identity: z.string().max(1000).optional(),
    screenshot: z.string().max(SCREENSHOT_FIELD_MAX, 'A screenshot may be at most 2 MB').optional(),
  })
  .strict()
export type WidgetSubmission = z.infer<typeof WidgetSubmission>
