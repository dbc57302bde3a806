/**
 * The peer's half of `npm run bench -- flags`: the bench's 20 flags in Unleash's terms and one measurement
 * of its frontend API with the same load, connections and contexts as Wardroom's OFREP bulk evaluation.
 */
import { runLoad, type LoadResult } from './load'
import { peerWanted, startUnleash, UNLEASH_FRONTEND_TOKEN, UNLEASH_VERSION, type UnleashFlag } from './unleash'

export interface BenchContext {
  targetingKey: string
  department: string
  role: string
  region: string
  appVersion: string
}

/**
 * The flags of scripts/bench/flags.ts `benchFlags()`, flag for flag: i % 4 = 0 on for everyone; 1 on for
 * emergency physicians, else 30 % of the north; 2 on for 25 %; 3 a string flag serving "next" from app
 * version 3.2.0 and "stable" otherwise (Unleash lists every enabled flag with its variant).
 */
export function unleashFlags(): UnleashFlag[] {
  return Array.from({ length: 20 }, (_, i): UnleashFlag => {
    const name = `bench_flag_${String(i).padStart(2, '0')}`
    switch (i % 4) {
      case 0:
        return { name, strategies: [{ rollout: 100 }] }
      case 1:
        return {
          name,
          strategies: [
            {
              rollout: 100,
              constraints: [
                { contextName: 'department', operator: 'IN', values: ['emergency'] },
                { contextName: 'role', operator: 'IN', values: ['physician'] },
              ],
            },
            { rollout: 30, constraints: [{ contextName: 'region', operator: 'IN', values: ['north'] }] },
          ],
        }
      case 2:
        return { name, strategies: [{ rollout: 25 }] }
      default:
        return {
          name,
          strategies: [
            {
              rollout: 100,
              constraints: [{ contextName: 'appVersion', operator: 'SEMVER_GT', value: '3.1.99' }],
              variants: [{ name: 'next', weight: 1000, payload: { type: 'string', value: '2.0.0' } }],
            },
            { rollout: 100, variants: [{ name: 'stable', weight: 1000, payload: { type: 'string', value: '1.4.2' } }] },
          ],
        }
    }
  })
}

export interface PeerResult {
  peer: string
  frontend: LoadResult
}

/**
 * unleash-server's frontend API under the bench's load: warm-up, then `count` requests over `concurrency`
 * connections, each with its own userId. Null when BENCH_PEER=off.
 */
export async function measurePeer(opts: {
  count: number
  warmup: number
  concurrency: number
  contextOf: (i: number) => BenchContext
  say: (m: string) => void
}): Promise<PeerResult | null> {
  if (!peerWanted()) return null
  opts.say(`starting the peer, unleash-server ${UNLEASH_VERSION}, with the same 20 flags…`)
  const peer = await startUnleash(unleashFlags(), opts.say)
  try {
    const headers = { authorization: UNLEASH_FRONTEND_TOKEN, 'content-type': 'application/json' }
    const request = (i: number) => {
      const { targetingKey, ...properties } = opts.contextOf(i)
      return { method: 'POST' as const, path: '/api/frontend', headers, body: JSON.stringify({ context: { userId: targetingKey, properties } }) }
    }
    const base = { baseUrl: peer.baseUrl, concurrency: opts.concurrency, okStatus: [200] }
    await runLoad({ ...base, count: opts.warmup, request: (i) => request(3_000_000 + i) })
    opts.say('measuring the peer: unleash-server POST /api/frontend (20 flags)…')
    const frontend = await runLoad({ ...base, count: opts.count, request })
    return { peer: `unleash-server ${UNLEASH_VERSION}`, frontend }
  } finally {
    await peer.stop()
  }
}
