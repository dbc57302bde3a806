/**
 * Checksums of backup files: SHA-256 of the file as stored, recorded beside it — in the manifest
 * (`<file>.json`, the job's backups) or a `sha256sum`-style line (`<file>.sha256`, `npm run db:backup`) —
 * and checked before anything is restored from it. A file whose checksum does not match is refused.
 */
import { createHash, type Hash } from 'node:crypto'
import { createReadStream, existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { BackupManifest, Sha256Hex } from './schema'

export async function sha256OfFile(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20, signal })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** A hash that is fed as bytes pass by (the writer of a backup hashes what it writes). */
export function runningSha256(): { hash: Hash; update: (chunk: Buffer) => void; hex: () => string } {
  const hash = createHash('sha256')
  return { hash, update: (chunk) => void hash.update(chunk), hex: () => hash.digest('hex') }
}

/** `sha256sum` format: "<64 hex>  <file name>" (two spaces, or " *" for binary mode). */
export function sha256SidecarLine(sha256: string, file: string): string {
  return `${sha256}  ${path.basename(file)}\n`
}

/** The checksum a sha256sum line gives for `file` (matched by base name), or null when it names another file or is not one. */
export function parseSha256Sidecar(text: string, file: string): string | null {
  for (const line of text.split('\n')) {
    const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line.trim())
    if (m && path.basename(m[2]!.trim()) === path.basename(file)) return m[1]!.toLowerCase()
  }
  return null
}

export type ChecksumVerdict =
  | { ok: true; sha256: string; source: string }
  | { ok: false; reason: 'mismatch'; expected: string; actual: string; source: string }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'unreadable'; source: string; detail: string }

/** Pure: the verdict on a file whose SHA-256 is `actual` against the recorded `expected`. */
export function compareChecksum(expected: string, actual: string, source: string): ChecksumVerdict {
  return expected.toLowerCase() === actual.toLowerCase() ? { ok: true, sha256: actual, source } : { ok: false, reason: 'mismatch', expected, actual, source }
}

/** The recorded checksum of a dump file: from its manifest, else its .sha256 line. */
export function recordedChecksum(file: string): { sha256: string; source: string } | { error: string; source: string } | null {
  const manifest = `${file}.json`
  if (existsSync(manifest)) {
    try {
      const parsed = BackupManifest.parse(JSON.parse(readFileSync(manifest, 'utf8')))
      if (parsed.file !== path.basename(file)) return { error: `it describes ${parsed.file}, not this file`, source: manifest }
      return { sha256: parsed.sha256, source: manifest }
    } catch (e) {
      return { error: e instanceof Error ? e.message.split('\n')[0]! : String(e), source: manifest }
    }
  }
  const sidecar = `${file}.sha256`
  if (existsSync(sidecar)) {
    const sha = parseSha256Sidecar(readFileSync(sidecar, 'utf8'), file)
    return sha && Sha256Hex.safeParse(sha).success ? { sha256: sha, source: sidecar } : { error: `no checksum line for ${path.basename(file)}`, source: sidecar }
  }
  return null
}

/** Checks a dump file against its recorded checksum before it is restored. */
export async function verifyDumpChecksum(file: string, signal?: AbortSignal): Promise<ChecksumVerdict> {
  const recorded = recordedChecksum(file)
  if (!recorded) return { ok: false, reason: 'missing' }
  if ('error' in recorded) return { ok: false, reason: 'unreadable', source: recorded.source, detail: recorded.error }
  return compareChecksum(recorded.sha256, await sha256OfFile(file, signal), recorded.source)
}

/** The verdict in one sentence, for the CLI and the drill's record. */
export function describeVerdict(v: ChecksumVerdict): string {
  if (v.ok) return `checksum verified (SHA-256 ${v.sha256.slice(0, 12)}…, from ${path.basename(v.source)})`
  switch (v.reason) {
    case 'mismatch':
      return `checksum mismatch: ${path.basename(v.source)} records ${v.expected.slice(0, 12)}…, the file has ${v.actual.slice(0, 12)}… (damaged or altered)`
    case 'missing':
      return 'no checksum is recorded beside the file (<file>.json or <file>.sha256)'
    case 'unreadable':
      return `the checksum record ${path.basename(v.source)} cannot be read: ${v.detail}`
  }
}
