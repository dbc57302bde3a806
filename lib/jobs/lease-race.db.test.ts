/**
 * Two instances claiming one job's lease at the same instant (the two-instance test meets this under load):
 * the loser's statement conflicts with a lease committed after its snapshot. It must still skip, and still
 * name the holder, so that an external cron can tell a busy job from a stuck one.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uid } from '@/test/factories'
import { claimLease, releaseLease } from './lease'

const other = new pg.Client({ connectionString: process.env.DATABASE_URL })
beforeAll(() => other.connect())
afterAll(() => other.end())

describe('claimLease racing another instance', () => {
  it('skips and names the holder whose lease committed after the claim began', async () => {
    const job = uid('lease-race')
    // The other instance has inserted its lease and not yet committed.
    await other.query('BEGIN')
    await other.query(`INSERT INTO "JobLease" ("job", "holder", "expiresAt", "takenAt") VALUES ($1, 'instance-a:1:run', now() + interval '60 seconds', now())`, [job])
    // This claim takes its snapshot and waits on the uncommitted row; commit only once it is waiting.
    const claim = claimLease(job, 'instance-b:2:run')
    for (let waiting = false; !waiting; ) {
      await new Promise((r) => setTimeout(r, 20))
      await other.query('SELECT pg_stat_clear_snapshot()') // pg_stat_activity is read once per transaction
      const { rows } = await other.query(
        `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO "JobLease"%' AND pid <> pg_backend_pid()`,
      )
      waiting = rows.length > 0
    }
    await other.query('COMMIT')
    const result = await claim
    expect(result).toMatchObject({ acquired: false, heldBy: 'instance-a:1:run' })
    expect(result.acquired === false && result.since).toBeInstanceOf(Date)
    await releaseLease(job, 'instance-a:1:run')
  })
})
