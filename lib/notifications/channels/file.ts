/** Appends the notification as one JSON line to <data dir>/logs/alerts.log (created on first use, mode 0600). */
import { appendFile, mkdir } from 'node:fs/promises'
import path from 'node:path'
import { dataDir } from '@/lib/env'
import type { NotificationMessage } from '../payload'
import type { ChannelSend } from './types'

export function alertsLogPath(): string {
  return path.join(dataDir, 'logs', 'alerts.log')
}

export function fileLine(message: NotificationMessage, at: Date): string {
  return `${JSON.stringify({ at: at.toISOString(), ...message })}\n`
}

export const send: ChannelSend<Record<string, never>, Record<string, never>> = async (message, _config, _secrets, ctx) => {
  const file = alertsLogPath()
  try {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
    await appendFile(file, fileLine(message, ctx.now?.() ?? new Date()), { mode: 0o600 })
    return { ok: true }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    return { ok: false, error: `Could not write ${path.basename(file)}${code ? ` (${code})` : ''}` }
  }
}
