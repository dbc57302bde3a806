/**
 * The composition root of a server process, called once from instrumentation.ts: watches the supervisor of
 * the embedded database (stops this server when it is gone), then starts the in-process job scheduler
 * unless WARDROOM_SCHEDULER=off. Not a kernel file: it wires areas (lib/jobs) together, and nothing in lib
 * imports it.
 */
import { env } from '@/lib/env'
import { logger } from '@/lib/logger'
import { startScheduler } from '@/lib/jobs/scheduler'

export async function startServerRuntime(): Promise<void> {
  const supervisor = Number(process.env.WARDROOM_SUPERVISOR_PID)
  if (supervisor) {
    // Without its supervisor the embedded database is gone: exit rather than serve 503s forever.
    setInterval(() => {
      try {
        process.kill(supervisor, 0)
      } catch {
        logger.error('supervisor process is gone; stopping')
        process.exit(1)
      }
    }, 2_000).unref()
  }
  if (env.WARDROOM_SCHEDULER) {
    startScheduler()
    logger.info('in-process scheduler started')
  } else {
    logger.info('in-process scheduler is off (WARDROOM_SCHEDULER=off): drive /api/cron/<job> from an external cron')
  }
}
