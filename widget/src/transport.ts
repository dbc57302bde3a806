/** The widget's calls to Wardroom (app/api/feedback/widget/[key]): no cookies, JSON in and out. */
import type { Submission } from './store'

export type SendOutcome =
  | { kind: 'sent'; number: number; status: string }
  /** Network down, CORS refused, 429, 5xx: try again later (after `afterMs` when the server said). */
  | { kind: 'retry'; afterMs?: number }
  /** The host's identity token was refused: send again without it (the report matters more). */
  | { kind: 'identity' }
  /** The screenshot was refused (key does not accept them, too large, not an image): send again without it. */
  | { kind: 'screenshot' }
  /** The report itself was refused (4xx): retrying would not help. */
  | { kind: 'rejected'; message: string }

interface ErrorBody {
  error?: { code?: string; message?: string }
}

async function jsonOf(res: Response): Promise<unknown> {
  try {
    return await res.json()
  } catch {
    return null
  }
}

/** Sends one report; `screenshot` (a data URL) rides along but is never part of the queued body. */
export async function sendReport(endpoint: string, body: Submission, screenshot?: string): Promise<SendOutcome> {
  let res: Response
  try {
    res = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(screenshot ? { ...body, screenshot } : body), credentials: 'omit', mode: 'cors' })
  } catch {
    return { kind: 'retry' }
  }
  const data = (await jsonOf(res)) as (ErrorBody & { number?: number; status?: string }) | null
  if (res.ok) return { kind: 'sent', number: Number(data?.number ?? 0), status: String(data?.status ?? 'received') }
  if (res.status === 408 || res.status === 429 || res.status >= 500) {
    const after = Number(res.headers.get('retry-after'))
    return after > 0 ? { kind: 'retry', afterMs: after * 1000 } : { kind: 'retry' }
  }
  if (screenshot && (/^screenshot/.test(data?.error?.code ?? '') || res.status === 413)) return { kind: 'screenshot' }
  if (data?.error?.code === 'invalid_identity' || (res.status === 400 && body.identity && /identity/i.test(data?.error?.message ?? ''))) return { kind: 'identity' }
  return { kind: 'rejected', message: data?.error?.message ?? `Wardroom answered ${res.status}` }
}

export interface Report {
  number: number
  type: string
  status: string
  excerpt: string
  createdAt: string
}

/** Whether the site key accepts screenshots, and how long they are kept. */
export interface ShotPolicy {
  accepted: boolean
  retentionDays: number
}

/** This browser's reports and the key's screenshot policy, or null when they could not be loaded. */
export async function listReports(endpoint: string, token: string): Promise<{ reports: Report[]; screenshots: ShotPolicy } | null> {
  try {
    const res = await fetch(endpoint, { headers: { 'X-Wardroom-Browser': token }, credentials: 'omit', mode: 'cors', cache: 'no-store' })
    if (!res.ok) return null
    const data = (await jsonOf(res)) as { reports?: Report[]; screenshots?: ShotPolicy } | null
    if (!Array.isArray(data?.reports)) return null
    return { reports: data.reports, screenshots: { accepted: data.screenshots?.accepted === true, retentionDays: Number(data.screenshots?.retentionDays) || 30 } }
  } catch {
    return null
  }
}
