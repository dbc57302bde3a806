/**
 * Channel settings: per-type zod schemas for the non-secret config (stored as JSON) and the secrets
 * (stored encrypted), and the flat admin form that maps onto them. Secrets are write-only: a blank secret
 * field on edit keeps the stored value, unless the channel's destination (URL, SMTP server, PagerDuty
 * endpoint) changed, so a stored credential cannot be redirected to another receiver without being known.
 */
import { z } from 'zod'
import { SEVERITIES } from '@/lib/severity'

export const CHANNEL_TYPES = ['console', 'file', 'email', 'slack', 'pagerduty', 'webhook'] as const
export type ChannelType = (typeof CHANNEL_TYPES)[number]

export const CHANNEL_TYPE_LABELS: Record<ChannelType, string> = {
  console: 'Console (server log)',
  file: 'File (logs/alerts.log)',
  email: 'E-mail (SMTP)',
  slack: 'Slack incoming webhook',
  pagerduty: 'PagerDuty Events v2',
  webhook: 'Signed webhook',
}

export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue'
export const PAGERDUTY_EU_EVENTS_URL = 'https://events.eu.pagerduty.com/v2/enqueue'
/** PagerDuty's own endpoints; any other (a proxy) only an administrator may set. */
export const PAGERDUTY_OFFICIAL_URLS: readonly string[] = [PAGERDUTY_EVENTS_URL, PAGERDUTY_EU_EVENTS_URL]


const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .url('Enter a full URL, e.g. https://example.org/hook')
  .refine((u) => /^https?:\/\//i.test(u), 'Only http and https URLs are allowed')

/** A URL stored in plain config must not carry credentials; those belong in the secret fields. */
const plainUrl = httpUrl.refine((u) => {
  const parsed = new URL(u)
  return !parsed.username && !parsed.password
}, 'Do not put credentials in this URL')

/**
 * A secret may be given as `env:WARDROOM_CHANNEL_NAME`, resolved from the server's environment at send time.
 * Only that prefix: otherwise a channel could be pointed at NEXTAUTH_SECRET or DATABASE_URL and a test
 * message would carry the server's own secrets to whoever set up the channel.
 */
export const ENV_REF_PREFIX = 'WARDROOM_CHANNEL_'
export const ENV_REF = /^env:WARDROOM_CHANNEL_[A-Z0-9_]+$/
const ENV_REF_MESSAGE = `Only environment variables named ${ENV_REF_PREFIX}… can be used, e.g. env:${ENV_REF_PREFIX}SLACK_URL`
const secret = (schema: z.ZodType<string>) =>
  z.string({ error: 'Enter this secret' }).superRefine((value, ctx) => {
    if (ENV_REF.test(value)) return
    if (/^\s*env:/i.test(value)) {
      ctx.addIssue({ code: 'custom', message: ENV_REF_MESSAGE })
      return
    }
    const result = schema.safeParse(value)
    if (!result.success) for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message })
  })

export const ChannelSchemas = {
  console: { config: z.object({}), secrets: z.object({}) },
  file: { config: z.object({}), secrets: z.object({}) },
  email: {
    config: z.object({
      host: z.string().trim().min(1, 'Enter the SMTP host').max(253),
      port: z.coerce.number().int().min(1).max(65535),
      secure: z.boolean(),
      username: z.string().trim().max(254).optional(),
      from: z.string().trim().email('Enter the sender address'),
      to: z.array(z.string().trim().email('One of the recipients is not an e-mail address')).min(1, 'Enter at least one recipient').max(50),
    }),
    secrets: z.object({ password: secret(z.string().max(1000)).optional() }),
  },
  slack: {
    config: z.object({}),
    secrets: z.object({ webhookUrl: secret(httpUrl) }),
  },
  pagerduty: {
    config: z.object({ eventsUrl: plainUrl }),
    secrets: z.object({ routingKey: secret(z.string().trim().min(1, 'Enter the integration (routing) key').max(200)) }),
  },
  webhook: {
    config: z.object({ url: plainUrl }),
    secrets: z.object({ signingSecret: secret(z.string().min(16, 'Use at least 16 characters').max(500)) }),
  },
} as const

export type EmailConfig = z.infer<typeof ChannelSchemas.email.config>
export type EmailSecrets = z.infer<typeof ChannelSchemas.email.secrets>
export type SlackSecrets = z.infer<typeof ChannelSchemas.slack.secrets>
export type PagerDutyConfig = z.infer<typeof ChannelSchemas.pagerduty.config>
export type PagerDutySecrets = z.infer<typeof ChannelSchemas.pagerduty.secrets>
export type WebhookConfig = z.infer<typeof ChannelSchemas.webhook.config>
export type WebhookSecrets = z.infer<typeof ChannelSchemas.webhook.secrets>

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().max(max).optional())
const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean())

