/**
 * Site keys of the feedback widget: created and revoked in Admin → API keys (permission apikey:manage: the
 * same administrators who hand out machine keys), audited, and resolved by the widget API on each request.
 *
 * A site key is public (it sits in the host page's script tag); what it admits is bounded by its origin
 * allow-list (CORS, widget-origins.ts) and the rate limits. Its secret signs the host's identity tokens
 * (identity-token.ts) and is returned once, in clear, by createSiteKey; it is stored sealed (secret-box.ts)
 * because the server needs it back to verify a signature. Audit summaries name the key and its origins,
 * never the secret. Resolved keys are cached in memory for a few seconds (like API keys): a revocation
 * takes effect at once on this instance and within SITE_KEY_CACHE_MS on others.
 */
import { randomBytes } from 'node:crypto'
import { recordAudit } from '@/lib/audit'
import { authorize, type Actor } from '@/lib/auth/actor'
import { db, type Prisma } from '@/lib/db'
import { conflict, notFound, parseOrThrow } from '@/lib/errors'
import { inTransaction } from '@/lib/tx'
import { openSecret, sealSecret } from './secret-box'
import { CreateSiteKeyInput, SITE_KEY_PATTERN, SiteKeyScreenshotsInput } from './site-key-schema'

const SITE_KEY_CACHE_MS = 10_000
const TARGET = 'feedback_site_key'

/** What the admin page and the commands return of a site key: never its secret. */
export const siteKeySelect = {
  id: true,
  name: true,
  publicId: true,
  allowedOrigins: true,
  createdByLabel: true,
  createdAt: true,
  revokedAt: true,
  acceptScreenshots: true,
} satisfies Prisma.FeedbackSiteKeySelect
export type SiteKeyRow = Prisma.FeedbackSiteKeyGetPayload<{ select: typeof siteKeySelect }>

export interface CreatedSiteKey {
  row: SiteKeyRow
  /** The identity-token secret, in clear, this once. */
  secret: string
}

/** Creates a site key with its origin allow-list. Names are unique among keys not revoked. */
export async function createSiteKey(actor: Actor, raw: CreateSiteKeyInput): Promise<CreatedSiteKey> {
  authorize(actor, 'apikey:manage')
  const input = parseOrThrow(CreateSiteKeyInput, raw)
  const publicId = `wk_${randomBytes(12).toString('base64url')}`
  const secret = `wks_${randomBytes(32).toString('base64url')}`
  const row = await inTransaction(async (tx) => {
    const clash = await tx.feedbackSiteKey.findFirst({ where: { name: input.name, revokedAt: null }, select: { id: true } })
    if (clash) throw conflict(`An active site key named ${input.name} already exists`, { name: ['Already in use'] })
    const created = await tx.feedbackSiteKey.create({
      data: {
        name: input.name,
        publicId,
        secretEncrypted: sealSecret(secret, publicId),
        allowedOrigins: input.origins,
        createdById: actor.type === 'user' ? actor.id : null,
        createdByLabel: actor.label,
      },
      select: siteKeySelect,
    })
    await recordAudit(actor, { action: 'feedback_site_key.create', targetType: TARGET, targetId: created.id, summary: { name: created.name, publicId, origins: input.origins } }, tx)
    return created
  })
  return { row, secret }
}

/** Revokes a site key by id; false when it already was (nothing written, nothing audited). */
export async function revokeSiteKey(actor: Actor, id: string): Promise<{ row: SiteKeyRow; changed: boolean }> {
  authorize(actor, 'apikey:manage')
  return inTransaction(
    async (tx) => {
      const key = await tx.feedbackSiteKey.findUnique({ where: { id }, select: siteKeySelect })
      if (!key) throw notFound('No such site key')
      if (key.revokedAt) return { row: key, changed: false }
      const row = await tx.feedbackSiteKey.update({ where: { id }, data: { revokedAt: new Date() }, select: siteKeySelect })
      await recordAudit(actor, { action: 'feedback_site_key.revoke', targetType: TARGET, targetId: id, summary: { name: key.name, publicId: key.publicId } }, tx)
      return { row, changed: true }
    },
    { afterCommit: clearSiteKeyCache },
  )
}

/**
 * Turns "accept screenshots" on or off for an active site key (apikey:manage), audited
 * (`feedback_site_key.screenshots`); `changed` false when it already was so (nothing written).
 */
export async function setSiteKeyScreenshots(actor: Actor, raw: SiteKeyScreenshotsInput): Promise<{ row: SiteKeyRow; changed: boolean }> {
  authorize(actor, 'apikey:manage')
  const { siteKeyId, accept } = parseOrThrow(SiteKeyScreenshotsInput, raw)
  return inTransaction(
    async (tx) => {
      const key = await tx.feedbackSiteKey.findUnique({ where: { id: siteKeyId }, select: siteKeySelect })
      if (!key) throw notFound('No such site key')
      if (key.revokedAt) throw conflict('A revoked site key cannot be changed')
      if (key.acceptScreenshots === accept) return { row: key, changed: false }
      const row = await tx.feedbackSiteKey.update({ where: { id: siteKeyId }, data: { acceptScreenshots: accept }, select: siteKeySelect })
      await recordAudit(actor, { action: 'feedback_site_key.screenshots', targetType: TARGET, targetId: siteKeyId, summary: { name: key.name, publicId: key.publicId, acceptScreenshots: accept } }, tx)
      return { row, changed: true }
    },
    { afterCommit: clearSiteKeyCache },
  )
}

/** Every site key, active first, newest first (the admin page; the page checks apikey:manage). */
export async function listSiteKeys(): Promise<SiteKeyRow[]> {
  return db.feedbackSiteKey.findMany({ select: siteKeySelect, orderBy: [{ revokedAt: { sort: 'asc', nulls: 'first' } }, { createdAt: 'desc' }] })
}

/** An active site key as the widget API uses it. `secret` is null when it cannot be read (see secret-box.ts). */
export interface ActiveSiteKey {
  id: string
  name: string
  publicId: string
  allowedOrigins: string[]
  secret: string | null
  /** Whether reports from this key may carry a screenshot (off unless an administrator turned it on). */
  acceptScreenshots: boolean
}

const g = globalThis as unknown as { wardroomSiteKeyCache?: Map<string, { key: ActiveSiteKey | null; until: number }> }
const cache = (g.wardroomSiteKeyCache ??= new Map())

export function clearSiteKeyCache(): void {
  cache.clear()
}

/** The active site key with this public id, or null when unknown, malformed or revoked. */
export async function resolveSiteKey(publicId: string, now = Date.now()): Promise<ActiveSiteKey | null> {
  if (!SITE_KEY_PATTERN.test(publicId)) return null
  const hit = cache.get(publicId)
  if (hit && hit.until > now) return hit.key
  const row = await db.feedbackSiteKey.findUnique({ where: { publicId } })
  const key: ActiveSiteKey | null =
    row && !row.revokedAt
      ? { id: row.id, name: row.name, publicId: row.publicId, allowedOrigins: row.allowedOrigins, secret: openSecret(row.secretEncrypted, row.publicId), acceptScreenshots: row.acceptScreenshots }
      : null
  if (cache.size > 10_000) cache.clear()
  cache.set(publicId, { key, until: now + SITE_KEY_CACHE_MS })
  return key
}
