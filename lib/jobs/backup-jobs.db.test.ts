/**
 * The db-backup and restore-drill jobs through the runner, as the scheduler, the cron route and Admin →
 * Backups run them: backup → drill → recorded evidence and audit, and the incidents a failed backup, a failed
 * drill and a missed backup open.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeEach, describe, expect, inject, it, vi } from 'vitest'
import { db } from '@/lib/db'
import { createBackup } from '@/lib/backups/create'
import { listBackups } from '@/lib/backups/store'
import { createUser } from '@/test/factories'
import { signInAs, signOut } from '@/test/session-state'
import { actorOfUser } from '@/lib/auth/actor'
import { runRestoreDrillNow } from './actions'
import { BACKUP_MISSED_KEY } from './backup-incidents'
import { jobIncidentKey } from './failure-incident'
import { runJob } from './runner'

vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }))
// As `npm start` sets it: on the embedded server the wardroom_drill role, on PostgreSQL the test's own URL.
process.env.WARDROOM_BACKUP_DRILL_URL = inject('drillDatabaseUrl')

const roots: string[] = []
const useBackupDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wardroom-jobs-backup-'))
  roots.push(dir)
  process.env.WARDROOM_BACKUP_DIR = dir
  return dir
}
const openIncidents = (dedupKey: string) => db.incident.findMany({ where: { dedupKey, status: { not: 'resolved' } }, select: { id: true, severity: true, title: true } })
/** Incidents of earlier tests are resolved so each test sees its own. */
const resolveAll = (dedupKey: string) => db.incident.updateMany({ where: { dedupKey, status: { not: 'resolved' } }, data: { status: 'resolved', resolvedAt: new Date() } })

beforeEach(async () => {
  for (const key of [jobIncidentKey('db-backup'), jobIncidentKey('restore-drill'), BACKUP_MISSED_KEY]) await resolveAll(key)
})
afterAll(() => {
  signOut()
  delete process.env.WARDROOM_BACKUP_DIR
  delete process.env.WARDROOM_BACKUP_DRILL_URL
  for (const dir of roots) rmSync(dir, { recursive: true, force: true })
})

