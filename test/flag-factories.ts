/** Flag fixtures for DB tests: unique keys, created through the commands (so they are audited and versioned). */
import type { z } from 'zod'
import { expect } from 'vitest'
import { systemActor } from '@/lib/auth/actor'
import { ApiError } from '@/lib/errors'
import { updateEnvironment } from '@/lib/flags/commands/environments'
import { createFlag } from '@/lib/flags/commands/flags'
import { FlagCreateInput, type EnvironmentConfig } from '@/lib/flags/schema'

let n = 0
export const flagKey = (p = 'f') => `${p}_${Date.now().toString(36)}_${(n++).toString(36)}_${Math.random().toString(36).slice(2, 6)}`

export const BOOL_VARIANTS = [
  { key: 'off', value: false },
  { key: 'on', value: true },
]

/** A boolean flag's create input, validated as the boundary (action or route) would before the command. */
export function flagInput(over: Partial<z.input<typeof FlagCreateInput>> = {}): FlagCreateInput {
  const key = over.key ?? flagKey()
  return FlagCreateInput.parse({ key, name: key, type: 'boolean', variants: BOOL_VARIANTS, ...over })
}

export async function makeFlag(over: Partial<z.input<typeof FlagCreateInput>> = {}, envs: Partial<Record<string, EnvironmentConfig>> = {}) {
  const system = systemActor()
  const flag = await createFlag(system, flagInput(over))
  for (const [env, config] of Object.entries(envs)) {
    if (config) await updateEnvironment(system, flag.key, env, config)
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
