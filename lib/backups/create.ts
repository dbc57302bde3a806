/**
 * Writes one backup: the plain SQL dump of lib/admin/backup.ts (one REPEATABLE READ snapshot, the schema
 * as its applied migrations, then the rows), gzip-compressed, hashed with SHA-256 as it is written, fsynced,
 * renamed into place, and then its manifest. Works on the embedded server and on any PostgreSQL (no
 * pg_dump: the embedded packages ship none, and a Debian client older than the server refuses it).
 */
import { once } from 'node:events'
import { createWriteStream, rmSync, renameSync } from 'node:fs'
import { open } from 'node:fs/promises'
import path from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import type pg from 'pg'
import { dumpDatabase } from '@/lib/admin/backup'
import { WARDROOM_VERSION } from '@/lib/version'
import { runningSha256 } from './checksum'
import { MANIFEST_FORMAT, type BackupKind, type BackupManifest } from './schema'
import { backupFileName, ensureBackupDir, PARTIAL_SUFFIX, writeManifest } from './store'

export interface CreateBackupOptions {
  dir: string
  kind: BackupKind
  signal?: AbortSignal
  log?: (message: string) => void
  /** The snapshot's time for the file name (tests); default now. */
  now?: Date
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

export async function createBackup(client: pg.ClientBase, opts: CreateBackupOptions): Promise<BackupManifest> {
  ensureBackupDir(opts.dir)
  const started = performance.now()
  const snapshotAt = opts.now ?? new Date()
  const file = backupFileName(snapshotAt, opts.kind)
  const target = path.join(opts.dir, file)
  const partial = `${target}${PARTIAL_SUFFIX}`
  const sha = runningSha256()
  let bytes = 0
  let sqlBytes = 0
  const gzip = createGzip({ level: 6 })
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sha.update(chunk)
      bytes += chunk.length
      done(null, chunk)
    },
  })
  const written = pipeline(gzip, hashing, createWriteStream(partial, { mode: 0o600 }))
  // A failure of the file side shows at the next write; keep it from being unhandled meanwhile.
  written.catch(() => undefined)
  try {
    const dump = await dumpDatabase(
      client,
      {
        async write(chunk) {
          opts.signal?.throwIfAborted()
          sqlBytes += Buffer.byteLength(chunk)
          if (!gzip.write(chunk)) await Promise.race([once(gzip, 'drain'), written])
        },
      },
      { log: opts.log, now: snapshotAt },
    )
    gzip.end()
    await written
    await fsyncFile(partial)
    renameSync(partial, target)
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      file,
      kind: opts.kind,
      createdAt: snapshotAt.toISOString(),
      sha256: sha.hex(),
      bytes,
      sqlBytes,
      durationMs: Math.round(performance.now() - started),
      wardroomVersion: WARDROOM_VERSION,
      migrations: dump.migrations,
      tables: dump.tables,
    }
    writeManifest(opts.dir, manifest)
    return manifest
  } catch (err) {
    gzip.destroy()
    await written.catch(() => undefined)
    rmSync(partial, { force: true })
    rmSync(target, { force: true })
    throw err
  }
}