describe('db-backup and restore-drill', () => {
  it('backs up, drills the backup, and records both as evidence in the audit trail and the drill history', async () => {
    const dir = useBackupDir()
    const admin = await createUser('admin')
    const backup = await runJob('db-backup', 'manual', { actor: actorOfUser(admin) })
    expect(backup).toMatchObject({ status: 'ok', result: { kind: 'weekly', offsite: 'none', pruned: 0 } })
    const file = listBackups(dir).backups[0]!.manifest.file
    expect(backup.result?.file).toBe(file)
    expect(await db.auditLog.findFirst({ where: { action: 'backup.create', targetId: file } })).toMatchObject({ actorId: admin.id, summary: { kind: 'weekly', offsite: 'none' } })

    const drill = await runJob('restore-drill', 'schedule')
    expect(drill).toMatchObject({ status: 'ok', result: { ok: true, backup: file } })
    const record = await db.restoreDrill.findUniqueOrThrow({ where: { id: BigInt(drill.result!.drillId as string) } })
    expect(record).toMatchObject({ ok: true, trigger: 'schedule', actorLabel: 'restore-drill', backupFile: file, backupKind: 'weekly', error: null })
    expect(record.totalMs).toBeGreaterThan(0)
    expect(record.backupAgeSeconds).toBeGreaterThanOrEqual(0)
    expect(record.checks).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'audit-chain', ok: true })]))
    expect(await db.auditLog.findFirst({ where: { action: 'backup.drill', targetId: file } })).toMatchObject({ actorType: 'system', summary: { ok: true, drillId: record.id.toString() } })
    expect(await openIncidents(jobIncidentKey('restore-drill'))).toEqual([])
  })

  it('drills nothing, records nothing and raises nothing on a new install whose first backup is not due yet', async () => {
    useBackupDir()
    const before = await db.restoreDrill.count()
    // The test database was migrated moments ago: younger than the RPO.
    const run = await runJob('restore-drill', 'schedule')
    expect(run).toMatchObject({ status: 'ok', result: { drilled: false, reason: expect.stringMatching(/^no backup yet/) } })
    expect(await db.restoreDrill.count()).toBe(before)
    expect(await openIncidents(jobIncidentKey('restore-drill'))).toEqual([])
  })

  it('opens a high incident at once for a failed drill, and the next passing drill resolves it', async () => {
    const dir = useBackupDir()
    expect((await runJob('db-backup', 'schedule')).status).toBe('ok')
    const dump = listBackups(dir).backups[0]!.path
    const bytes = readFileSync(dump)
    writeFileSync(dump, bytes.subarray(0, bytes.length - 10))

    const failed = await runJob('restore-drill', 'schedule')
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringMatching(/^Restore drill failed at checksum: checksum mismatch/) })
    const [incident] = await openIncidents(jobIncidentKey('restore-drill'))
    expect(incident).toMatchObject({ severity: 'high', title: expect.stringMatching(/^Restore drill failed: checksum: checksum mismatch/) })
    expect(await db.restoreDrill.findUniqueOrThrow({ where: { id: BigInt(failed.result!.drillId as string) } })).toMatchObject({ ok: false, restoreMs: null })

    writeFileSync(dump, bytes)
    expect((await runJob('restore-drill', 'schedule')).status).toBe('ok')
    expect(await openIncidents(jobIncidentKey('restore-drill'))).toEqual([])
  })

  it('opens a high incident at once for a failed backup', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wardroom-jobs-backup-'))
    roots.push(dir)
    // A file where the backup directory should be: the backup cannot be written.
    process.env.WARDROOM_BACKUP_DIR = path.join(dir, 'not-a-directory')
    writeFileSync(process.env.WARDROOM_BACKUP_DIR, 'x')
    const run = await runJob('db-backup', 'schedule')
    expect(run).toMatchObject({ status: 'failed', error: expect.stringMatching(/EEXIST|ENOTDIR/) })
    expect(await openIncidents(jobIncidentKey('db-backup'))).toEqual([expect.objectContaining({ severity: 'high', title: expect.stringMatching(/^Backup failed: /) })])

    useBackupDir()
    expect((await runJob('db-backup', 'schedule')).status).toBe('ok')
    expect(await openIncidents(jobIncidentKey('db-backup'))).toEqual([])
  })

  it('opens a "backups missed" incident when the previous backup is older than the RPO allows', async () => {
    const dir = useBackupDir()
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await client.connect()
    try {
      await createBackup(client, { dir, kind: 'hourly', now: new Date(Date.now() - 3 * 3_600_000) })
    } finally {
      await client.end()
    }
    const run = await runJob('db-backup', 'schedule')
    expect(run.status).toBe('ok')
    expect(run.result?.missedMinutes).toBeGreaterThanOrEqual(179)
    expect(await openIncidents(BACKUP_MISSED_KEY)).toEqual([
      expect.objectContaining({ severity: 'high', title: expect.stringMatching(/^Backups missed: the newest backup was 3 h( \d+ min)? old, over the recovery point objective of 1 h$/) }),
    ])
  })
})

describe('runRestoreDrillNow (Admin → Backups)', () => {
  it('runs a drill for an administrator, recorded and audited as theirs', async () => {
    useBackupDir()
    expect((await runJob('db-backup', 'schedule')).status).toBe('ok')
    const admin = await createUser('admin')
    signInAs(admin)
    const state = await runRestoreDrillNow({})
    expect(state).toMatchObject({ ok: true, data: { status: 'ok' }, message: expect.stringMatching(/^Restore drill passed: the newest backup was restored and verified in /) })
    const record = await db.restoreDrill.findFirstOrThrow({ where: { actorLabel: admin.email }, orderBy: { id: 'desc' } })
    expect(record).toMatchObject({ ok: true, trigger: 'manual' })
    expect(await db.auditLog.findFirst({ where: { action: 'backup.drill', actorId: admin.id } })).toMatchObject({ summary: { ok: true } })
    expect(await db.auditLog.findFirst({ where: { action: 'job.run', targetId: 'restore-drill', actorId: admin.id } })).toMatchObject({ summary: { status: 'ok' } })
  })

  it('refuses operations, who may watch backups but not run drills, and input it does not take', async () => {
    signInAs(await createUser('ops'))
    expect(await runRestoreDrillNow({})).toMatchObject({ ok: false, status: 403 })
    signInAs(await createUser('admin'))
    expect(await runRestoreDrillNow({ backup: '../../etc/passwd' })).toMatchObject({ ok: false, status: 422 })
    signOut()
    expect(await runRestoreDrillNow({})).toMatchObject({ ok: false, status: 401 })
  })
})
