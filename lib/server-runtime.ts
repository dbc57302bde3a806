import { env } from './env'
import { logger } from './logger'
import { startScheduler } from './jobs/scheduler'

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
