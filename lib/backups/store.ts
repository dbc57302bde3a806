/**
 * The local backup directory: `<name>.sql.gz` files, each with its manifest `<name>.sql.gz.json`. The
 * manifest is written last (atomically), so a listing holds only finished backups; leftovers of a run that
 * died mid-way (`*.partial`) are removed by the next prune. Files are readable by their owner only: a dump
 * holds password and API-key hashes.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { BackupFileName, BackupManifest, type BackupKind } from './schema'

export const PARTIAL_SUFFIX = '.partial'
const MANIFEST_SUFFIX = '.json'
const DAY_MS = 86_400_000

/** wardroom-2026-12-06T02-00-00-123Z-daily.sql.gz */
export function backupFileName(snapshotAt: Date, kind: BackupKind): string {
  return `wardroom-${snapshotAt.toISOString().replace(/[:.]/g, '-')}-${kind}.sql.gz`
}

/** The snapshot time and kind a backup's file name records, or null for any other name. */
export function parseBackupFileName(file: string): { createdAt: Date; kind: BackupKind } | null {
  const m = /^wardroom-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-(weekly|daily|hourly)\.sql\.gz$/.exec(file)
  if (!m) return null
  const createdAt = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`)
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, kind: m[6] as BackupKind }
}

export function ensureBackupDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
}

export interface ListedBackup {
  manifest: BackupManifest
  createdAt: Date
  /** Absolute path of the dump. */
  path: string
}

export interface Listing {
  /** Newest first. */
  backups: ListedBackup[]
  /** Manifests that could not be read, or whose dump is gone, by file name. */
  problems: { file: string; problem: string }[]
}

export function listBackups(dir: string): Listing {
  if (!existsSync(dir)) return { backups: [], problems: [] }
  const backups: ListedBackup[] = []
  const problems: Listing['problems'] = []
  for (const entry of readdirSync(dir)) {
    if (!entry.endsWith(`.sql.gz${MANIFEST_SUFFIX}`)) continue
    const dump = entry.slice(0, -MANIFEST_SUFFIX.length)
    if (!BackupFileName.safeParse(dump).success) continue
    try {
      const manifest = BackupManifest.parse(JSON.parse(readFileSync(path.join(dir, entry), 'utf8')))
      if (manifest.file !== dump) throw new Error(`it names ${manifest.file}`)
      if (!existsSync(path.join(dir, dump))) throw new Error('the dump file is missing')
      backups.push({ manifest, createdAt: new Date(manifest.createdAt), path: path.join(dir, dump) })
    } catch (e) {
      problems.push({ file: dump, problem: e instanceof Error ? e.message.split('\n')[0]! : String(e) })
    }
  }
  backups.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.manifest.file.localeCompare(a.manifest.file))
  return { backups, problems }
}

/** Writes (or rewrites) a manifest atomically: a reader sees the old one or the new one, never half. */
export function writeManifest(dir: string, manifest: BackupManifest): void {
  const target = path.join(dir, `${BackupFileName.parse(manifest.file)}${MANIFEST_SUFFIX}`)
  const tmp = `${target}${PARTIAL_SUFFIX}`
  writeFileSync(tmp, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 })
  renameSync(tmp, target)
}

/** Removes a backup: the manifest first, so a half-removed backup is an unlisted file, never a listed one without its dump. */
export function deleteBackup(dir: string, file: string): void {
  const name = BackupFileName.parse(file)
  rmSync(path.join(dir, `${name}${MANIFEST_SUFFIX}`), { force: true })
  rmSync(path.join(dir, name), { force: true })
}

/** Leftovers of runs that died mid-write, older than a day (a run in progress is never that old). */
export function removeStalePartials(dir: string, now: Date): string[] {
  if (!existsSync(dir)) return []
  const removed: string[] = []
  for (const entry of readdirSync(dir)) {
    if (!entry.startsWith('wardroom-') || !entry.endsWith(PARTIAL_SUFFIX)) continue
    const file = path.join(dir, entry)
    if (now.getTime() - statSync(file).mtimeMs > DAY_MS) {
      rmSync(file, { force: true })
      removed.push(entry)
    }
  }
  return removed
}
