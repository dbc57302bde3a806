/** Writes the notification as one structured log line (pino); useful for demos and log-shipping setups. */
import { logger } from '@/lib/logger'
import { headline, type NotificationMessage } from '../payload'
import type { ChannelSend } from './types'

export function consoleRecord(message: NotificationMessage): { msg: string; notification: NotificationMessage } {
  return { msg: headline(message), notification: message }
}

export const send: ChannelSend<Record<string, never>, Record<string, never>> = async (message) => {
  const { msg, notification } = consoleRecord(message)
  logger.info({ notification }, msg)
  return { ok: true }
}
