import { EventEmitter } from 'node:events'
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ChildProcess } from 'node:child_process'
import type { RunningServer } from './embedded-server'
import { backoffFor, describeExit, supervise, type EmbeddedServerState } from './embedded-supervisor'

let nextPid = 100
/** A stand-in for the postgres process: `crash()` makes it exit as kill -9 would. */
function fakeServer() {
  const child = Object.assign(new EventEmitter(), { pid: nextPid++ }) as unknown as ChildProcess
  let stopped = false
  const server: RunningServer & { crash: (signal?: NodeJS.Signals) => void; stopped: () => boolean } = {
    child,
    stop: async () => {
      stopped = true
      child.emit('exit', 0, null)
    },
    crash: (signal = 'SIGKILL') => child.emit('exit', null, signal),
    stopped: () => stopped,
  }
  return server
}

const until = async (check: () => boolean, ms = 2000) => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe('embedded server supervisor', () => {
  it('waits 200 ms, 0.5 s, 1 s, 2 s, then 5 s between attempts', () => {
    expect([0, 1, 2, 3, 4, 5, 40].map((a) => backoffFor(a))).toEqual([200, 500, 1000, 2000, 5000, 5000, 5000])
  })

  it('describes an exit by its signal or code', () => {
    expect(describeExit(null, 'SIGKILL')).toBe('signal SIGKILL')
    expect(describeExit(1, null)).toBe('exit code 1')
  })

  it('restarts a server that died, retrying until one starts, and records it for /health', async () => {
    const stateFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'sup-')), 'state.json')
    const first = fakeServer()
    const second = fakeServer()
    const third = fakeServer()
    const queue = [second, third]
    let attempts = 0
    const log: string[] = []
    const sup = supervise(
      first,
      async () => {
        attempts++
        // The first attempt fails as PostgreSQL does while orphaned backends hold the old shared memory.
        if (attempts === 1) throw new Error('PostgreSQL did not start (exit 1): pre-existing shared memory block is still in use')
        return queue.shift()!
      },
      { log: (m) => log.push(m), stateFile, backoffMs: [1, 1] },
    )
    const read = () => JSON.parse(readFileSync(stateFile, 'utf8')) as EmbeddedServerState
    expect(read()).toMatchObject({ state: 'running', pid: first.child.pid, restarts: 0 })

    first.crash('SIGKILL')
    expect(read()).toMatchObject({ state: 'restarting', pid: null, lastExit: 'signal SIGKILL' })
    await until(() => sup.state().state === 'running')
    expect(attempts).toBe(2)
    expect(read()).toMatchObject({ state: 'running', pid: second.child.pid, restarts: 1, lastError: null })
    expect(log[0]).toBe('embedded PostgreSQL stopped unexpectedly (signal SIGKILL); restarting it')
    expect(log.at(-1)).toMatch(/^embedded PostgreSQL is back after \d+ ms \(restart 1, attempt 2\)$/)

    // The restarted server is watched too.
    second.crash('SIGABRT')
    await until(() => sup.state().restarts === 2)
    expect(read()).toMatchObject({ state: 'running', pid: third.child.pid, lastExit: 'signal SIGABRT' })

    await sup.stop()
    expect(third.stopped()).toBe(true)
    expect(read().state).toBe('stopped')
  })

  it('does not restart a server it was asked to stop, and stops one mid-restart', async () => {
    const first = fakeServer()
    let attempts = 0
    const sup = supervise(
      first,
      async () => {
        attempts++
        return fakeServer()
      },
      { log: () => {}, backoffMs: [10_000] },
    )
    await sup.stop()
    expect(first.stopped()).toBe(true)
    expect(attempts).toBe(0)
    expect(sup.state().state).toBe('stopped')

    const a = fakeServer()
    const sup2 = supervise(a, async () => fakeServer(), { log: () => {}, backoffMs: [10_000] })
    a.crash()
    expect(sup2.state().state).toBe('restarting')
    const t0 = Date.now()
    await sup2.stop() // wakes the 10 s backoff and gives up
    expect(Date.now() - t0).toBeLessThan(1000)
    expect(sup2.state().state).toBe('stopped')
  })
})
