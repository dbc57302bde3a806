/**
 * Job leases in PostgreSQL: one JobLease row per job while a run holds it, so a job never runs twice at
 * once, even with several app instances on one database. Taking a lease is one atomic statement; a crashed
 * holder's lease simply expires and the next run takes it over.
 *
 * After a scheduled run the lease is kept "settled" for a short while instead of being released: every
 * instance fires the same tick within about a second, and the late ones must find the tick already done.
 * A settled lease guards no running work, so a run started by hand (HTTP, admin, CLI) may take it over.
 */
import { randomUUID } from 'node:crypto'
import os from 'node:os'
import { db } from '../db'

export const DEFAULT_LEASE_SECONDS = 300
/** Suffix of the holder of a settled lease (its run has finished). */
export const SETTLED_SUFFIX = ':settled'

/** Identifies this process in JobLease.holder (host and pid help an operator find a stuck holder). */
export const PROCESS_ID = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`

export function newHolder(runTag: string = randomUUID().slice(0, 8)): string {
  return `${PROCESS_ID}:${runTag}`
}

export interface AcquireOptions {
  /** Take over a settled lease (one whose run has finished); scheduled runs must not. */
  overrideSettled?: boolean
}

/**
 * Takes the lease when nobody holds it or the holder's lease has expired. Uses the database clock, so
 * instances with skewed clocks agree. Returns false when another holder's lease is still valid.
 */
export async function acquireLease(
  job: string,
  holder: string,
  seconds: number = DEFAULT_LEASE_SECONDS,
  { overrideSettled = false }: AcquireOptions = {},
): Promise<boolean> {
  const rows = await db.$queryRaw<{ holder: string }[]>`
    INSERT INTO "JobLease" ("job", "holder", "expiresAt")
    VALUES (${job}, ${holder}, now() + make_interval(secs => ${seconds}::int))
    ON CONFLICT ("job") DO UPDATE SET "holder" = EXCLUDED."holder", "expiresAt" = EXCLUDED."expiresAt"
    WHERE "JobLease"."expiresAt" < now()
       OR (${overrideSettled}::boolean AND right("JobLease"."holder", ${SETTLED_SUFFIX.length}::int) = ${SETTLED_SUFFIX})
    RETURNING "holder"`
  return rows.length === 1 && rows[0]!.holder === holder
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
