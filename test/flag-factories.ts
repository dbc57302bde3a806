/** Flag fixtures for DB tests: unique keys, created through the service (so they are audited and versioned). */
import { expect } from 'vitest'
import { SYSTEM_ACTOR } from '@/lib/audit'
import { ApiError } from '@/lib/errors'
import { createFlag, updateEnvironment } from '@/lib/flags/service'
import type { EnvironmentConfig, FlagCreateInput } from '@/lib/flags/schema'

let n = 0
export const flagKey = (p = 'f') => `${p}_${Date.now().toString(36)}_${(n++).toString(36)}_${Math.random().toString(36).slice(2, 6)}`

export const BOOL_VARIANTS = [
  { key: 'off', value: false },
  { key: 'on', value: true },
]

export async function makeFlag(over: Partial<FlagCreateInput> = {}, envs: Partial<Record<string, EnvironmentConfig>> = {}) {
  const key = over.key ?? flagKey()
  const flag = await createFlag({ key, name: key, type: 'boolean', variants: BOOL_VARIANTS, ...over }, SYSTEM_ACTOR)
  for (const [env, config] of Object.entries(envs)) {
    if (config) await updateEnvironment(key, env, config, SYSTEM_ACTOR)
  }
  return flag
}

/** Awaits a promise that must fail with an ApiError, and returns that error for its status and code. */
export async function rejects(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(ApiError)
  return err as ApiError
}