/** The admin form, flat so that it maps one-to-one onto inputs; `channelSettingsFromForm` splits it. */
export const ChannelForm = z.object({
  id: z.preprocess(blankToUndefined, z.uuid().optional()),
  name: z.string().trim().min(1, 'Enter a name').max(80),
  type: z.enum(CHANNEL_TYPES),
  minSeverity: z.enum(SEVERITIES),
  enabled: checkbox,
  smtpHost: optionalText(253),
  smtpPort: optionalText(5),
  smtpSecure: checkbox,
  smtpUsername: optionalText(254),
  smtpPassword: optionalText(1000),
  emailFrom: optionalText(254),
  emailTo: optionalText(4000),
  slackWebhookUrl: optionalText(2000),
  pagerdutyRoutingKey: optionalText(200),
  pagerdutyEventsUrl: optionalText(2000),
  webhookUrl: optionalText(2000),
  webhookSigningSecret: optionalText(500),
})
export type ChannelForm = z.infer<typeof ChannelForm>

type FormField = Exclude<keyof ChannelForm, 'id' | 'name' | 'type' | 'minSeverity' | 'enabled'>
interface FieldMapping {
  field: FormField
  part: 'config' | 'secrets'
  key: string
  read?: (value: ChannelForm[FormField]) => unknown
}

const splitAddresses = (v: unknown) => (typeof v === 'string' ? v.split(/[\s,;]+/).filter(Boolean) : [])

export const CHANNEL_FIELDS: Record<ChannelType, FieldMapping[]> = {
  console: [],
  file: [],
  email: [
    { field: 'smtpHost', part: 'config', key: 'host' },
    { field: 'smtpPort', part: 'config', key: 'port', read: (v) => v ?? '587' },
    { field: 'smtpSecure', part: 'config', key: 'secure' },
    { field: 'smtpUsername', part: 'config', key: 'username' },
    { field: 'emailFrom', part: 'config', key: 'from' },
    { field: 'emailTo', part: 'config', key: 'to', read: splitAddresses },
    { field: 'smtpPassword', part: 'secrets', key: 'password' },
  ],
  slack: [{ field: 'slackWebhookUrl', part: 'secrets', key: 'webhookUrl' }],
  pagerduty: [
    { field: 'pagerdutyEventsUrl', part: 'config', key: 'eventsUrl', read: (v) => v ?? PAGERDUTY_EVENTS_URL },
    { field: 'pagerdutyRoutingKey', part: 'secrets', key: 'routingKey' },
  ],
  webhook: [
    { field: 'webhookUrl', part: 'config', key: 'url' },
    { field: 'webhookSigningSecret', part: 'secrets', key: 'signingSecret' },
  ],
}

/** The config keys that say where a channel sends; changing one requires its secrets to be entered again. */
export const DESTINATION_KEYS: Record<ChannelType, readonly string[]> = {
  console: [],
  file: [],
  email: ['host', 'port'],
  slack: [], // the webhook URL is itself the secret
  pagerduty: ['eventsUrl'],
  webhook: ['url'],
}

export type ChannelSettings =
  | { ok: true; config: Record<string, unknown>; secrets: Record<string, string> }
  | { ok: false; fieldErrors: Record<string, string[]> }

/** What is stored for the channel being edited. */
export interface StoredChannelSettings {
  type?: string
  config?: Record<string, unknown>
  secrets?: Record<string, string>
}

const REENTER_MESSAGE = 'The destination changed: enter this secret again (the stored one is not sent to a new destination)'

/**
 * Splits the form into validated config and secrets. Blank secret fields keep the stored ones, except
 * when a destination key changed: then each kept secret is a field error asking for it again.
 */
export function channelSettingsFromForm(form: ChannelForm, stored: StoredChannelSettings = {}): ChannelSettings {
  const mappings = CHANNEL_FIELDS[form.type]
  const sameType = stored.type === undefined || stored.type === form.type
  const storedSecrets = sameType ? (stored.secrets ?? {}) : {}
  const raw = { config: {} as Record<string, unknown>, secrets: {} as Record<string, unknown> }
  const keptFields: FormField[] = []
  for (const m of mappings) {
    const value = m.read ? m.read(form[m.field]) : form[m.field]
    const kept = m.part === 'secrets' && value === undefined ? storedSecrets[m.key] : value
    if (m.part === 'secrets' && value === undefined && kept !== undefined) keptFields.push(m.field)
    if (kept !== undefined) raw[m.part][m.key] = kept
  }
  const schemas = ChannelSchemas[form.type]
  const config = schemas.config.safeParse(raw.config)
  const secrets = schemas.secrets.safeParse(raw.secrets)
  const fieldErrors: Record<string, string[]> = {}
  for (const [part, result] of [['config', config], ['secrets', secrets]] as const) {
    if (result.success) continue
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '')
      const field = mappings.find((m) => m.part === part && m.key === key)?.field ?? 'type'
      ;(fieldErrors[field] ??= []).push(issue.message)
    }
  }
  if (config.success && keptFields.length > 0 && sameType && stored.config) {
    const before = stored.config
    const after = config.data as Record<string, unknown>
    const moved = DESTINATION_KEYS[form.type].some((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    if (moved) for (const field of keptFields) (fieldErrors[field] ??= []).push(REENTER_MESSAGE)
  }
  if (!config.success || !secrets.success || Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors }
  const cleanSecrets: Record<string, string> = {}
  for (const [k, v] of Object.entries(secrets.data)) if (typeof v === 'string' && v !== '') cleanSecrets[k] = v
  return { ok: true, config: config.data, secrets: cleanSecrets }
}

export const ChannelIdInput = z.object({ id: z.uuid() })
export const ChannelEnabledInput = z.object({ id: z.uuid(), enabled: checkbox })
