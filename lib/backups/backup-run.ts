/**
 * One run of the backup: choose the kind (schedule.ts), note a missed backup (objectives.ts), write the
 * backup (create.ts), copy it offsite (offsite.ts), prune by retention (retention.ts). What it did comes
 * back as one summary; recording it (audit) and raising incidents are the caller's (lib/jobs/db-backup.ts).
 */
import type pg from 'pg'
import type { BackupConfig } from './config'
import { createBackup } from './create'
import { missedBackup } from './objectives'
import { openOffsiteTarget } from './offsite'
import { chooseBackupsToPrune } from './retention'
import { selectBackupKind, type NewestByKind } from './schedule'
import { type BackupManifest, type OffsiteCopy } from './schema'
import { deleteBackup, listBackups, parseBackupFileName, removeStalePartials, writeManifest } from './store'
import { safeErrorText } from './error-text'

export interface BackupRunResult {
  manifest: BackupManifest
  /** The newest backup before this one was older than the RPO allows: backups were missed. */
  missed: { previousAt: Date; ageMs: number } | null
  offsite: OffsiteCopy | null
  pruned: { local: string[]; offsite: string[]; partials: string[] }
  /** Pruning offsite failed (the backup itself is fine). */
  pruneError: string | null
}

export interface BackupRunOptions {
  config: BackupConfig
  now: Date
  timeZone: string
  signal?: AbortSignal
  log?: (message: string) => void
}

export async function runBackup(client: pg.ClientBase, opts: BackupRunOptions): Promise<BackupRunResult> {
  const { config, now } = opts
  const before = listBackups(config.dir).backups
  const newest: NewestByKind = {}
  for (const b of before) newest[b.manifest.kind] ??= b.createdAt
  const kind = selectBackupKind(now, opts.timeZone, newest)
  const previous = before[0]?.createdAt ?? null
  const gap = missedBackup(previous, now, config.rpoMs)

  const manifest = await createBackup(client, { dir: config.dir, kind, signal: opts.signal, log: opts.log, now })
  opts.signal?.throwIfAborted()

  let offsite: OffsiteCopy | null = null
  const target = await openOffsiteTarget(config.offsite)
  if (target) {
    try {
      await target.put(`${config.dir}/${manifest.file}`, manifest)
      offsite = { target: target.description, status: 'copied', at: new Date().toISOString() }
    } catch (e) {
      offsite = { target: target.description, status: 'failed', at: new Date().toISOString(), error: safeErrorText(e) }
    }
    writeManifest(config.dir, { ...manifest, offsite })
  }

  const listed = listBackups(config.dir).backups.map((b) => ({ file: b.manifest.file, kind: b.manifest.kind, createdAt: b.createdAt }))
  const local = chooseBackupsToPrune(listed, now, config).map((b) => b.file)
  for (const file of local) deleteBackup(config.dir, file)
  const partials = removeStalePartials(config.dir, now)
  const pruned = { local, offsite: [] as string[], partials }
  let pruneError: string | null = null
  if (target && config.offsiteRetentionDays && offsite?.status === 'copied') {
    try {
      const days = config.offsiteRetentionDays
      const remote = (await target.list()).flatMap((file) => {
        const parsed = parseBackupFileName(file)
        return parsed ? [{ file, ...parsed }] : []
      })
      for (const b of chooseBackupsToPrune(remote, now, { retentionDays: days, hourlyRetentionHours: days * 24 })) {
        await target.remove(b.file)
        pruned.offsite.push(b.file)
      }
    } catch (e) {
      pruneError = `offsite pruning failed: ${safeErrorText(e)}`
    }
  }
  return { manifest: offsite ? { ...manifest, offsite } : manifest, missed: gap && previous ? { previousAt: previous, ageMs: gap.ageMs } : null, offsite, pruned, pruneError }
}
