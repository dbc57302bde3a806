/**
 * What the widget keeps in the host page's local storage, under `wardroom-feedback:` keys: the browser's
 * token (it sees its own reports with it) and the queue of reports not yet delivered. Storage can be
 * missing or full (private windows, quotas): every access is caught and memory stands in, so the widget
 * still works for the page's lifetime.
 */

const PREFIX = 'wardroom-feedback:'
const memory = new Map<string, string>()

function getItem(name: string): string | null {
  try {
    const v = window.localStorage.getItem(PREFIX + name)
    if (v !== null) return v
  } catch {
    /* storage unavailable: memory below */
  }
  return memory.get(name) ?? null
}

function setItem(name: string, value: string): void {
  memory.set(name, value)
  try {
    window.localStorage.setItem(PREFIX + name, value)
  } catch {
    /* memory keeps it for this page */
  }
}

/** A base64url string of `bytes` random bytes. */
export function randomToken(bytes: number): string {
  const buf = new Uint8Array(bytes)
  crypto.getRandomValues(buf)
  let s = ''
  for (const b of buf) s += String.fromCharCode(b)
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** The browser's own token: made once, kept. */
export function browserToken(): string {
  let t = getItem('browser')
  if (!t || !/^[A-Za-z0-9_-]{22,128}$/.test(t)) {
    t = randomToken(24)
    setItem('browser', t)
  }
  return t
}

export interface Submission {
  type: string
  description: string
  rating?: number
  context: Record<string, string>
  flagVariants: Record<string, string>
  idempotencyKey: string
  browserToken: string
  identity?: string
}

export interface Pending {
  body: Submission
  attempts: number
  /** When the next attempt is due (ms since the epoch). */
  nextAt: number
  /** When the last attempt started. */
  lastAt?: number
}

export function loadQueue(): Pending[] {
  try {
    const parsed: unknown = JSON.parse(getItem('queue') ?? '[]')
    return Array.isArray(parsed) ? (parsed as Pending[]).filter((p) => p && p.body && typeof p.body.idempotencyKey === 'string') : []
  } catch {
    return []
  }
}

export function saveQueue(queue: Pending[]): void {
  setItem('queue', JSON.stringify(queue))
}

/** Backoff before attempt n+1: 2 s, 4 s, 8 s … at most a minute, with ±20 % jitter so tabs do not retry in step. */
export function backoffMs(attempts: number, random = Math.random()): number {
  const base = Math.min(60_000, 2000 * 2 ** Math.max(0, attempts - 1))
  return Math.round(base * (0.8 + 0.4 * random))
}
