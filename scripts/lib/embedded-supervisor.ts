/**
 * Keeps the embedded PostgreSQL server running for as long as `npm start` runs: when the server process
 * exits without being asked to (kill -9, the OOM killer, a PANIC on a full disk that its own crash restart
 * could not get past), it is started again with backoff until it accepts connections; PostgreSQL's crash
 * recovery replays its WAL, so nothing committed is lost. Meanwhile the app answers 503 with Retry-After
 * (lib/errors.ts) and `/health` reads the state written here (lib/health.ts) to say which part is down.
 */
import { renameSync, writeFileSync } from 'node:fs'
import type { RunningServer } from './embedded-server'

/** What `/health` reads: written atomically to the state file on every change. */
export interface EmbeddedServerState {
  state: 'running' | 'restarting' | 'stopped'
  pid: number | null
  /** Restarts since `npm start`. */
  restarts: number
  /** When the current state began (ISO). */
  since: string
  /** How the last unexpected exit happened (`signal SIGKILL`, `exit code 1`). */
  lastExit: string | null
  /** Why the last restart attempt failed, in PostgreSQL's words (no secrets: its startup log lines). */
  lastError: string | null
}

export interface SupervisorOptions {
  log: (message: string) => void
  stateFile?: string
  /** Waits between restart attempts, the last one repeated (ms). */
  backoffMs?: number[]
  now?: () => Date
}

export interface Supervisor {
  stop: () => Promise<void>
  state: () => EmbeddedServerState
}

const DEFAULT_BACKOFF_MS = [200, 500, 1000, 2000, 5000]

/** The wait before restart attempt `attempt` (0-based). */
export function backoffFor(attempt: number, steps: number[] = DEFAULT_BACKOFF_MS): number {
  return steps[Math.min(attempt, steps.length - 1)]!
}

/** `signal SIGKILL` / `exit code 1`, for the log and `/health`. */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `exit code ${code ?? 'unknown'}`
}

export function supervise(first: RunningServer, restart: () => Promise<RunningServer>, opts: SupervisorOptions): Supervisor {
  const now = opts.now ?? (() => new Date())
  const steps = opts.backoffMs ?? DEFAULT_BACKOFF_MS
  let current: RunningServer | null = first
  let stopping = false
  let restarting: Promise<void> | null = null
  let wake: (() => void) | null = null
  let state: EmbeddedServerState = {
    state: 'running',
    pid: first.child.pid ?? null,
    restarts: 0,
    since: now().toISOString(),
    lastExit: null,
    lastError: null,
  }

  const write = (patch: Partial<EmbeddedServerState>) => {
    state = { ...state, ...patch }
    if (!opts.stateFile) return
    try {
      writeFileSync(`${opts.stateFile}.tmp`, JSON.stringify(state))
      renameSync(`${opts.stateFile}.tmp`, opts.stateFile)
    } catch {
      /* a full disk must not stop the supervisor; /health then reads the older state or none */
    }
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms)
      wake = () => {
        clearTimeout(t)
        resolve()
      }
    })

  const restartLoop = async (exit: string) => {
    const lostAt = Date.now()
    opts.log(`embedded PostgreSQL stopped unexpectedly (${exit}); restarting it`)
    write({ state: 'restarting', pid: null, since: now().toISOString(), lastExit: exit, lastError: null })
    for (let attempt = 0; !stopping; attempt++) {
      await sleep(backoffFor(attempt, steps))
      if (stopping) return
      try {
        const server = await restart()
        if (stopping) {
          await server.stop()
          return
        }
        current = server
        watch(server)
        write({ state: 'running', pid: server.child.pid ?? null, restarts: state.restarts + 1, since: now().toISOString(), lastError: null })
        opts.log(`embedded PostgreSQL is back after ${Date.now() - lostAt} ms (restart ${state.restarts}, attempt ${attempt + 1})`)
        return
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e)
        // Orphaned backends still attached to the old shared memory, or a disk still full: try again.
        if (attempt === 0 || attempt % 10 === 9) opts.log(`embedded PostgreSQL did not start yet (attempt ${attempt + 1}): ${message.split('\n')[0]}`)
        write({ lastError: message.slice(0, 500) })
      }
    }
  }

  function watch(server: RunningServer) {
    server.child.once('exit', (code, signal) => {
      if (stopping || current !== server) return
      current = null
      restarting = restartLoop(describeExit(code, signal)).finally(() => {
        restarting = null
      })
    })
  }

  watch(first)
  write({})

  return {
    state: () => state,
    stop: async () => {
      stopping = true
      wake?.()
      await restarting
      await current?.stop()
      current = null
      write({ state: 'stopped', pid: null, since: now().toISOString() })
    },
  }
}
