/**
 * Stale flags, pure part: a flag unchanged for 30 days that serves everyone the same thing in every
 * environment (0 % or 100 %: off, killed, one variant, or a split with one live variant; no targeting
 * rules; no rollout in progress) has done its job and should be cleaned out of the code. The daily job
 * `flag-stale` marks it through `markStaleFlags` (lib/flags/commands/flags.ts).
 */
import type { EnvironmentConfig } from './schema'

export const STALE_AFTER_DAYS = 30

/** Whether an environment serves one variant to everybody (the rollout is at 0 % or 100 %). */
export function servesEveryoneAlike(config: EnvironmentConfig, killed: boolean): boolean {
  if (!config.enabled || killed) return true
  if (config.rules.length) return false
  const s = config.defaultServe
  return 'variant' in s || new Set(s.split.filter((p) => p.weight > 0).map((p) => p.variant)).size <= 1
}
