/**
 * Stale flags: a flag unchanged for 30 days that serves everyone the same thing in every environment (0 %
 * or 100 %: off, killed, one variant, or a split with one live variant; no targeting rules; no rollout in
 * progress) has done its job and should be cleaned out of the code. The daily job `flag-stale` marks it.
 */
import type { Actor } from '../audit'
import { db } from '../db'
import { configOf, mutate, recordChange } from './mutation'
import type { EnvironmentConfig } from './schema'

export const STALE_AFTER_DAYS = 30
const DAY_MS = 86_400_000
const STALE_ACTOR: Actor = { type: 'system', id: null, label: 'flag-stale' }

/** Whether an environment serves one variant to everybody (the rollout is at 0 % or 100 %). */
export function servesEveryoneAlike(config: EnvironmentConfig, killed: boolean): boolean {
  if (!config.enabled || killed) return true
  if (config.rules.length) return false
  const s = config.defaultServe
  return 'variant' in s || new Set(s.split.filter((p) => p.weight > 0).map((p) => p.variant)).size <= 1
}

export async function markStaleFlags(now: Date, opts: { flagIds?: string[]; signal?: AbortSignal } = {}): Promise<{ checked: number; marked: string[] }> {
  const cutoff = new Date(now.getTime() - STALE_AFTER_DAYS * DAY_MS)
  const candidates = await db.flag.findMany({
    where: {
      ...(opts.flagIds ? { id: { in: opts.flagIds } } : {}),
      lifecycle: 'active', lastChangedAt: { lt: cutoff }, rollouts: { none: { status: { in: ['running', 'paused'] } } },
    },
    include: { environments: true },
  })
  const marked: string[] = []
  for (const flag of candidates) {
    opts.signal?.throwIfAborted()
    if (!flag.environments.every((e) => servesEveryoneAlike(configOf(e), e.killed))) continue
    await mutate(async (tx) => {
      const n = await tx.flag.updateMany({ where: { id: flag.id, lifecycle: 'active', lastChangedAt: { lt: cutoff } }, data: { lifecycle: 'stale' } })
      if (n.count === 0) return
      await recordChange(tx, flag, STALE_ACTOR, {
        environment: null,
        event: 'lifecycle_stale',
        action: 'flag.lifecycle.stale',
        data: { unchangedDays: Math.floor((now.getTime() - flag.lastChangedAt.getTime()) / DAY_MS) },
        affectsEvaluation: false,
        touches: false,
      }, { now })
    })
    marked.push(flag.key)
  }
  return { checked: candidates.length, marked }
}
