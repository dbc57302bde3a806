/**
 * The write layer of backups: recording what a backup run and a restore drill did. The files themselves
 * are written by backup-run.ts and drill.ts (they are not database rows); these commands keep the
 * evidence — the audit entry of every backup written or pruned, and every drill's measured figures — each
 * in one transaction with its audit row. Summaries are PHI-free: file names, sizes, counts, versions.
 */
import { recordAudit } from '@/lib/audit'
import { authorize, type Actor } from '@/lib/auth/actor'
import { Prisma } from '@/lib/db'
import { inTransaction } from '@/lib/tx'
import type { BackupRunResult } from './backup-run'
import type { DrillOutcome } from './drill'
import { schemaVersionOf, totalRows } from './schema'

export async function recordBackup(actor: Actor, run: BackupRunResult): Promise<void> {
  authorize(actor, 'backup:run')
  const m = run.manifest
  await inTransaction(async (tx) => {
    await recordAudit(
      actor,
      {
        action: 'backup.create',
        targetType: 'backup',
        targetId: m.file,
        summary: {
          kind: m.kind,
          bytes: m.bytes,
          sha256: m.sha256,
          schemaVersion: schemaVersionOf(m),
          rows: totalRows(m),
          offsite: m.offsite?.status ?? 'none',
          missedMinutes: run.missed ? Math.round(run.missed.ageMs / 60_000) : null,
        },
      },
      tx,
    )
    const pruned = [...run.pruned.local, ...run.pruned.offsite.map((f) => `offsite:${f}`)]
    if (pruned.length) {
      await recordAudit(actor, { action: 'backup.prune', targetType: 'backup', summary: { local: run.pruned.local, offsite: run.pruned.offsite }, count: pruned.length }, tx)
    }
  })
}

export async function recordRestoreDrill(actor: Actor, trigger: string, drill: DrillOutcome): Promise<{ id: string }> {
  authorize(actor, 'backup:run')
  return inTransaction(async (tx) => {
    const row = await tx.restoreDrill.create({
      data: {
        startedAt: drill.startedAt,
        trigger,
        actorLabel: actor.label,
        ok: drill.ok,
        backupFile: drill.backup?.file ?? null,
        backupKind: drill.backup?.kind ?? null,
        backupCreatedAt: drill.backup?.createdAt ?? null,
        backupAgeSeconds: drill.backupAgeMs === null ? null : Math.round(drill.backupAgeMs / 1000),
        restoreMs: drill.restoreMs,
        totalMs: drill.totalMs,
        schemaVersion: drill.schemaVersion,
        tables: drill.tables,
        rows: drill.rows === null ? null : BigInt(drill.rows),
        auditRows: drill.auditRows,
        error: drill.error,
        checks: drill.checks as unknown as Prisma.InputJsonValue,
      },
      select: { id: true },
    })
    await recordAudit(
      actor,
      {
        action: 'backup.drill',
        targetType: 'backup',
        targetId: drill.backup?.file ?? null,
        summary: {
          drillId: row.id.toString(),
          ok: drill.ok,
          totalMs: drill.totalMs,
          backupAgeSeconds: drill.backupAgeMs === null ? null : Math.round(drill.backupAgeMs / 1000),
          schemaVersion: drill.schemaVersion,
          failed: drill.checks.filter((c) => !c.ok).map((c) => c.name),
        },
      },
      tx,
    )
    return { id: row.id.toString() }
  })
}
