/**
 * A user agent reduced to what analytics needs and no more: browser (or client library) family and major
 * version. The full string narrows a person down (minor versions, OS build, device model), so it is never
 * stored. A small pure function rather than ua-parser-js: its 2.x line is AGPL-3.0, its 1.x line only gets
 * fixes, and both parse far more than we keep (OS, device, engine, CPU).
 */
export interface ReducedUserAgent {
  family: string
  major: string | null
}

// Order matters: Edge and Opera and Samsung's browser also say "Chrome", Chrome also says "Safari".
const BROWSERS: readonly [family: string, re: RegExp][] = [
  ['Edge', /\bEdg(?:e|A|iOS)?\/(\d+)/],
  ['Opera', /\bOPR\/(\d+)/],
  ['Samsung Internet', /\bSamsungBrowser\/(\d+)/],
  ['Firefox', /\b(?:Firefox|FxiOS)\/(\d+)/],
  ['Chrome', /\b(?:Chrome|CriOS)\/(\d+)/],
  ['Safari', /\bVersion\/(\d+)[.\d]* (?:Mobile\/\S+ )?Safari\//],
  ['Internet Explorer', /\b(?:MSIE |Trident\/.*rv:)(\d+)/],
]

/** "analytics-node-next/3.1.0", "okhttp/4.12.0", "curl/8.5.0": a product token as its own family. */
const PRODUCT = /^([A-Za-z][A-Za-z0-9._-]{0,39})\/v?(\d+)/

export function reduceUserAgent(ua: string | null | undefined): ReducedUserAgent | null {
  const s = ua?.trim()
  if (!s) return null
  for (const [family, re] of BROWSERS) {
    const m = re.exec(s)
    if (m) return { family, major: m[1]! }
  }
  // Mozilla/5.0 with no known browser token: a browser we do not name, never the raw string.
  if (s.startsWith('Mozilla/')) return { family: 'Other browser', major: null }
  const m = PRODUCT.exec(s)
  if (m) return { family: m[1]!, major: m[2]! }
  return { family: 'Other', major: null }
}
