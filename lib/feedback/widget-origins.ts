/**
 * The origin allow-list of a widget site key, and the check the widget API makes on each browser request
 * (CORS: only an allowed origin gets Access-Control-Allow-Origin). Pure: unit-tested in widget-origins.test.ts.
 *
 * An entry is an origin as browsers send it — scheme, host, port; no path, query, user or fragment —
 * either exact (`https://ehr.example.org`, `http://localhost:8080`) or with one wildcard label in front
 * (`https://*.example.org`: any subdomain of example.org, not example.org itself). Entries are stored in
 * the form `normalizeOrigin` gives (lower case, default port dropped), so a comparison is plain equality.
 */

const WILDCARD = '*.'
/** A stand-in label for the wildcard while the URL parser reads the rest. */
const PLACEHOLDER = 'wildcard-label-0.'

export type OriginEntry = { ok: true; origin: string } | { ok: false; reason: string }

/** The normalised form of an allow-list entry, or why it is not one. */
export function normalizeOrigin(raw: string): OriginEntry {
  const text = raw.trim()
  if (text === '') return { ok: false, reason: 'Empty' }
  const m = /^(https?):\/\/(\*\.)?(.*)$/i.exec(text)
  if (!m) return { ok: false, reason: 'Start with http:// or https://' }
  const [, scheme, star, rest] = m as unknown as [string, string, string | undefined, string]
  let url: URL
  try {
    url = new URL(`${scheme}://${star ? PLACEHOLDER : ''}${rest}`)
  } catch {
    return { ok: false, reason: 'Not an address' }
  }
  if (url.username || url.password) return { ok: false, reason: 'No user name or password' }
  if (url.pathname !== '/' || url.search || url.hash || /[/?#]/.test(rest.replace(/\/$/, ''))) {
    return { ok: false, reason: 'An origin has no path, query or fragment' }
  }
  if (star && url.hostname.split('.').length < 3) return { ok: false, reason: 'A wildcard needs a domain under it (https://*.example.org)' }
  const origin = `${url.protocol}//${url.host}`
  return { ok: true, origin: star ? origin.replace(PLACEHOLDER, WILDCARD) : origin }
}

/** The browser's Origin header in normalised form, or null ("null", absent or malformed). */
export function requestOrigin(header: string | null): string | null {
  if (!header || header === 'null') return null
  try {
    const url = new URL(header)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    return `${url.protocol}//${url.host}`
  } catch {
    return null
  }
}

/** Whether a (normalised) request origin is on the (normalised) allow-list. */
export function isOriginAllowed(origin: string | null, allowed: readonly string[]): boolean {
  if (!origin) return false
  for (const entry of allowed) {
    if (entry === origin) return true
    const star = entry.indexOf(`//${WILDCARD}`)
    if (star < 0) continue
    // https://*.example.org:8443 → scheme "https://" and suffix ".example.org:8443" (the port must match too).
    const scheme = entry.slice(0, star + 2)
    const suffix = entry.slice(star + 2 + WILDCARD.length - 1)
    if (!origin.startsWith(scheme) || !origin.endsWith(suffix)) continue
    const label = origin.slice(scheme.length, origin.length - suffix.length)
    // One or more labels, none empty, and no port or other part smuggled in front.
    if (/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(label)) return true
  }
  return false
}
