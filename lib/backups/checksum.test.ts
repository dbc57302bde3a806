import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { compareChecksum, describeVerdict, parseSha256Sidecar, sha256OfFile, sha256SidecarLine, verifyDumpChecksum } from './checksum'
import { MANIFEST_FORMAT, type BackupManifest } from './schema'

// SHA-256 of the three bytes "abc" (FIPS 180-2, appendix B.1).
const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
const dir = mkdtempSync(path.join(os.tmpdir(), 'wardroom-checksum-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const manifestFor = (file: string, sha256: string): BackupManifest => ({
  format: MANIFEST_FORMAT,
  file,
  kind: 'hourly',
  createdAt: '2026-12-09T14:00:00.000Z',
  sha256,
  bytes: 3,
  sqlBytes: 3,
  durationMs: 1,
  wardroomVersion: '0.1.0',
  migrations: ['20261125045657_init'],
  tables: [{ table: 'User', rows: 1 }],
})

describe('checksums', () => {
  it('hashes a file with SHA-256 (the FIPS "abc" example)', async () => {
    const file = path.join(dir, 'abc.sql')
    writeFileSync(file, 'abc')
    expect(await sha256OfFile(file)).toBe(ABC)
  })

  it('writes and reads sha256sum lines, by base name, in text and binary mode', () => {
    const line = sha256SidecarLine(ABC, '/backups/wardroom-x.sql')
    expect(line).toBe(`${ABC}  wardroom-x.sql\n`)
    expect(parseSha256Sidecar(line, 'elsewhere/wardroom-x.sql')).toBe(ABC)
    expect(parseSha256Sidecar(`${ABC.toUpperCase()} *wardroom-x.sql`, 'wardroom-x.sql')).toBe(ABC)
    expect(parseSha256Sidecar(line, 'other.sql')).toBeNull()
    expect(parseSha256Sidecar('not a checksum line', 'wardroom-x.sql')).toBeNull()
  })

  it('compares case-insensitively and names both sides of a mismatch', () => {
    expect(compareChecksum(ABC.toUpperCase(), ABC, 'm.json')).toEqual({ ok: true, sha256: ABC, source: 'm.json' })
    const bad = compareChecksum('0'.repeat(64), ABC, 'm.json')
    expect(bad).toEqual({ ok: false, reason: 'mismatch', expected: '0'.repeat(64), actual: ABC, source: 'm.json' })
    expect(describeVerdict(bad)).toMatch(/^checksum mismatch: m\.json records 000000000000…, the file has ba7816bf8f01…/)
  })

  it('verifies a dump against its manifest, refuses one altered afterwards, and reports a missing record', async () => {
    const name = 'wardroom-2026-12-09T14-00-00-000Z-hourly.sql.gz'
    const file = path.join(dir, name)
    writeFileSync(file, 'abc')
    writeFileSync(`${file}.json`, JSON.stringify(manifestFor(name, ABC)))
    expect(await verifyDumpChecksum(file)).toMatchObject({ ok: true, sha256: ABC })
    writeFileSync(file, 'abd')
    expect(await verifyDumpChecksum(file)).toMatchObject({ ok: false, reason: 'mismatch', expected: ABC })

    const plain = path.join(dir, 'plain.sql')
    writeFileSync(plain, 'abc')
    expect(await verifyDumpChecksum(plain)).toEqual({ ok: false, reason: 'missing' })
    writeFileSync(`${plain}.sha256`, sha256SidecarLine(ABC, plain))
    expect(await verifyDumpChecksum(plain)).toMatchObject({ ok: true })
  })

  it('treats an unreadable record as a failure, not as a missing one', async () => {
    const name = 'wardroom-2026-12-09T15-00-00-000Z-hourly.sql.gz'
    const file = path.join(dir, name)
    writeFileSync(file, 'abc')
    writeFileSync(`${file}.json`, '{"format":"something else"}')
    const v = await verifyDumpChecksum(file)
    expect(v).toMatchObject({ ok: false, reason: 'unreadable' })
    // A manifest that describes another file does not vouch for this one.
    writeFileSync(`${file}.json`, JSON.stringify(manifestFor('wardroom-2026-12-09T14-00-00-000Z-hourly.sql.gz', ABC)))
    expect(await verifyDumpChecksum(file)).toMatchObject({ ok: false, reason: 'unreadable' })
  })
})
