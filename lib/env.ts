/**
 * Environment, parsed once with zod. Everything else imports typed values from here.
 * Secrets the demo needs (NEXTAUTH_SECRET, CRON_SECRET, WARDROOM_SECRET) are generated at first start
 * of the embedded database by the start script and handed to the server process.
 */
import path from 'node:path'
import { z } from 'zod'
import { ConfigError } from './config-error'
import { OutboundAllowListSchema } from './outbound-allow-list'

const bool = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => v === 'on' || v === 'true' || v === '1')

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback)

const EnvSchema = z.object({
  DATABASE_URL: z.string().min(1).optional().or(z.literal('').transform(() => undefined)),
  /** The owner role migrations run as (DATABASE_URL, the runtime role, when unset). */
  DATABASE_MIGRATE_URL: z.string().min(1).optional().or(z.literal('').transform(() => undefined)),
  /** Signs audit checkpoints (lib/audit-anchor.ts reads it when used, so tools may set it late). */
  WARDROOM_AUDIT_KEY: z.string().min(16).optional(),
  /** The append-only file of audit checkpoints outside the database (default <data dir>/audit-checkpoints.log). */
  WARDROOM_AUDIT_ANCHOR: z.string().min(1).optional(),
  WARDROOM_DATA_DIR: z.string().default('.data'),
  /** The embedded PostgreSQL also listens on 127.0.0.1 at this port (it always has its Unix socket). */
  WARDROOM_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  PORT: z.coerce.number().int().positive().default(3000),
  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  CRON_SECRET: z.string().min(16).optional(),
  WARDROOM_SECRET: z.string().min(16).optional(),
  WARDROOM_ADMIN_EMAIL: z.string().email().optional(),
  WARDROOM_ADMIN_PASSWORD: z.string().min(12).optional(),
  WARDROOM_SCHEDULER: bool.default(true),
  WARDROOM_SEED: z.enum(['auto', 'always', 'never']).default('auto'),
  /** The demo's recurring maintenance windows (the guides' weekly and monthly ones, muting every service). */
  WARDROOM_DEMO_MAINTENANCE: bool.default(true),
  SESSION_IDLE_TIMEOUT: seconds(15 * 60),
  SESSION_MAX_AGE: seconds(12 * 60 * 60),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_WINDOW_SECONDS: seconds(15 * 60),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /** Proxies in front of Wardroom that append to X-Forwarded-For (0: the header is ignored). */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Password hashes computed at once by sign-ins (scrypt takes 128 MiB each); more wait briefly, then 503. */
  LOGIN_HASH_CONCURRENCY: z.coerce.number().int().positive().max(64).default(4),
  /**
   * Token buckets per API key and per address on machine endpoints (0 per second: no limit). Ingest and
   * flag evaluation are generous: a whole hospital's clinical app may share one key and one egress address;
   * the limit is there to stop a runaway client from starving everyone else, not to meter normal traffic.
   */
  RATE_LIMIT_INGEST_PER_SECOND: z.coerce.number().min(0).default(2000),
  RATE_LIMIT_INGEST_BURST: z.coerce.number().int().positive().default(10000),
  RATE_LIMIT_API_PER_SECOND: z.coerce.number().min(0).default(50),
  RATE_LIMIT_API_BURST: z.coerce.number().int().positive().default(200),
  METRICS_TOKEN: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WARDROOM_TIMEZONE: z.string().default('UTC'),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  /** Longest a single statement may run, in milliseconds (0 = no limit). */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  /** Days raw SLI events are kept after they are rolled up (rollups are kept 13 months). */
  SLI_RAW_RETENTION_DAYS: z.coerce.number().int().positive().default(7),
  /** Days analytics events are kept; older monthly partitions are dropped whole (issue 13). */
  ANALYTICS_RETENTION_DAYS: z.coerce.number().int().positive().default(90),
  /** Days a feedback screenshot is kept before feedback-screenshots-purge deletes it (lib/feedback/README.md). */
  FEEDBACK_SCREENSHOT_RETENTION_DAYS: z.coerce.number().int().positive().max(365).default(30),
  /** k-anonymity: counts of fewer distinct people than this are suppressed in analytics figures. */
  ANALYTICS_MIN_GROUP_SIZE: z.coerce.number().int().min(1).default(11),
  /** Addresses outbound requests may reach besides public ones: comma-separated CIDRs and host names. */
  WARDROOM_OUTBOUND_ALLOW: OutboundAllowListSchema,
})

export type Env = z.infer<typeof EnvSchema>


function parseEnv(): Env {
  const parsed = EnvSchema.safeParse(process.env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`)
  }
  return parsed.data
}

export const env: Env = parseEnv()

// Runtime data, not source: keep the bundler from tracing the project through this path.
export const dataDir = path.resolve(/*turbopackIgnore: true*/ process.cwd(), env.WARDROOM_DATA_DIR)

/** True when this deployment runs on an external PostgreSQL rather than the embedded database. */
export const isExternalDatabase = Boolean(env.DATABASE_URL)
