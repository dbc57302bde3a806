import { env } from './env'
import { logger } from './logger'
import { getPool } from './db'
import { registerCollectedGauge } from './metrics'
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
  registerCollectedGauge('wardroom_db_pool_clients', 'Database connections open in the pool.', () => getPool().totalCount)
  registerCollectedGauge('wardroom_db_pool_idle_clients', 'Idle database connections in the pool.', () => getPool().idleCount)
  registerCollectedGauge('wardroom_db_pool_waiting_requests', 'Queries waiting for a pool connection.', () => getPool().waitingCount)
  if (env.WARDROOM_SCHEDULER) {
    startScheduler()
    logger.info('in-process scheduler started')
  } else {
    logger.info('in-process scheduler is off (WARDROOM_SCHEDULER=off): drive /api/cron/<job> from an external cron')
  }
}
