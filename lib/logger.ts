/**
 * Structured JSON logs (pino). Never log PHI or secrets: log identifiers and counts, not free text from
 * clinical systems. Known secret-bearing keys are redacted as a second line of defence.
 */
import pino from 'pino'
import { env } from './env'

const g = globalThis as unknown as { wardroomLogger?: pino.Logger }

export const logger: pino.Logger =
  g.wardroomLogger ??
  (g.wardroomLogger = pino({
    level: process.env.NODE_ENV === 'test' ? 'silent' : env.LOG_LEVEL,
    base: { service: 'wardroom' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'apiKey',
        '*.apiKey',
        'authorization',
        '*.authorization',
        'headers.authorization',
        'headers.cookie',
        'secret',
        '*.secret',
      ],
      censor: '[redacted]',
    },
  }))
