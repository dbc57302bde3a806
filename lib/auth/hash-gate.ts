/**
 * A cap on password hashes computed at once. scrypt at N=2^17 takes 128 MiB and a libuv thread for a few
 * hundred milliseconds, so a flood of sign-ins would otherwise exhaust memory and starve every other request.
 * Up to `limit` run; a few more may wait briefly; beyond that the caller is told to come back (503 with
 * Retry-After) instead of joining an unbounded queue.
 */
import { env } from '../env'

export type Release = () => void

export interface Gate {
  /** A release function, or null when the gate is full (or the wait ran out). */
  acquire(): Promise<Release | null>
  readonly active: number
  readonly waiting: number
}

export function createGate(limit: number, maxWaiting: number, maxWaitMs: number): Gate {
  let active = 0
  const queue: Array<(release: Release | null) => void> = []

  const release = (): void => {
    const next = queue.shift()
    if (next) next(once())
    else active--
  }
  // Each holder releases exactly once, whatever its caller does.
  const once = (): Release => {
    let done = false
    return () => {
      if (done) return
      done = true
      release()
    }
  }

  return {
    get active() {
      return active
    },
    get waiting() {
      return queue.length
    },
    acquire() {
      if (active < limit) {
        active++
        return Promise.resolve(once())
      }
      if (queue.length >= maxWaiting) return Promise.resolve(null)
      return new Promise((resolve) => {
        const entry = (r: Release | null) => {
          clearTimeout(timer)
          resolve(r)
        }
        const timer = setTimeout(() => {
          const i = queue.indexOf(entry)
          if (i >= 0) queue.splice(i, 1)
          resolve(null)
        }, maxWaitMs)
        timer.unref?.()
        queue.push(entry)
      })
    },
  }
}

const g = globalThis as unknown as { wardroomLoginGate?: Gate }

/** The gate sign-ins pass through (one per server process). */
export const loginHashGate: Gate = (g.wardroomLoginGate ??= createGate(env.LOGIN_HASH_CONCURRENCY, env.LOGIN_HASH_CONCURRENCY * 2, 2_000))

/** Seconds a refused sign-in should wait before trying again. */
export const LOGIN_BUSY_RETRY_SECONDS = 2
