'use server'
/**
 * Server actions of the widget's site keys (Admin → API keys, "Feedback widget site keys"): forms →
 * site-keys.ts commands (apikey:manage, audited), then the page is revalidated. The secret is returned
 * once, in clear; it is stored sealed.
 */
import { revalidatePath } from 'next/cache'
import { defineAction, type FormState } from '@/lib/auth/guard'
import { CreateSiteKeyInput, SiteKeyRef, SiteKeyScreenshotsInput } from './site-key-schema'
import { createSiteKey, revokeSiteKey, setSiteKeyScreenshots } from './site-keys'

const PATH = '/admin/api-keys'

export interface CreatedSiteKeyData {
  name: string
  publicId: string
  /** The identity-token secret, this once. */
  secret: string
}

export const createSiteKeyAction = defineAction('apikey:manage', CreateSiteKeyInput, async (input, { actor }): Promise<FormState<CreatedSiteKeyData>> => {
  const { row, secret } = await createSiteKey(actor, input)
  revalidatePath(PATH)
  return {
    ok: true,
    status: 201,
    message: `Site key ${row.name} was created for ${row.allowedOrigins.length} origin${row.allowedOrigins.length === 1 ? '' : 's'}. Copy its secret now: it is shown only once.`,
    data: { name: row.name, publicId: row.publicId, secret },
  }
})

export const revokeSiteKeyAction = defineAction('apikey:manage', SiteKeyRef, async ({ siteKeyId }, { actor }) => {
  const { row, changed } = await revokeSiteKey(actor, siteKeyId)
  revalidatePath(PATH)
  return {
    ok: true,
    status: 200,
    message: changed ? `Site key ${row.name} was revoked; its widgets can no longer send feedback.` : `Site key ${row.name} was already revoked.`,
  }
})

export const setSiteKeyScreenshotsAction = defineAction('apikey:manage', SiteKeyScreenshotsInput, async (input, { actor }) => {
  const { row, changed } = await setSiteKeyScreenshots(actor, input)
  revalidatePath(PATH)
  const state = row.acceptScreenshots ? 'now accepts screenshots (triage staff see them; kept for the retention period)' : 'no longer accepts screenshots'
  return { ok: true, status: 200, message: changed ? `Site key ${row.name} ${state}.` : `Site key ${row.name} already ${row.acceptScreenshots ? 'accepts' : 'refuses'} screenshots.` }
})
