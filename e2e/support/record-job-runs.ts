/**
 * Records job runs straight into the e2e server's database (its embedded server's socket, or DATABASE_URL),
 * so a spec can show the jobs page a failure it cannot cause on purpose:
 * `node --import tsx e2e/support/record-job-runs.ts '<json>'` with `{ job, runs: [{ status, minutesAgo,
 * error?, result? }] }`. Rows only: the audit trail and metrics are not involved.
 */
import { connectForTool } from '../../scripts/lib/database'

interface RunSpec {
  status: 'ok' | 'failed' | 'skipped'
  minutesAgo: number
  error?: string
  /** Job results are JSON (numbers, strings, nested objects). */
  result?: { [key: string]: string | number | boolean | null | { [key: string]: string | number } }
}

async function main(): Promise<void> {
  const { job, runs } = JSON.parse(process.argv[2] ?? '{}') as { job: string; runs: RunSpec[] }
  const conn = await connectForTool()
  // lib/db reads DATABASE_URL when it is first imported, which connectForTool has just set.
  const { db, closeDb } = await import('../../lib/db')
  try {
    const now = Date.now()
    await db.jobRun.createMany({
      data: runs.map((r) => {
        const startedAt = new Date(now - r.minutesAgo * 60_000)
        return {
          job,
          trigger: 'schedule',
          status: r.status,
          startedAt,
          finishedAt: new Date(startedAt.getTime() + 1200),
          durationMs: 1200,
          error: r.error ?? null,
          ...(r.result ? { result: r.result } : {}),
        }
      }),
    })
  } finally {
    await closeDb()
    await conn.close()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
