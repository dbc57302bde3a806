/** Dispatch by channel type: decrypt and resolve secrets, validate the stored settings, then send. */
import type { z } from 'zod'
import { decryptSecrets, resolveSecretRefs, type SecretMap } from '../crypto'
import type { NotificationMessage } from '../payload'
import { ChannelSchemas, CHANNEL_TYPES, type ChannelType } from '../schema'
import * as consoleChannel from './console'
import * as emailChannel from './email'
import * as fileChannel from './file'
import * as pagerdutyChannel from './pagerduty'
import * as slackChannel from './slack'
import * as webhookChannel from './webhook'
import type { ChannelSend, SendContext, SendResult } from './types'

export type { SendContext, SendResult } from './types'

export interface StoredChannel {
  id: string
  type: string
  config: unknown
  secretEnc: string | null
}

const isChannelType = (t: string): t is ChannelType => (CHANNEL_TYPES as readonly string[]).includes(t)

const INVALID: SendResult = { ok: false, error: 'The channel settings are incomplete or invalid; edit the channel.' }

function run<C extends z.ZodType, S extends z.ZodType>(
  schemas: { config: C; secrets: S },
  send: ChannelSend<z.infer<C>, z.infer<S>>,
  message: NotificationMessage,
  rawConfig: unknown,
  rawSecrets: SecretMap,
  ctx: SendContext,
): Promise<SendResult> {
  const config = schemas.config.safeParse(rawConfig ?? {})
  const secrets = schemas.secrets.safeParse(rawSecrets)
  if (!config.success || !secrets.success) return Promise.resolve(INVALID)
  return send(message, config.data, secrets.data, ctx)
}

export async function sendToChannel(channel: StoredChannel, message: NotificationMessage, ctx: SendContext): Promise<SendResult> {
  if (!isChannelType(channel.type)) return { ok: false, error: `Unknown channel type ${channel.type}` }
  let secrets: SecretMap
  try {
    secrets = resolveSecretRefs(decryptSecrets(channel.secretEnc, channel.id))
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : 'Secrets unavailable' }
  }
  const args = [message, channel.config, secrets, ctx] as const
  switch (channel.type) {
    case 'console':
      return run(ChannelSchemas.console, consoleChannel.send, ...args)
    case 'file':
      return run(ChannelSchemas.file, fileChannel.send, ...args)
    case 'email':
      return run(ChannelSchemas.email, emailChannel.send, ...args)
    case 'slack':
      return run(ChannelSchemas.slack, slackChannel.send, ...args)
    case 'pagerduty':
      return run(ChannelSchemas.pagerduty, pagerdutyChannel.send, ...args)
    case 'webhook':
      return run(ChannelSchemas.webhook, webhookChannel.send, ...args)
  }
}
