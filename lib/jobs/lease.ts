/**
 * Job leases in PostgreSQL: one JobLease row per job while a run holds it, so a job never runs twice at
 * once, even with several app instances on one database. Taking a lease is one atomic statement.
 *
 * Leases are short (60 s by default) and the runner renews them while the run goes on (a heartbeat every
 * third of the lease). A holder that dies or hangs stops renewing, so its lease expires and whichever
 * process asks next takes the job over; a holder whose lease was taken over learns it at its next renewal
 * and aborts its run. Times come from the database clock, so instances with skewed clocks agree.
 *
 * After a scheduled run the lease is kept "settled" for a short while instead of being released: every
 * instance fires the same tick within about a second, and the late ones must find the tick already done.
 * A settled lease guards no running work, so a run started by hand (HTTP, admin, CLI) may take it over.
 */
import { randomUUID } from 'node:crypto'
import os from 'node:os'
import { db } from '../db'

export const DEFAULT_LEASE_SECONDS = 60
/** Suffix of the holder of a settled lease (its run has finished). */
export const SETTLED_SUFFIX = ':settled'

/** Identifies this process in JobLease.holder (host and pid help an operator find a stuck holder). */
export const PROCESS_ID = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`

export function newHolder(runTag: string = randomUUID().slice(0, 8)): string {
  return `${PROCESS_ID}:${runTag}`
}

/** How often a running holder renews its lease: three chances before it would expire. */
export function renewEveryMs(leaseSeconds: number): number {
  return Math.max(100, Math.floor((leaseSeconds * 1000) / 3))
}

export interface AcquireOptions {
  /** Take over a settled lease (one whose run has finished); scheduled runs must not. */
  overrideSettled?: boolean
}

/** The outcome of asking for a lease: taken, or who holds it and since when. */
export type LeaseClaim =
  | { acquired: true }
  /** heldBy and since are null only when the holder let go between the attempt and the read (rare). */
  | { acquired: false; heldBy: string | null; since: Date | null }

/**
 * Takes the lease when nobody holds it or the holder's lease has expired; otherwise answers who holds it
 * and since when, read in the same statement.
 */
export async function claimLease(
  job: string,
  holder: string,
  seconds: number = DEFAULT_LEASE_SECONDS,
  { overrideSettled = false }: AcquireOptions = {},
): Promise<LeaseClaim> {
  const rows = await db.$queryRaw<{ holder: string; takenAt: Date; acquired: boolean }[]>`
    WITH taken AS (
      INSERT INTO "JobLease" ("job", "holder", "expiresAt", "takenAt")
      VALUES (${job}, ${holder}, now() + make_interval(secs => ${seconds}::double precision), now())
      ON CONFLICT ("job") DO UPDATE SET "holder" = EXCLUDED."holder", "expiresAt" = EXCLUDED."expiresAt", "takenAt" = EXCLUDED."takenAt"
      WHERE "JobLease"."expiresAt" < now()
         OR (${overrideSettled}::boolean AND right("JobLease"."holder", ${SETTLED_SUFFIX.length}::int) = ${SETTLED_SUFFIX})
      RETURNING "holder", "takenAt"
    )
    SELECT "holder", "takenAt", true AS "acquired" FROM taken
    UNION ALL
    SELECT "holder", "takenAt", false AS "acquired" FROM "JobLease"
    WHERE "job" = ${job} AND NOT EXISTS (SELECT 1 FROM taken)`
  const row = rows[0]
  if (row?.acquired && row.holder === holder) return { acquired: true }
  if (row) return { acquired: false, heldBy: row.holder, since: row.takenAt }
  // Two instances claiming at the same instant: the other's lease was committed after this statement's
  // snapshot, so the INSERT conflicted with it but the SELECT could not see it. A new statement can.
  const held = await db.jobLease.findUnique({ where: { job }, select: { holder: true, takenAt: true } })
  return { acquired: false, heldBy: held?.holder ?? null, since: held?.takenAt ?? null }
}

/** Like claimLease, answering only whether the lease was taken. */
export async function acquireLease(job: string, holder: string, seconds: number = DEFAULT_LEASE_SECONDS, options: AcquireOptions = {}): Promise<boolean> {
  return (await claimLease(job, holder, seconds, options)).acquired
}

/**
 * Extends this holder's lease by `seconds` from now (database clock). False when the lease is no longer
 * this holder's: it expired and another process took the job over.
 */
export async function renewLease(job: string, holder: string, seconds: number = DEFAULT_LEASE_SECONDS): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE "JobLease" SET "expiresAt" = now() + make_interval(secs => ${seconds}::double precision)
    WHERE "job" = ${job} AND "holder" = ${holder}`
  return count === 1
}

/** Releases the lease only if this holder still has it (an expired lease may have been taken over). */
export async function releaseLease(job: string, holder: string): Promise<void> {
  await db.jobLease.deleteMany({ where: { job, holder } })
}

/** Keeps a finished run's lease until `until` (marked settled), or releases it when that has passed. */
export async function settleLease(job: string, holder: string, until: Date): Promise<void> {
  if (until.getTime() <= Date.now()) return releaseLease(job, holder)
  await db.jobLease.updateMany({ where: { job, holder }, data: { holder: `${holder}${SETTLED_SUFFIX}`, expiresAt: until } })
}
