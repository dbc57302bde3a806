/**
 * A setting the operator got wrong: its message says which and how, so start-up prints the message alone,
 * not a stack trace (scripts/lib/config-errors.ts, scripts/server.ts, scripts/start.ts match it by name,
 * which survives bundling).
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

export const isConfigError = (e: unknown): e is Error => e instanceof Error && e.name === 'ConfigError'
