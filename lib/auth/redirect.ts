/**
 * Where to send the browser after sign-in. The target comes from the address bar (`callbackUrl`), so anyone
 * can craft it: only a path on this site is followed, anything else goes to the overview. Browsers read
 * `/\evil.example` as `//evil.example` and drop tabs and newlines from URLs (`/<TAB>/evil.example`), so the
 * check rejects backslashes and control characters outright and then confirms, by resolving the target the
 * way a browser does, that the origin did not change.
 */
const FALLBACK = '/'
// Resolved against a placeholder origin: a target that leaves it is not a path on this site.
const PLACEHOLDER = 'https://wardroom.invalid'

/** A same-origin path (with query and fragment) for `raw`, or '/'. `origin` admits absolute URLs on this site. */
export function safeCallbackPath(raw: string | null | undefined, origin?: string): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return FALLBACK
  let target = raw
  if (origin && !target.startsWith('/')) {
    let url: URL
    try {
      url = new URL(target)
    } catch {
      return FALLBACK
    }
    if (url.origin !== new URL(origin).origin) return FALLBACK
    target = `${url.pathname}${url.search}${url.hash}`
  }
  // Control characters (tab, newline…) and backslashes: never part of a path we produce.
  if (/[\u0000-\u001f\u007f\\]/.test(target)) return FALLBACK
  if (!target.startsWith('/') || target.startsWith('//')) return FALLBACK
  // Encoded slashes or backslashes right after the first slash are decoded by some servers and proxies.
  if (/^\/(%2f|%5c)/i.test(target)) return FALLBACK
  let resolved: URL
  try {
    resolved = new URL(target, PLACEHOLDER)
  } catch {
    return FALLBACK
  }
  if (resolved.origin !== PLACEHOLDER) return FALLBACK
  return `${resolved.pathname}${resolved.search}${resolved.hash}`
}
