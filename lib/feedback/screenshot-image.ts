/**
 * A screenshot the host app gave the widget (lib/feedback/README.md, "Screenshots"): a base64 PNG or JPEG
 * data URL, at most SCREENSHOT_MAX_BYTES decoded, whose bytes must be what its media type says (magic
 * bytes), re-encoded by sharp (libvips) before it is stored so that nothing but pixels survives: EXIF (GPS,
 * device, time), XMP, ICC, PNG text chunks and JPEG comments are all dropped.
 *
 * `parseScreenshotDataUrl` is pure (worked examples in screenshot-image.test.ts); `reencodeScreenshot`
 * runs sharp. Neither ever puts the image, or any of its bytes, in an error message.
 */
import { createHash } from 'node:crypto'

export const SCREENSHOT_MAX_BYTES = 2 * 1024 * 1024
/** A 16k × 16k screen is already absurd; a decompression bomb stops here, before libvips allocates it. */
const MAX_PIXELS = 40_000_000
export const SCREENSHOT_TYPES = ['image/png', 'image/jpeg'] as const
export type ScreenshotType = (typeof SCREENSHOT_TYPES)[number]

export type ParsedScreenshot =
  | { ok: true; type: ScreenshotType; bytes: Buffer }
  /** `malformed`: not a base64 data URL; `type`: not PNG or JPEG (or the bytes are not what it says); `too_large`. */
  | { ok: false; reason: 'malformed' | 'type' | 'too_large'; message: string }

const DATA_URL = /^data:([a-z]+\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/]*={0,2})$/

/** The media type the first bytes say, or null: PNG's 8-byte signature, JPEG's SOI + marker. */
export function sniffImageType(bytes: Uint8Array): ScreenshotType | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png'
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  return null
}

/** Decoded size of a base64 string without decoding it (so an oversized one is refused before allocating). */
export function base64DecodedLength(b64: string): number {
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0
  return Math.floor((b64.length * 3) / 4) - padding
}

export function parseScreenshotDataUrl(value: string, maxBytes = SCREENSHOT_MAX_BYTES): ParsedScreenshot {
  const m = DATA_URL.exec(value)
  if (!m || m[2]!.length % 4 !== 0 || m[2]!.length === 0) return { ok: false, reason: 'malformed', message: 'Expected a base64 data URL: data:image/png;base64,… or data:image/jpeg;base64,…' }
  const declared = m[1] === 'image/jpg' ? 'image/jpeg' : m[1]!
  if (!(SCREENSHOT_TYPES as readonly string[]).includes(declared)) return { ok: false, reason: 'type', message: 'A screenshot must be a PNG or JPEG image' }
  const size = base64DecodedLength(m[2]!)
  if (size > maxBytes) return { ok: false, reason: 'too_large', message: `A screenshot may be at most ${Math.round(maxBytes / 1024)} kB (this one is ${Math.ceil(size / 1024)} kB)` }
  const bytes = Buffer.from(m[2]!, 'base64')
  if (sniffImageType(bytes) !== declared) return { ok: false, reason: 'type', message: `The screenshot's bytes are not a ${declared === 'image/png' ? 'PNG' : 'JPEG'} image` }
  return { ok: true, type: declared as ScreenshotType, bytes }
}

export interface CleanScreenshot {
  type: ScreenshotType
  bytes: Buffer
  sizeBytes: number
  sha256: string
}

/**
 * Decodes and re-encodes the image in its own format. sharp writes no metadata unless asked
 * (`keepMetadata`/`withMetadata`), so the output holds pixels only; JPEG is first turned upright by its EXIF
 * orientation (which is then dropped). Throws `Error('undecodable')` when libvips cannot read it.
 */
export async function reencodeScreenshot(parsed: { type: ScreenshotType; bytes: Buffer }): Promise<CleanScreenshot> {
  let out: Buffer
  try {
    // Loaded on first use: only a screenshot needs the native module, not every importer of the commands.
    const { default: sharp } = await import('sharp')
    const img = sharp(parsed.bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate()
    out = parsed.type === 'image/png' ? await img.png({ compressionLevel: 9 }).toBuffer() : await img.jpeg({ quality: 85, mozjpeg: true }).toBuffer()
  } catch {
    throw new Error('undecodable')
  }
  return { type: parsed.type, bytes: out, sizeBytes: out.length, sha256: createHash('sha256').update(out).digest('hex') }
}
