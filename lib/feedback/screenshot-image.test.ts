/**
 * Screenshot checks and metadata stripping, with worked examples: the data URL's form, type and size; the
 * magic bytes against the declared type; and re-encoding that drops PNG text chunks, JPEG comments and EXIF
 * (each example hides a made-up patient identifier in the metadata and checks it is gone).
 */
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { base64DecodedLength, parseScreenshotDataUrl, reencodeScreenshot, sniffImageType } from './screenshot-image'

const SECRET = 'Patient Jane Doe MRN 4711042'

function crc32(bytes: Buffer): number {
  let c = ~0
  for (const b of bytes) {
    c ^= b
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1))
  }
  return ~c >>> 0
}

/** A PNG with a tEXt chunk (keyword "Comment") inserted after IHDR. */
async function pngWithText(): Promise<Buffer> {
  const png = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#336699' } }).png().toBuffer()
  const data = Buffer.concat([Buffer.from('Comment\0', 'latin1'), Buffer.from(SECRET, 'latin1')])
  const typeAndData = Buffer.concat([Buffer.from('tEXt', 'latin1'), data])
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typeAndData))
  const ihdrEnd = 8 + 4 + 4 + 13 + 4
  return Buffer.concat([png.subarray(0, ihdrEnd), len, typeAndData, crc, png.subarray(ihdrEnd)])
}

/** A JPEG with EXIF (ImageDescription) and a COM segment, both naming the made-up patient. */
async function jpegWithExifAndComment(): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#993366' } })
    .jpeg()
    .withExif({ IFD0: { ImageDescription: SECRET } })
    .toBuffer()
  const text = Buffer.from(SECRET, 'latin1')
  const com = Buffer.concat([Buffer.from([0xff, 0xfe, 0, text.length + 2]), text])
  return Buffer.concat([jpeg.subarray(0, 2), com, jpeg.subarray(2)])
}

const dataUrl = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString('base64')}`

describe('sniffImageType', () => {
  it.each([
    ['PNG signature', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0], 'image/png'],
    ['JPEG SOI + marker', [0xff, 0xd8, 0xff, 0xe0], 'image/jpeg'],
    ['GIF89a', [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], null],
    ['a truncated PNG signature', [0x89, 0x50, 0x4e, 0x47], null],
    ['nothing', [], null],
  ])('%s → %s', (_, bytes, type) => {
    expect(sniffImageType(Uint8Array.from(bytes as number[]))).toBe(type)
  })
})

describe('base64DecodedLength', () => {
  it.each([
    ['AAAA', 3],
    ['AAA=', 2],
    ['AA==', 1],
    ['AAAAAAAA', 6],
  ])('%s decodes to %i bytes', (b64, n) => {
    expect(base64DecodedLength(b64)).toBe(n)
    expect(Buffer.from(b64, 'base64')).toHaveLength(n)
  })
})

describe('parseScreenshotDataUrl', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2, 3])

  it('accepts a PNG and a JPEG whose bytes are what they say (image/jpg read as image/jpeg)', () => {
    expect(parseScreenshotDataUrl(dataUrl('image/png', png))).toMatchObject({ ok: true, type: 'image/png', bytes: png })
    expect(parseScreenshotDataUrl(dataUrl('image/jpeg', jpeg))).toMatchObject({ ok: true, type: 'image/jpeg' })
    expect(parseScreenshotDataUrl(dataUrl('image/jpg', jpeg))).toMatchObject({ ok: true, type: 'image/jpeg' })
  })

  it.each([
    ['not a data URL', 'https://ehr.example.org/shot.png', 'malformed'],
    ['not base64', 'data:image/png;base64,@@@@', 'malformed'],
    ['empty', 'data:image/png;base64,', 'malformed'],
    ['URL-encoded, not base64', 'data:image/png,%89PNG', 'malformed'],
    ['a GIF', `data:image/gif;base64,${Buffer.from('GIF89a....').toString('base64')}`, 'type'],
    ['SVG (could carry script)', `data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}`, 'type'],
    ['JPEG bytes labelled PNG', dataUrl('image/png', jpeg), 'type'],
    ['HTML labelled JPEG', dataUrl('image/jpeg', Buffer.from('<html><script>alert(1)</script>')), 'type'],
  ])('%s → %s', (_, value, reason) => {
    expect(parseScreenshotDataUrl(value)).toMatchObject({ ok: false, reason })
  })

  it('refuses more than the limit before decoding: 12 bytes against a 10-byte limit', () => {
    const r = parseScreenshotDataUrl(dataUrl('image/png', png), 10)
    expect(r).toMatchObject({ ok: false, reason: 'too_large' })
    expect(parseScreenshotDataUrl(dataUrl('image/png', png), 12)).toMatchObject({ ok: true })
  })
})

describe('reencodeScreenshot', () => {
  it('drops a PNG text chunk and keeps the pixels', async () => {
    const input = await pngWithText()
    expect(input.includes(SECRET)).toBe(true)
    expect((await sharp(input).metadata()).comments).toEqual([{ keyword: 'Comment', text: SECRET }])
    const out = await reencodeScreenshot({ type: 'image/png', bytes: input })
    expect(out.type).toBe('image/png')
    expect(sniffImageType(out.bytes)).toBe('image/png')
    expect(out.bytes.includes(SECRET)).toBe(false)
    expect(out.bytes.includes('tEXt')).toBe(false)
    const meta = await sharp(out.bytes).metadata()
    expect([meta.width, meta.height, meta.comments]).toEqual([8, 6, undefined])
    expect(out.sizeBytes).toBe(out.bytes.length)
    expect(out.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('drops a JPEG comment and its EXIF', async () => {
    const input = await jpegWithExifAndComment()
    expect(input.includes(SECRET)).toBe(true)
    expect((await sharp(input).metadata()).exif).toBeDefined()
    const out = await reencodeScreenshot({ type: 'image/jpeg', bytes: input })
    expect(sniffImageType(out.bytes)).toBe('image/jpeg')
    expect(out.bytes.includes(SECRET)).toBe(false)
    const meta = await sharp(out.bytes).metadata()
    expect([meta.width, meta.height, meta.exif, meta.comments]).toEqual([8, 6, undefined, undefined])
  })

  it('refuses bytes that start like a PNG but are not one', async () => {
    const fake = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('not really an image')])
    await expect(reencodeScreenshot({ type: 'image/png', bytes: fake })).rejects.toThrow('undecodable')
  })
})
