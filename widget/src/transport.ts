/** The widget's calls to Wardroom (app/api/feedback/widget/[key]): no cookies, JSON in and out. */
import type { Submission } from './store'

export type SendOutcome =
  | { kind: 'sent'; number: number; status: string }
  /** Network down, CORS refused, 429, 5xx: try again later (after `afterMs` when the server said). */
  | { kind: 'retry'; afterMs?: number }
  /** The host's identity token was refused: send again without it (the report matters more). */
  | { kind: 'identity' }
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

export async function sendReport(endpoint: string, body: Submission): Promise<SendOutcome> {
  let res: Response
  try {
    res = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'omit', mode: 'cors' })
  } catch {
    return { kind: 'retry' }
  }
  const data = (await jsonOf(res)) as (ErrorBody & { number?: number; status?: string }) | null
  if (res.ok) return { kind: 'sent', number: Number(data?.number ?? 0), status: String(data?.status ?? 'received') }
  if (res.status === 408 || res.status === 429 || res.status >= 500) {
    const after = Number(res.headers.get('retry-after'))
    return after > 0 ? { kind: 'retry', afterMs: after * 1000 } : { kind: 'retry' }
  }
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

/** This browser's reports, or null when they could not be loaded. */
export async function listReports(endpoint: string, token: string): Promise<Report[] | null> {
  try {
    const res = await fetch(endpoint, { headers: { 'X-Wardroom-Browser': token }, credentials: 'omit', mode: 'cors', cache: 'no-store' })
    if (!res.ok) return null
    const data = (await jsonOf(res)) as { reports?: Report[] } | null
    return Array.isArray(data?.reports) ? data.reports : null
  } catch {
    return null
  }
}
